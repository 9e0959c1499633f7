/**
 * Mapbox secret access tokens `sk.eyJ…` (https://docs.mapbox.com/accounts/guides/tokens/). Public
 * tokens (`pk.eyJ…`) are meant for browsers and are not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64URL, fake, rules } from '../_kit/kit.ts';

const payload = Buffer.from(`{"u":"acme-maps","a":"${fake(B64URL, 24, 'mapbox-a')}"}`).toString('base64url');
const sk = 'sk.' + payload + '.' + fake(B64URL, 22, 'mapbox-sig').replace(/[-_]$/, 'Q');

const list: SecretRule[] = [
  {
    id: 'mapbox-secret-token',
    title: 'Mapbox secret access token',
    provider: 'Mapbox',
    severity: 'high',
    confidence: 'high',
    keywords: ['sk.eyj'],
    pattern: /\b(?<secret>sk\.eyJ[A-Za-z0-9_-]{20,300}\.[A-Za-z0-9_-]{20,40})(?![\w.-])/,
    minEntropy: 4,
    remediation:
      'Delete the token at https://account.mapbox.com/access-tokens/, create one with the least scopes, and load it from the environment.',
    samples: {
      tp: [
        { text: `MAPBOX_SECRET_TOKEN=${sk}`, secret: sk },
        { text: `MAPBOXGL_DOWNLOADS_TOKEN: "${sk}"`, secret: sk },
      ],
      fp: [`mapboxgl.accessToken = 'pk.${payload}.${fake(B64URL, 22, 'mapbox-pk')}';`, 'MAPBOX_SECRET_TOKEN=sk.eyJ...'],
    },
  },
];

export default rules(list);

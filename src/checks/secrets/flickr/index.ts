/** Flickr API keys: 32 hex characters, recognised by their name (https://www.flickr.com/services/api/misc.api_keys.html). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, HEX, rules } from '../_kit/kit.ts';

const key = fake(HEX, 32, 'flickr');

const list: SecretRule[] = [
  {
    id: 'flickr-api-key',
    title: 'Flickr API key',
    provider: 'Flickr',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['flickr'],
    pattern: assigned({ names: ['flickr'], value: '[0-9a-f]{32}' }),
    minEntropy: 3,
    remediation:
      'Delete the key at https://www.flickr.com/services/apps/by/me, request a new one, and load it (and its secret) from the environment.',
    samples: {
      tp: [{ text: `FLICKR_API_KEY=${key}`, secret: key }],
      fp: [`API_KEY=${key}`],
    },
  },
];

export default rules(list);

/**
 * 42 Network (Intra) OAuth client secrets (https://api.intra.42.fr/apidoc/guides/getting_started):
 * `s-s4t2ud-` (user applications) or `s-s4t2af-` followed by 64 hexadecimal characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, HEX, rules } from '../_kit/kit.ts';

const ud = `s-s4t2ud-${fake(HEX, 64, 'intra42-ud')}`;
const af = `s-s4t2af-${fake(HEX, 64, 'intra42-af')}`;

const list: SecretRule[] = [
  {
    id: 'intra42-client-secret',
    title: '42 Intra OAuth client secret',
    provider: 'Intra42',
    severity: 'high',
    confidence: 'high',
    keywords: ['s-s4t2ud-', 's-s4t2af-'],
    pattern: /(?<![\w-])(?<secret>s-s4t2(?:ud|af)-[0-9a-f]{64})(?![\w-])/,
    minEntropy: 3,
    remediation:
      'Generate a new secret for the application at https://profile.intra.42.fr/oauth/applications (the old one lets anyone act as your app), and load it from the environment.',
    samples: {
      tp: [
        { text: `FT_CLIENT_SECRET=${ud}`, secret: ud },
        { text: `secret: '${af}'`, secret: af },
      ],
      fp: [
        `FT_CLIENT_SECRET=s-s4t2ud-${'x'.repeat(64)}`,
        `s-s4t2ud-${fake(HEX, 63, 'intra42-short')}`,
        `s-s4t2ud-${fake(HEX, 64, 'intra42-long')}0`,
      ],
    },
  },
];

export default rules(list);

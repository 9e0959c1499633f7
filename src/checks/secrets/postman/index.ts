/**
 * Postman API keys `PMAK-<24 hex>-<34 hex>` (https://learning.postman.com/docs/developer/postman-api/authentication/)
 * and collection access keys `PMAT-<26>` that grant read access to one shared collection.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, HEX, rules, UPNUM } from '../_kit/kit.ts';

const pmak = 'PMAK-' + fake(HEX, 24, 'pmak-a') + '-' + fake(HEX, 34, 'pmak-b');
const pmat = 'PMAT-' + '01' + fake(UPNUM, 24, 'pmat');

const list: SecretRule[] = [
  {
    id: 'postman-api-key',
    title: 'Postman API key',
    provider: 'Postman',
    severity: 'high',
    confidence: 'high',
    keywords: ['pmak-'],
    pattern: /\b(?<secret>PMAK-[0-9a-f]{24}-[0-9a-f]{34})\b/,
    minEntropy: 3,
    remediation:
      'Revoke the key at https://go.postman.co/settings/me/api-keys (it reads and edits every workspace you can: environments often hold more secrets), create a new one, and load it from the environment.',
    samples: {
      tp: [
        { text: `POSTMAN_API_KEY=${pmak}`, secret: pmak },
        { text: `curl -H "X-Api-Key: ${pmak}" https://api.getpostman.com/me`, secret: pmak },
      ],
      fp: ['X-Api-Key: {{postman_api_key}}', 'POSTMAN_API_KEY=PMAK-xxxxxxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'postman-collection-access-key',
    title: 'Postman collection access key',
    provider: 'Postman',
    severity: 'medium',
    confidence: 'high',
    keywords: ['pmat-'],
    pattern: /\b(?<secret>PMAT-[0-9A-Z]{26})\b/,
    minEntropy: 3.5,
    remediation:
      'Revoke the collection access key in Postman (Settings > API keys > Collection access keys); anyone with it can read the collection and the examples it holds.',
    samples: {
      tp: [{ text: `https://api.postman.com/collections/12345678-abcd?access_key=${pmat}`, secret: pmat }],
      fp: ['access_key=PMAT-XXXXXXXXXXXXXXXXXXXXXXXXXX'],
    },
  },
];

export default rules(list);

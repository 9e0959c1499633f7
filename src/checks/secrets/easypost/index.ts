/**
 * EasyPost API keys: production keys `EZAK` and test keys `EZTK`, then 54 characters
 * (https://docs.easypost.com/docs/authentication).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const revoke = 'Disable the key and create a new one at https://www.easypost.com/account/api-keys, then load it from the environment.';
const prod = 'EZAK' + fake(ALNUM, 54, 'easypost-prod');
const test = 'EZTK' + fake(ALNUM, 54, 'easypost-test');

const list: SecretRule[] = [
  {
    id: 'easypost-production-api-key',
    title: 'EasyPost production API key',
    provider: 'EasyPost',
    severity: 'high',
    confidence: 'high',
    keywords: ['ezak'],
    pattern: /\b(?<secret>EZAK[0-9A-Za-z]{54})\b/,
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `client = easypost.EasyPostClient("${prod}")`, secret: prod }],
      fp: ['EZAK' + 'x'.repeat(54), 'EZAK<your production key>'],
    },
  },
  {
    id: 'easypost-test-api-key',
    title: 'EasyPost test API key',
    provider: 'EasyPost',
    severity: 'low',
    confidence: 'high',
    keywords: ['eztk'],
    pattern: /\b(?<secret>EZTK[0-9A-Za-z]{54})\b/,
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `EASYPOST_API_KEY=${test}`, secret: test }],
      fp: ['EASYPOST_API_KEY=EZTK...'],
    },
  },
];

export default rules(list);

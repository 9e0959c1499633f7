/** Resend API keys: `re_`, 8 base58 characters, `_`, 24 base58 characters (https://resend.com/docs/dashboard/api-keys/introduction). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { BASE58, fake, rules } from '../_kit/kit.ts';

const key = 're_' + fake(BASE58, 8, 'resend-a') + '_' + fake(BASE58, 24, 'resend-b');

const list: SecretRule[] = [
  {
    id: 'resend-api-key',
    title: 'Resend API key',
    provider: 'Resend',
    severity: 'high',
    confidence: 'high',
    keywords: ['re_'],
    pattern: /\b(?<secret>re_[1-9A-HJ-NP-Za-km-z]{8}_[1-9A-HJ-NP-Za-km-z]{24})\b/,
    minEntropy: 3.5,
    remediation: 'Delete the key at https://resend.com/api-keys, create one with sending access only, and load it from the environment.',
    samples: {
      tp: [
        { text: `RESEND_API_KEY=${key}`, secret: key },
        { text: `const resend = new Resend('${key}');`, secret: key },
      ],
      fp: ['RESEND_API_KEY=re_123456789', 're_xxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxx', `re_0${fake(BASE58, 7, 'r0')}_${fake(BASE58, 24, 'r1')}`],
    },
  },
];

export default rules(list);

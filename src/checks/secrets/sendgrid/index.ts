/** SendGrid API keys: `SG.` + 22 characters + `.` + 43 characters (https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64URL, fake, rules } from '../_kit/kit.ts';

const seg = (n: number, seed: string) => fake(B64URL, n, seed).replace(/^[-_]/, 'A').replace(/[-_]$/, 'z');
const key = 'SG.' + seg(22, 'sg-a') + '.' + seg(43, 'sg-b');

const list: SecretRule[] = [
  {
    id: 'sendgrid-api-key',
    title: 'SendGrid API key',
    provider: 'SendGrid',
    severity: 'high',
    confidence: 'high',
    keywords: ['sg.'],
    pattern: /\b(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![\w-])/,
    minEntropy: 4,
    remediation:
      'Delete the key at https://app.sendgrid.com/settings/api_keys (a leaked key sends mail as your domain), create one with only Mail Send, and load it from the environment.',
    samples: {
      tp: [
        { text: `SENDGRID_API_KEY=${key}`, secret: key },
        { text: `sgMail.setApiKey('${key}');`, secret: key },
      ],
      fp: ['SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'SG.<your key>', 'SG.abc.def'],
    },
  },
];

export default rules(list);

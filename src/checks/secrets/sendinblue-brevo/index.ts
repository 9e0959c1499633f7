/**
 * Brevo (formerly Sendinblue) API keys `xkeysib-` and SMTP keys `xsmtpsib-`: 64 hex characters, `-`,
 * 16 characters (https://developers.brevo.com/docs/getting-started).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, HEX, rules } from '../_kit/kit.ts';

const revoke =
  'Delete the key in Brevo (Settings > SMTP & API > API keys / SMTP keys), create a new one, and load it from the environment.';
const api = 'xkeysib-' + fake(HEX, 64, 'brevo-api') + '-' + fake(ALNUM, 16, 'brevo-api-2');
const smtp = 'xsmtpsib-' + fake(HEX, 64, 'brevo-smtp') + '-' + fake(ALNUM, 16, 'brevo-smtp-2');

const list: SecretRule[] = [
  {
    id: 'brevo-api-key',
    title: 'Brevo (Sendinblue) API key',
    provider: 'Brevo',
    severity: 'high',
    confidence: 'high',
    keywords: ['xkeysib-'],
    pattern: /\b(?<secret>xkeysib-[0-9a-f]{64}-[A-Za-z0-9]{16})\b/,
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `BREVO_API_KEY=${api}`, secret: api }],
      fp: ['SENDINBLUE_API_KEY=xkeysib-xxxxxxxx', `xkeysib-${'0'.repeat(64)}-${fake(ALNUM, 16, 'z')}`],
    },
  },
  {
    id: 'brevo-smtp-key',
    title: 'Brevo (Sendinblue) SMTP key',
    provider: 'Brevo',
    severity: 'high',
    confidence: 'high',
    keywords: ['xsmtpsib-'],
    pattern: /\b(?<secret>xsmtpsib-[0-9a-f]{64}-[A-Za-z0-9]{16})\b/,
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `spring.mail.password=${smtp}`, secret: smtp }],
      fp: ['spring.mail.password=xsmtpsib-<smtp key>'],
    },
  },
];

export default rules(list);

/**
 * Mailchimp Marketing API keys: 32 hex characters, `-us`, the data-center number
 * (https://mailchimp.com/developer/marketing/guides/quick-start/#generate-your-api-key); Mailchimp
 * Transactional (Mandrill) keys are 22 characters, recognised by their name.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, HEX, rules } from '../_kit/kit.ts';

const key = fake(HEX, 32, 'mailchimp') + '-us12';
const mandrill = 'md-' + fake(ALNUM, 22, 'mandrill');

const list: SecretRule[] = [
  {
    id: 'mailchimp-api-key',
    title: 'Mailchimp Marketing API key',
    provider: 'Mailchimp',
    severity: 'high',
    confidence: 'high',
    keywords: ['-us'],
    pattern: /\b(?<secret>[0-9a-f]{32}-us[0-9]{1,2})\b/,
    minEntropy: 3,
    remediation:
      'Revoke the key in Mailchimp (Profile > Extras > API keys), create a new one, and load it from the environment: a leaked key exports your audience lists.',
    samples: {
      tp: [
        { text: `MAILCHIMP_API_KEY=${key}`, secret: key },
        { text: `mailchimp.setConfig({ apiKey: "${key}", server: "us12" });`, secret: key },
      ],
      fp: ['MAILCHIMP_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-us12', `checksum ${fake(HEX, 32, 'mc-md5')} en-us`, '<your-api-key>-us6'],
    },
  },
  {
    id: 'mailchimp-transactional-api-key',
    title: 'Mailchimp Transactional (Mandrill) API key',
    provider: 'Mailchimp',
    severity: 'high',
    confidence: 'medium',
    keywords: ['mandrill'],
    pattern: assigned({ names: ['mandrill'], value: 'md-[A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{22}' }),
    minEntropy: 3.5,
    remediation:
      'Delete the key in Mailchimp Transactional (Settings > SMTP & API Info), create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `MANDRILL_API_KEY=${mandrill}`, secret: mandrill }],
      fp: [`API_KEY=${mandrill}`, 'MANDRILL_API_KEY=md-XXXXXXXXXXXXXXXXXXXXXX'],
    },
  },
];

export default rules(list);

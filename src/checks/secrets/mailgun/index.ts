/**
 * Mailgun private API keys and webhook signing keys: `key-` + 32 hex (older accounts) or 32 hex, 8 hex
 * and 8 hex joined by `-` (https://documentation.mailgun.com/docs/mailgun/api-reference/authentication/).
 * Neither has a prefix of its own, so the name must say Mailgun or the key must sit in HTTP basic auth
 * as `api:<key>`, which is how Mailgun takes it. Public validation keys (`pubkey-…`) are not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, HEX, rules } from '../_kit/kit.ts';

const KEY = 'key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}';
const revoke =
  'Delete the key in the Mailgun control panel (API Security > API keys, or Sending > Webhooks for the signing key), create a new one, and load it from the environment.';

const old = 'key-' + fake(HEX, 32, 'mailgun-old');
const current = fake(HEX, 32, 'mailgun-new') + '-' + fake(HEX, 8, 'mg-b') + '-' + fake(HEX, 8, 'mg-c');

const list: SecretRule[] = [
  {
    id: 'mailgun-api-key',
    title: 'Mailgun private API key or webhook signing key',
    provider: 'Mailgun',
    severity: 'high',
    confidence: 'high',
    keywords: ['mailgun'],
    pattern: assigned({ names: ['mailgun'], value: KEY }),
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [
        { text: `MAILGUN_API_KEY=${old}`, secret: old },
        { text: `MAILGUN_WEBHOOK_SIGNING_KEY: "${current}"`, secret: current },
      ],
      fp: [
        `MAILGUN_PUBLIC_KEY=pubkey-${fake(HEX, 32, 'mg-pub')}`,
        'MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        `API_KEY=${old}`,
      ],
    },
  },
  {
    id: 'mailgun-api-key-basic-auth',
    title: 'Mailgun private API key in HTTP basic auth',
    provider: 'Mailgun',
    severity: 'high',
    confidence: 'high',
    keywords: ['api:'],
    pattern: new RegExp(String.raw`\bapi:(?<secret>${KEY})\b`),
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [
        { text: `curl -s --user 'api:${current}' https://api.mailgun.net/v3/example.com/messages`, secret: current },
        { text: `https://api:${old}@api.mailgun.net/v3/example.com/messages`, secret: old },
      ],
      fp: ["curl -s --user 'api:YOUR_API_KEY' https://api.mailgun.net/v3/example.com/messages", 'api:key-0123456789abcdef0123456789abcdef'],
    },
  },
];

export default rules(list);

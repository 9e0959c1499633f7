/**
 * Plaid (https://plaid.com/docs/api/tokens/): access tokens `access-<environment>-<uuid>` give the
 * holder of the client credentials the bank data of one Item; the API secret is 30 hex characters,
 * recognisable by its name. Public tokens and link tokens are short-lived and are not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, fakeUuid, HEX, rules } from '../_kit/kit.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const prod = 'access-' + 'production-' + fakeUuid('plaid-prod');
const dev = 'access-' + 'development-' + fakeUuid('plaid-dev');
const sbx = 'access-' + 'sandbox-' + fakeUuid('plaid-sbx');
const secret = fake(HEX, 30, 'plaid-secret');

const list: SecretRule[] = [
  {
    id: 'plaid-access-token',
    title: 'Plaid access token (production or development)',
    provider: 'Plaid',
    severity: 'high',
    confidence: 'high',
    keywords: ['access-production-', 'access-development-'],
    pattern: new RegExp(String.raw`\b(?<secret>access-(?:production|development)-${UUID})\b`),
    minEntropy: 3,
    remediation:
      'Call /item/remove (or /item/access_token/invalidate) for the Item to revoke the token, rotate the API secret at https://dashboard.plaid.com/developers/keys if it leaked too, and keep tokens in your database, not in code.',
    samples: {
      tp: [
        { text: `PLAID_ACCESS_TOKEN=${prod}`, secret: prod },
        { text: `{"access_token": "${dev}"}`, secret: dev },
      ],
      fp: [
        'access-production-00000000-0000-0000-0000-000000000000',
        'access-production-<uuid>',
        `public-production-${fakeUuid('plaid-pub')}`,
      ],
    },
  },
  {
    id: 'plaid-sandbox-access-token',
    title: 'Plaid sandbox access token',
    provider: 'Plaid',
    severity: 'low',
    confidence: 'high',
    keywords: ['access-sandbox-'],
    pattern: new RegExp(String.raw`\b(?<secret>access-sandbox-${UUID})\b`),
    minEntropy: 3,
    // The token of Plaid's /item/public_token/exchange documentation example.
    allow: [/^access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6$/],
    remediation: 'Sandbox tokens reach no real bank data; remove the Item with /item/remove and keep tokens out of code.',
    samples: {
      tp: [{ text: `access_token = "${sbx}"`, secret: sbx }],
      fp: ['access-sandbox-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', '"access_token": "access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6"'],
    },
  },
  {
    id: 'plaid-secret',
    title: 'Plaid API secret',
    provider: 'Plaid',
    severity: 'high',
    confidence: 'medium',
    keywords: ['plaid'],
    pattern: assigned({ names: ['plaid'], qualifiers: ['secret'], value: '[0-9a-f]{30}' }),
    minEntropy: 3,
    remediation:
      'Rotate the secret at https://dashboard.plaid.com/developers/keys (one per environment) and load it from the environment or a secret manager.',
    samples: {
      tp: [
        { text: `PLAID_SECRET=${secret}`, secret },
        { text: `"plaidSecret": "${secret}",`, secret },
      ],
      fp: [`PLAID_CLIENT_ID=${fake(HEX, 24, 'plaid-cid')}`, 'PLAID_SECRET=your-plaid-secret', `SECRET=${secret}`],
    },
  },
];

export default rules(list);

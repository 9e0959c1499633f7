/**
 * Cloudflare credentials (https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/):
 * user and account API tokens `cfut_` / `cfat_` and global API keys `cfk_` (40 characters and an
 * 8-hex checksum), the older unprefixed API tokens (40 characters) and global API keys (37 hex), reported
 * next to a Cloudflare name, and Origin CA keys (`v1.0-` + 24 + 146 hex).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named } from '../_infra/util.ts';
import { ALNUM, B64URL, ci, fake, HEX, rules } from '../_kit/kit.ts';

const tokens =
  "Roll or delete the token in the dashboard (My Profile > API Tokens, https://dash.cloudflare.com/profile/api-tokens, or the account's API tokens), check the audit log, and give its replacement only the zones and permissions it needs.";
const globalKey =
  'Change the Global API Key (My Profile > API Tokens > Global API Key > Change) and replace its uses with scoped API tokens; check the audit log for changes you did not make.';

const CF = `(?<![A-Za-z0-9])${ci('cf')}`;
const token = `cf${'ut'}_${fake(ALNUM, 40, 'cf-user')}${fake(HEX, 8, 'cf-user-sum')}`;
const accountToken = `cf${'at'}_${fake(ALNUM, 40, 'cf-acct')}${fake(HEX, 8, 'cf-acct-sum')}`;
const key = `cf${'k'}_${fake(ALNUM, 40, 'cf-key')}${fake(HEX, 8, 'cf-key-sum')}`;
const legacyToken = fake(B64URL, 40, 'cf-legacy-token');
const legacyKey = fake(HEX, 37, 'cf-legacy-key');
const origin = `v1.0-${fake(HEX, 24, 'cf-origin1')}-${fake(HEX, 146, 'cf-origin2')}`;

const list: SecretRule[] = [
  {
    id: 'cloudflare-api-token',
    title: 'Cloudflare API token',
    provider: 'Cloudflare',
    severity: 'high',
    confidence: 'high',
    keywords: ['cfut_', 'cfat_'],
    pattern: /(?<![\w-])(?<secret>cf[ua]t_[A-Za-z0-9]{40}[a-f0-9]{8})(?![\w-])/,
    minEntropy: 4,
    remediation: tokens,
    samples: {
      tp: [
        { text: `CLOUDFLARE_API_TOKEN=${token}`, secret: token },
        { text: `api_token = "${accountToken}"`, secret: accountToken },
      ],
      fp: ['CLOUDFLARE_API_TOKEN=cfut_<token>', `cfut_${fake(ALNUM, 40, 'cf-nosum')}`],
    },
  },
  {
    id: 'cloudflare-global-api-key',
    title: 'Cloudflare Global API Key',
    provider: 'Cloudflare',
    severity: 'critical',
    confidence: 'high',
    keywords: ['cfk_'],
    pattern: /(?<![\w-])(?<secret>cfk_[A-Za-z0-9]{40}[a-f0-9]{8})(?![\w-])/,
    minEntropy: 4,
    remediation: globalKey,
    samples: {
      tp: [{ text: `X-Auth-Key: ${key}`, secret: key }],
      fp: ['CLOUDFLARE_API_KEY=cfk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'cloudflare-api-token-legacy',
    title: 'Cloudflare API token (unprefixed format)',
    provider: 'Cloudflare',
    severity: 'high',
    confidence: 'medium',
    keywords: ['cloudflare', 'cf_', 'cf-', 'cf.', 'cfapi', 'cftoken'],
    pattern: named(`(?:${ci('cloudflare')}|${CF})[_.-]?(?:${ci('api')}[_.-]?)?${ci('token')}`, '[A-Za-z0-9_-]{40}'),
    minEntropy: 4,
    remediation: tokens,
    samples: {
      tp: [
        { text: `CLOUDFLARE_API_TOKEN=${legacyToken}`, secret: legacyToken },
        { text: `cf_api_token: "${legacyToken}"`, secret: legacyToken },
      ],
      fp: ['CLOUDFLARE_API_TOKEN=your-cloudflare-api-token-goes-right-here', `leaf_token = "${legacyToken}"`],
    },
  },
  {
    id: 'cloudflare-global-api-key-legacy',
    title: 'Cloudflare Global API Key (unprefixed format)',
    provider: 'Cloudflare',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['cloudflare', 'cf_', 'cf-', 'cf.', 'cfapi', 'cfglobal', 'cfkey', 'x-auth-key'],
    pattern: named(
      `(?:${ci('cloudflare')}|${CF})[_.-]?(?:${ci('global')}[_.-]?)?(?:${ci('api')}[_.-]?)?${ci('key')}|${ci('x-auth-key')}`,
      '[a-f0-9]{37}',
    ),
    minEntropy: 3.2,
    remediation: globalKey,
    samples: {
      tp: [
        { text: `CLOUDFLARE_API_KEY=${legacyKey}`, secret: legacyKey },
        {
          text: `curl -H "X-Auth-Email: ops@example.com" -H "X-Auth-Key: ${legacyKey}" https://api.cloudflare.com/client/v4/zones`,
          secret: legacyKey,
        },
      ],
      fp: [`CLOUDFLARE_API_KEY=${fake(HEX, 40, 'cf-sha1')}`, 'X-Auth-Key: 1234567890abcdef1234567890abcdef12345'],
    },
  },
  {
    id: 'cloudflare-origin-ca-key',
    title: 'Cloudflare Origin CA key',
    provider: 'Cloudflare',
    severity: 'high',
    confidence: 'high',
    keywords: ['v1.0-'],
    pattern: /(?<![\w.-])(?<secret>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})(?![\w-])/,
    minEntropy: 3,
    remediation:
      'Revoke the Origin CA key (My Profile > API Tokens > Origin CA Key > Change) and use a scoped API token with the SSL and Certificates permission instead.',
    samples: {
      tp: [{ text: `CF_API_USER_SERVICE_KEY=${origin}`, secret: origin }],
      fp: ['version: v1.0-beta', `v1.0-${fake(HEX, 24, 'cf-o3')}-${fake(HEX, 100, 'cf-o4')}`],
    },
  },
];

export default rules(list);

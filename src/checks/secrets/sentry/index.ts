/**
 * Sentry auth tokens (https://docs.sentry.io/account/auth-tokens/): organization tokens `sntrys_` + base64
 * JSON (issued-at, URLs, org; checked) + `_` + 43 characters, user tokens `sntryu_` + 64 hex, and the older
 * unprefixed 64-hex tokens next to a Sentry name. DSNs are not reported: Sentry documents them as safe to
 * expose.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { B64, ci, fake, HEX, rules } from '../_kit/kit.ts';

const revoke =
  'Revoke the token in Sentry (Settings > Auth Tokens for user tokens, Settings > Organization Tokens for organization tokens) and create a new one with the least scopes.';

/** The middle part of an organization token is base64 of a JSON object with an `iat` member. */
function orgTokenValid(token: string): boolean {
  const body = token.slice('sntrys_'.length, token.lastIndexOf('_'));
  try {
    const claims = JSON.parse(atob(body)) as unknown;
    return typeof claims === 'object' && claims !== null && 'iat' in claims;
  } catch {
    return false;
  }
}

const orgBody = btoa(JSON.stringify({ iat: 1735689600.5, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: 'contoso' }));
const orgToken = `sntry${'s'}_${orgBody}_${fake(B64, 43, 'sentry-org')}`;
const userToken = `sntry${'u'}_${fake(HEX, 64, 'sentry-user')}`;
const legacy = fake(HEX, 64, 'sentry-legacy');

const list: SecretRule[] = [
  {
    id: 'sentry-org-token',
    title: 'Sentry organization auth token',
    provider: 'Sentry',
    severity: 'high',
    confidence: 'high',
    keywords: ['sntrys_'],
    pattern: /(?<![\w-])(?<secret>sntrys_eyJ[A-Za-z0-9+/]{20,600}={0,2}_[A-Za-z0-9+/]{43})(?![\w+/=-])/,
    validate: orgTokenValid,
    remediation: revoke,
    samples: {
      tp: [{ text: `SENTRY_AUTH_TOKEN=${orgToken}`, secret: orgToken }],
      fp: [
        `SENTRY_AUTH_TOKEN=sntrys_eyJ${fake(B64, 60, 'sentry-notjson')}_${fake(B64, 43, 'sentry-x')}`,
        'SENTRY_AUTH_TOKEN=sntrys_<token>',
      ],
    },
  },
  {
    id: 'sentry-user-token',
    title: 'Sentry user auth token',
    provider: 'Sentry',
    severity: 'high',
    confidence: 'high',
    keywords: ['sntryu_'],
    pattern: /(?<![\w-])(?<secret>sntryu_[a-f0-9]{64})(?![\w-])/,
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `auth.token=${userToken}`, secret: userToken }],
      fp: ['auth.token=sntryu_<token>'],
    },
  },
  {
    id: 'sentry-access-token',
    title: 'Sentry auth token (unprefixed format)',
    provider: 'Sentry',
    severity: 'high',
    confidence: 'medium',
    keywords: ['sentry'],
    pattern: named(`${ci('sentry')}[\\w.-]{0,24}?(?:${ci('token')}|${ci('key')})`, '[a-f0-9]{64}'),
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `SENTRY_AUTH_TOKEN=${legacy}`, secret: legacy }],
      fp: [
        `SENTRY_AUTH_TOKEN=${varRef('SENTRY_AUTH_TOKEN')}`,
        `SENTRY_DSN=https://${fake(HEX, 32, 'sentry-dsn')}@o4504.ingest.sentry.io/4504`,
      ],
    },
  },
];

export default rules(list);

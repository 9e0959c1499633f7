/**
 * Linear credentials (https://linear.app/developers): personal API keys `lin_api_` + 40 characters, OAuth
 * access tokens `lin_oauth_` + 64 hex, and OAuth client secrets (32 hex), the last next to a Linear name.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ALNUM, ci, fake, HEX, rules } from '../_kit/kit.ts';

const settings =
  "Revoke it in Linear (Settings > Account > Security & access > API keys, or the workspace's API settings for OAuth applications).";

const key = `lin_${'api'}_${fake(ALNUM, 40, 'linear-api')}`;
const oauth = `lin_${'oauth'}_${fake(HEX, 64, 'linear-oauth')}`;
const clientSecret = fake(HEX, 32, 'linear-client');

const list: SecretRule[] = [
  {
    id: 'linear-api-key',
    title: 'Linear API key',
    provider: 'Linear',
    severity: 'high',
    confidence: 'high',
    keywords: ['lin_api_'],
    pattern: /(?<![\w-])(?<secret>lin_api_[A-Za-z0-9]{40})(?![\w-])/,
    minEntropy: 3.5,
    remediation: settings,
    samples: {
      tp: [{ text: `LINEAR_API_KEY=${key}`, secret: key }],
      fp: ['LINEAR_API_KEY=lin_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'LINEAR_API_KEY=lin_api_<key>'],
    },
  },
  {
    id: 'linear-oauth-token',
    title: 'Linear OAuth access token',
    provider: 'Linear',
    severity: 'high',
    confidence: 'high',
    keywords: ['lin_oauth_'],
    pattern: /(?<![\w-])(?<secret>lin_oauth_[a-f0-9]{64})(?![\w-])/,
    minEntropy: 3,
    remediation: settings,
    samples: {
      tp: [{ text: `Authorization: Bearer ${oauth}`, secret: oauth }],
      fp: ['Authorization: Bearer lin_oauth_<token>'],
    },
  },
  {
    id: 'linear-client-secret',
    title: 'Linear OAuth client secret',
    provider: 'Linear',
    severity: 'high',
    confidence: 'medium',
    keywords: ['linear'],
    pattern: named(`${ci('linear')}[\\w.-]{0,24}?${ci('secret')}`, '[a-f0-9]{32}'),
    minEntropy: 3,
    remediation: 'Rotate the client secret of the OAuth application in Linear (Settings > API > OAuth applications).',
    samples: {
      tp: [{ text: `LINEAR_CLIENT_SECRET=${clientSecret}`, secret: clientSecret }],
      fp: [`LINEAR_CLIENT_SECRET=${varRef('LINEAR_CLIENT_SECRET')}`, `LINEAR_CLIENT_ID=${fake(HEX, 32, 'linear-id')}`],
    },
  },
];

export default rules(list);

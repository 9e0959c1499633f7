/**
 * Linear personal API keys `lin_api_` + 40 characters and OAuth access tokens `lin_oauth_` + 64 hex
 * (https://linear.app/developers/graphql#authentication); OAuth client secrets (32 hex) are recognised
 * by their name.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, HEX, rules } from '../_kit/kit.ts';

const revoke =
  'Revoke it in Linear (Settings > Account > Security & access > API keys, or the OAuth application), create a new one, and load it from the environment.';
const api = 'lin_api_' + fake(ALNUM, 40, 'linear-api');
const oauth = 'lin_oauth_' + fake(HEX, 64, 'linear-oauth');
const secret = fake(HEX, 32, 'linear-secret');

const list: SecretRule[] = [
  {
    id: 'linear-api-key',
    title: 'Linear API key or OAuth token',
    provider: 'Linear',
    severity: 'high',
    confidence: 'high',
    keywords: ['lin_api_', 'lin_oauth_'],
    pattern: /\b(?<secret>lin_api_[A-Za-z0-9]{40}|lin_oauth_[0-9a-f]{64})\b/,
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [
        { text: `LINEAR_API_KEY=${api}`, secret: api },
        { text: `"Authorization": "Bearer ${oauth}"`, secret: oauth },
      ],
      fp: ['LINEAR_API_KEY=lin_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'lin_api_<key>'],
    },
  },
  {
    id: 'linear-client-secret',
    title: 'Linear OAuth client secret',
    provider: 'Linear',
    severity: 'high',
    confidence: 'medium',
    keywords: ['linear'],
    pattern: assigned({ names: ['linear'], qualifiers: ['secret'], value: '[0-9a-f]{32}' }),
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `LINEAR_CLIENT_SECRET=${secret}`, secret }],
      fp: [`LINEAR_CLIENT_ID=${fake(HEX, 32, 'linear-cid')}`, `linear_layer_secret_dim: 512`],
    },
  },
];

export default rules(list);

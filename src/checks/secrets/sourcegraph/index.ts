/**
 * Sourcegraph access tokens (https://sourcegraph.com/docs/cli/how-tos/creating_an_access_token):
 * `sgp_` + (16-hex instance id or `local`) + `_` + 40 hex, the older `sgp_` + 40 hex, and unprefixed 40-hex
 * tokens next to a Sourcegraph name.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named } from '../_infra/util.ts';
import { ci, fake, HEX, rules } from '../_kit/kit.ts';

const revoke = 'Delete the token in Sourcegraph (Settings > Access tokens on your instance) and create a new one for the integration.';

const token = `sg${'p'}_${fake(HEX, 16, 'sg-id')}_${fake(HEX, 40, 'sg-secret')}`;
const legacy = fake(HEX, 40, 'sg-legacy');

const list: SecretRule[] = [
  {
    id: 'sourcegraph-access-token',
    title: 'Sourcegraph access token',
    provider: 'Sourcegraph',
    severity: 'high',
    confidence: 'high',
    keywords: ['sgp_'],
    pattern: /(?<![\w-])(?<secret>sgp_(?:(?:[a-fA-F0-9]{16}|local)_)?[a-fA-F0-9]{40})(?![\w-])/,
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [
        { text: `SRC_ACCESS_TOKEN=${token}`, secret: token },
        { text: `Authorization: token sgp_local_${legacy}`, secret: `sgp_local_${legacy}` },
      ],
      fp: ['SRC_ACCESS_TOKEN=sgp_<token>', `sgp_${fake(HEX, 30, 'sg-short')}`],
    },
  },
  {
    id: 'sourcegraph-access-token-legacy',
    title: 'Sourcegraph access token (unprefixed format)',
    provider: 'Sourcegraph',
    severity: 'high',
    confidence: 'medium',
    keywords: ['sourcegraph', 'src_access_token'],
    pattern: named(`${ci('sourcegraph')}[\\w.-]{0,24}?${ci('token')}|${ci('src_access_token')}`, '[a-f0-9]{40}'),
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `SRC_ACCESS_TOKEN=${legacy}`, secret: legacy }],
      fp: [`SOURCEGRAPH_COMMIT=${fake(HEX, 40, 'sg-commit')}`],
    },
  },
];

export default rules(list);

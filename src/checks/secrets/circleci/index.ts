/**
 * CircleCI API tokens (https://circleci.com/docs/managing-api-tokens/): personal tokens `CCIPAT_` and
 * project tokens `CCIPRJ_`, then 22 characters, `_` and 40 hex; the older unprefixed 40-hex tokens next to
 * a CircleCI name (`CIRCLE_TOKEN`, `CIRCLECI_API_TOKEN`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ALNUM, ci, fake, HEX, rules } from '../_kit/kit.ts';

const revoke =
  'Delete the token in CircleCI (User settings > Personal API Tokens, https://app.circleci.com/settings/user/tokens, or Project settings > API Permissions) and create a new one.';

const pat = `CCI${'PAT'}_${fake(ALNUM, 22, 'cci-pat1')}_${fake(HEX, 40, 'cci-pat2')}`;
const legacy = fake(HEX, 40, 'cci-legacy');

const list: SecretRule[] = [
  {
    id: 'circleci-token',
    title: 'CircleCI personal or project API token',
    provider: 'CircleCI',
    severity: 'high',
    confidence: 'high',
    keywords: ['ccipat_', 'cciprj_'],
    pattern: /(?<![\w-])(?<secret>CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40})(?![\w-])/,
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `'Circle-Token': '${pat}'`, secret: pat }],
      fp: ['export CIRCLECI_TOKEN=CCIPAT_...', 'ccipat_PLACEHOLDER_syncer_test_value'],
    },
  },
  {
    id: 'circleci-token-legacy',
    title: 'CircleCI API token (unprefixed format)',
    provider: 'CircleCI',
    severity: 'high',
    confidence: 'medium',
    keywords: ['circle'],
    pattern: named(`${ci('circle')}(?:${ci('ci')})?[_.-]?(?:${ci('api')}[_.-]?)?${ci('token')}`, '[a-f0-9]{40}'),
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `CIRCLE_TOKEN=${legacy}`, secret: legacy }],
      fp: [`CIRCLE_SHA1=${fake(HEX, 40, 'cci-sha')}`, `CIRCLE_TOKEN=${varRef('CIRCLE_TOKEN')}`],
    },
  },
];

export default rules(list);

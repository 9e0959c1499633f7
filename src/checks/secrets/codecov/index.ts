/**
 * Codecov upload and API tokens (https://docs.codecov.com/docs/codecov-tokens): UUIDs or 32-to-40
 * character strings with no prefix, reported next to a Codecov name (`CODECOV_TOKEN`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { actionsRef, named } from '../_infra/util.ts';
import { ci, fake, fakeUuid, HEX, rules } from '../_kit/kit.ts';

const token = fakeUuid('codecov');

const list: SecretRule[] = [
  {
    id: 'codecov-access-token',
    title: 'Codecov token',
    provider: 'Codecov',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['codecov'],
    pattern: named(
      `${ci('codecov')}[\\w.-]{0,24}?${ci('token')}`,
      '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9]{32,40}',
    ),
    minEntropy: 3,
    remediation:
      "Regenerate the token in Codecov (the repository's Configuration > General > Tokens, or your account's Access page) and keep it in the CI secret store.",
    samples: {
      tp: [
        { text: `CODECOV_TOKEN=${token}`, secret: token },
        { text: `    codecov_token: "${token}"`, secret: token },
      ],
      fp: [`CODECOV_TOKEN: ${actionsRef('CODECOV_TOKEN')}`, `codecov_tokenless_commit: ${fake(HEX, 8, 'cc')}`],
    },
  },
];

export default rules(list);

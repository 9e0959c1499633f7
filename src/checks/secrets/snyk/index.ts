/**
 * Snyk API tokens (https://docs.snyk.io/snyk-api/authentication-for-api): UUIDs, reported next to a Snyk
 * name that says token or key (`SNYK_TOKEN`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { actionsRef, named } from '../_infra/util.ts';
import { ci, fakeUuid, rules } from '../_kit/kit.ts';

const token = fakeUuid('snyk');

const list: SecretRule[] = [
  {
    id: 'snyk-api-token',
    title: 'Snyk API token',
    provider: 'Snyk',
    severity: 'high',
    confidence: 'medium',
    keywords: ['snyk'],
    pattern: named(
      `${ci('snyk')}[_.-]?(?:(?:${ci('api')}|${ci('oauth')}|${ci('auth')})[_.-]?)?(?:${ci('token')}|${ci('key')})`,
      '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
    ),
    minEntropy: 3,
    remediation:
      "Revoke and regenerate the token in Snyk (Account settings > General > Auth Token, or the service account's token) and use a service account token with the least role in CI.",
    samples: {
      tp: [{ text: `SNYK_TOKEN=${token}`, secret: token }],
      fp: [`SNYK_TOKEN: ${actionsRef('SNYK_TOKEN')}`, `SNYK_ORG_ID=${fakeUuid('snyk-org')}`],
    },
  },
];

export default rules(list);

/**
 * Scaleway API keys (https://www.scaleway.com/en/docs/iam/concepts/#api-key): the access key `SCW` + 17
 * characters identifies the key, the secret key is a UUID, reported next to a Scaleway name
 * (`SCW_SECRET_KEY`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ci, fakeUuid, rules } from '../_kit/kit.ts';

const secret = fakeUuid('scaleway');

const list: SecretRule[] = [
  {
    id: 'scaleway-secret-key',
    title: 'Scaleway API secret key',
    provider: 'Scaleway',
    severity: 'critical',
    confidence: 'high',
    keywords: ['scw', 'scaleway'],
    pattern: named(
      `(?:${ci('scw')}|${ci('scaleway')})[_.-]?(?:${ci('api')}[_.-]?)?${ci('secret')}(?:[_.-]?${ci('key')})?`,
      '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    ),
    minEntropy: 3,
    remediation:
      'Delete the API key in the Scaleway console (IAM > API keys), check the audit trail for its use, and give its replacement to an IAM application with the least policy.',
    samples: {
      tp: [{ text: `SCW_SECRET_KEY=${secret}`, secret }],
      fp: [`SCW_SECRET_KEY=${varRef('SCW_SECRET_KEY')}`, `SCW_DEFAULT_PROJECT_ID=${fakeUuid('scw-project')}`],
    },
  },
];

export default rules(list);

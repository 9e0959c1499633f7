/**
 * Buildkite API access tokens (https://buildkite.com/docs/apis/managing-api-tokens): `bkua_` + 40 hex.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, HEX, rules } from '../_kit/kit.ts';

const token = `bku${'a'}_${fake(HEX, 40, 'buildkite')}`;

const list: SecretRule[] = [
  {
    id: 'buildkite-api-token',
    title: 'Buildkite API access token',
    provider: 'Buildkite',
    severity: 'high',
    confidence: 'high',
    keywords: ['bkua_'],
    pattern: /(?<![\w-])(?<secret>bkua_[a-f0-9]{40})(?![\w-])/,
    minEntropy: 3,
    remediation:
      'Revoke the token in Buildkite (Personal settings > API Access Tokens, https://buildkite.com/user/api-access-tokens) and create one with fewer scopes.',
    samples: {
      tp: [{ text: `BUILDKITE_API_TOKEN=${token}`, secret: token }],
      fp: ['BUILDKITE_API_TOKEN=bkua_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

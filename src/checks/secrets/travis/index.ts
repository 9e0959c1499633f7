/**
 * Travis CI API tokens (https://docs.travis-ci.com/user/triggering-builds/): 22 characters with no
 * prefix, reported next to a Travis name.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { B64URL, ci, fake, rules } from '../_kit/kit.ts';

const token = fake(B64URL, 22, 'travis');

const list: SecretRule[] = [
  {
    id: 'travisci-access-token',
    title: 'Travis CI API token',
    provider: 'Travis CI',
    severity: 'high',
    confidence: 'medium',
    keywords: ['travis'],
    pattern: named(`${ci('travis')}[\\w.-]{0,24}?(?:${ci('token')}|${ci('key')})`, '[A-Za-z0-9_-]{22}'),
    minEntropy: 3.5,
    remediation: 'Regenerate the token in Travis CI (Account > Settings > API authentication) or with `travis token --regenerate`.',
    samples: {
      tp: [{ text: `TRAVIS_API_TOKEN=${token}`, secret: token }],
      fp: [`TRAVIS_API_TOKEN=${varRef('TRAVIS_API_TOKEN')}`, `TRAVIS_BUILD_ID=${fake('0123456789', 22, 'travis-id')}`],
    },
  },
];

export default rules(list);

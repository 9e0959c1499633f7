/**
 * Jenkins API tokens (https://www.jenkins.io/doc/book/system-administration/authenticating-scripted-clients/):
 * `11` + 32 hex (the version-2 format), reported next to a Jenkins name (`JENKINS_API_TOKEN`,
 * `jenkins_token`), or in a URL to a Jenkins job with `user:token@`.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ci, fake, HEX, rules } from '../_kit/kit.ts';

const token = `11${fake(HEX, 32, 'jenkins')}`;

const list: SecretRule[] = [
  {
    id: 'jenkins-api-token',
    title: 'Jenkins API token',
    provider: 'Jenkins',
    severity: 'high',
    confidence: 'medium',
    keywords: ['jenkins'],
    pattern: named(`${ci('jenkins')}[\\w.-]{0,24}?(?:${ci('token')}|${ci('password')}|${ci('key')})`, '11[a-f0-9]{32}'),
    minEntropy: 3,
    remediation: 'Revoke the token in Jenkins (your user > Security > API Token > Revoke) and create a new one per client.',
    samples: {
      tp: [{ text: `JENKINS_API_TOKEN=${token}`, secret: token }],
      fp: [`JENKINS_API_TOKEN=${varRef('JENKINS_API_TOKEN')}`, `JENKINS_TOKEN=ab${fake(HEX, 32, 'jenkins-legacy')}`],
    },
  },
];

export default rules(list);

/**
 * JFrog Artifactory credentials: API keys (`AKCp` + 69 characters), reference tokens (64 characters,
 * base64 of `reftkn:01:…`), and identity tokens (64 characters) next to a JFrog or Artifactory name.
 * JFrog access tokens are JWTs (the JWT rules see them).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ALNUM, ci, fake, rules } from '../_kit/kit.ts';

const revoke =
  "Revoke it in the JFrog Platform (Administration > User Management > Access Tokens, or your profile's API key / identity tokens), and use short-lived scoped access tokens or OIDC from CI.";

const apiKey = `AK${'Cp'}${fake(ALNUM, 69, 'jfrog-api')}`;
const ref = `cmVmdGtu${'OjAx'}${fake(ALNUM, 52, 'jfrog-ref')}`;
const identity = fake(ALNUM, 64, 'jfrog-identity');

const list: SecretRule[] = [
  {
    id: 'artifactory-api-key',
    title: 'JFrog Artifactory API key',
    provider: 'JFrog',
    severity: 'high',
    confidence: 'high',
    keywords: ['akcp'],
    pattern: /(?<![\w-])(?<secret>AKCp[A-Za-z0-9]{69})(?![\w-])/,
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `curl -H "X-JFrog-Art-Api: ${apiKey}" https://example.jfrog.io/artifactory/api/repositories`, secret: apiKey }],
      fp: ['X-JFrog-Art-Api: AKCp<api-key>', `AKCp${fake(ALNUM, 40, 'jfrog-short')}`],
    },
  },
  {
    id: 'artifactory-reference-token',
    title: 'JFrog Artifactory reference token',
    provider: 'JFrog',
    severity: 'high',
    confidence: 'high',
    keywords: ['cmvmdgtuojax'],
    pattern: /(?<![\w+/-])(?<secret>cmVmdGtuOjAx[A-Za-z0-9]{52})(?![\w+/=-])/,
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `ARTIFACTORY_ACCESS_TOKEN=${ref}`, secret: ref }],
      fp: [`data:${fake(ALNUM, 10, 'jf-b')}cmVmdGtuOjAx${fake(ALNUM, 80, 'jf-c')}`],
    },
  },
  {
    id: 'jfrog-identity-token',
    title: 'JFrog identity token',
    provider: 'JFrog',
    severity: 'high',
    confidence: 'medium',
    keywords: ['jfrog', 'artifactory'],
    pattern: named(
      `(?:${ci('jfrog')}|${ci('artifactory')})[\\w.-]{0,24}?(?:${ci('token')}|${ci('password')}|${ci('key')})`,
      '[A-Za-z0-9]{64}',
    ),
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `JFROG_ACCESS_TOKEN=${identity}`, secret: identity }],
      fp: [`JFROG_ACCESS_TOKEN=${varRef('JFROG_ACCESS_TOKEN')}`, `ARTIFACTORY_CHECKSUM_KEY=${'ab'.repeat(32)}`],
    },
  },
];

export default rules(list);

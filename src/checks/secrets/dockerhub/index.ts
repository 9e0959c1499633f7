/**
 * Docker registry credentials: Docker Hub personal access tokens `dckr_pat_` and organization access
 * tokens `dckr_oat_` (https://docs.docker.com/security/for-developers/access-tokens/), and the `auth`
 * entries of a Docker `config.json` (base64 of `user:password`, for any registry).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { basicAuthValid } from '../_infra/util.ts';
import { ALNUM, B64URL, fake, rules } from '../_kit/kit.ts';

const pat = `dckr_${'pat'}_${fake(B64URL, 27, 'docker-pat')}`;
const oat = `dckr_${'oat'}_${fake(B64URL, 32, 'docker-oat')}`;
const auth = btoa(`deploy:${fake(ALNUM, 24, 'docker-auth')}`);

const list: SecretRule[] = [
  {
    id: 'dockerhub-access-token',
    title: 'Docker Hub access token',
    provider: 'Docker Hub',
    severity: 'high',
    confidence: 'high',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    pattern: /(?<![\w-])(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{24,40})(?![\w-])/,
    minEntropy: 3.5,
    remediation:
      "Delete the token on Docker Hub (Account settings > Personal access tokens, or the organization's access tokens), check the repositories it could push to, and keep its replacement in the CI secret store.",
    samples: {
      tp: [
        { text: `echo ${pat} | docker login -u ci --password-stdin`, secret: pat },
        { text: `DOCKERHUB_TOKEN=${oat}`, secret: oat },
      ],
      fp: ['DOCKERHUB_TOKEN=dckr_pat_<token>', 'DOCKERHUB_TOKEN=dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'docker-config-auth',
    title: 'Registry user and password in a Docker config.json',
    provider: 'Docker',
    severity: 'high',
    confidence: 'high',
    keywords: ['"auth"'],
    pattern: /"auth"\s{0,3}:\s{0,3}"(?<secret>[A-Za-z0-9+/]{8,600}={0,2})"/,
    validate: basicAuthValid,
    remediation:
      'Change the password or revoke the token at the registry, log in again with a credential helper (`credsStore` in config.json) so that nothing is stored in the file, and do not commit `~/.docker/config.json`.',
    samples: {
      tp: [{ text: `{"auths": {"https://index.docker.io/v1/": {"auth": "${auth}"}}}`, secret: auth }],
      fp: ['{"auths": {"ghcr.io": {"auth": ""}}}', `{"auth": "${btoa('just-a-user-name')}"}`, '{"credsStore": "desktop"}'],
    },
  },
];

export default rules(list);

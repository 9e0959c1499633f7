/**
 * Pulumi Cloud access tokens (https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/):
 * `pul-` followed by 40 hex characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, HEX, rules } from '../_kit/kit.ts';

const token = `pu${'l'}-${fake(HEX, 40, 'pulumi')}`;

const list: SecretRule[] = [
  {
    id: 'pulumi-api-token',
    title: 'Pulumi access token',
    provider: 'Pulumi',
    severity: 'high',
    confidence: 'high',
    keywords: ['pul-'],
    pattern: /(?<![\w-])(?<secret>pul-[a-f0-9]{40})(?![\w-])/,
    minEntropy: 3,
    remediation:
      'Delete the token in Pulumi Cloud (Personal settings > Access tokens, or the organization/team token page) and use OIDC-issued tokens in CI; the token can read stack state and its secrets.',
    samples: {
      tp: [{ text: `PULUMI_ACCESS_TOKEN=${token}`, secret: token }],
      fp: ['PULUMI_ACCESS_TOKEN=pul-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `pull-${fake(HEX, 40, 'pulumi-pull')}`],
    },
  },
];

export default rules(list);

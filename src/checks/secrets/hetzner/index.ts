/**
 * Hetzner Cloud API tokens (https://docs.hetzner.cloud/#authentication): 64 alphanumeric characters with no
 * prefix, reported next to a Hetzner name (`HCLOUD_TOKEN`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ALNUM, ci, fake, rules } from '../_kit/kit.ts';

const token = fake(ALNUM, 64, 'hetzner');

const list: SecretRule[] = [
  {
    id: 'hetzner-cloud-api-token',
    title: 'Hetzner Cloud API token',
    provider: 'Hetzner',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['hcloud', 'hetzner'],
    pattern: named(`(?:${ci('hcloud')}|${ci('hetzner')})[\\w.-]{0,24}?${ci('token')}`, '[A-Za-z0-9]{64}'),
    minEntropy: 4,
    remediation:
      'Delete the token in the Hetzner Cloud console (the project > Security > API tokens) and create a new one; tokens give full access to the project.',
    samples: {
      tp: [{ text: `export HCLOUD_TOKEN=${token}`, secret: token }],
      fp: [`HCLOUD_TOKEN=${varRef('HCLOUD_TOKEN')}`, `hcloud_token_hash=${'ab'.repeat(32)}`],
    },
  },
];

export default rules(list);

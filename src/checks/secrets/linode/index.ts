/**
 * Akamai Cloud (Linode) personal access tokens (https://techdocs.akamai.com/linode-api/reference/get-started):
 * 64 hex with no prefix, reported next to a Linode name (`LINODE_TOKEN`, `LINODE_CLI_TOKEN`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ci, fake, HEX, rules } from '../_kit/kit.ts';

const token = fake(HEX, 64, 'linode');

const list: SecretRule[] = [
  {
    id: 'linode-api-token',
    title: 'Linode (Akamai Cloud) personal access token',
    provider: 'Akamai Cloud (Linode)',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['linode'],
    pattern: named(`${ci('linode')}[\\w.-]{0,24}?(?:${ci('token')}|${ci('key')})`, '[a-f0-9]{64}'),
    minEntropy: 3.5,
    remediation:
      'Revoke the token in Cloud Manager (Profile > API Tokens, https://cloud.linode.com/profile/tokens) and create one with only the scopes it needs.',
    samples: {
      tp: [{ text: `LINODE_TOKEN=${token}`, secret: token }],
      fp: [`LINODE_TOKEN=${varRef('LINODE_TOKEN')}`, `linode_image_sha256=${fake(HEX, 64, 'linode-img')}`],
    },
  },
];

export default rules(list);

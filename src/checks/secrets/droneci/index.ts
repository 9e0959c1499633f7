/**
 * Drone CI personal tokens (https://docs.drone.io/cli/setup/): 32 characters with no prefix, reported next
 * to a Drone name (`DRONE_TOKEN`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ALNUM, ci, fake, rules } from '../_kit/kit.ts';

const token = fake(ALNUM, 32, 'drone');

const list: SecretRule[] = [
  {
    id: 'droneci-access-token',
    title: 'Drone CI access token',
    provider: 'Drone CI',
    severity: 'high',
    confidence: 'medium',
    keywords: ['drone'],
    pattern: named(`${ci('drone')}[\\w.-]{0,24}?${ci('token')}`, '[A-Za-z0-9]{32}'),
    minEntropy: 3.5,
    remediation:
      'Rotate the token in the Drone user interface (User settings > Token: rotate) and update the CLI configurations that use it.',
    samples: {
      tp: [{ text: `export DRONE_TOKEN=${token}`, secret: token }],
      fp: [
        `DRONE_TOKEN=${varRef('DRONE_TOKEN')}`,
        `DRONE_COMMIT=${fake('0123456789abcdef', 32, 'drone-commit')}`,
        'DRONE_TOKEN=abcdefghijklmnopqrstuvwxyz123456',
      ],
    },
  },
];

export default rules(list);

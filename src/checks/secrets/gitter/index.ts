/** Gitter personal access tokens: 40 characters, recognised by their name (https://developer.gitter.im/docs/authentication). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, HEX, rules } from '../_kit/kit.ts';

const token = fake(HEX, 40, 'gitter');

const list: SecretRule[] = [
  {
    id: 'gitter-access-token',
    title: 'Gitter access token',
    provider: 'Gitter',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['gitter'],
    pattern: assigned({ names: ['gitter'], value: '[a-z0-9_-]{40}' }),
    minEntropy: 3,
    remediation:
      'Gitter now runs on Matrix: revoke the token at https://developer.gitter.im/apps (or log out the Matrix session) and load any new one from the environment.',
    samples: {
      tp: [{ text: `GITTER_TOKEN=${token}`, secret: token }],
      fp: [`GITTER_ROOM=${'x'.repeat(40)}`, `TOKEN=${token}`],
    },
  },
];

export default rules(list);

/** Sendbird API tokens (master and secondary): 40 hex characters, recognised by their name (https://sendbird.com/docs/chat/platform-api/v3/prepare-to-use-api). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, fakeUuid, HEX, rules } from '../_kit/kit.ts';

const token = fake(HEX, 40, 'sendbird');

const list: SecretRule[] = [
  {
    id: 'sendbird-api-token',
    title: 'Sendbird API token',
    provider: 'Sendbird',
    severity: 'high',
    confidence: 'medium',
    keywords: ['sendbird'],
    pattern: assigned({ names: ['sendbird'], value: '[0-9a-f]{40}' }),
    minEntropy: 3,
    remediation:
      'Revoke the secondary token (or regenerate the master token) in the Sendbird dashboard (Settings > Application > General > API tokens) and keep it on the server, loaded from the environment.',
    samples: {
      tp: [{ text: `SENDBIRD_API_TOKEN=${token}`, secret: token }],
      fp: [`SENDBIRD_APP_ID=${fakeUuid('sendbird-app').toUpperCase()}`, `API_TOKEN=${token}`],
    },
  },
];

export default rules(list);

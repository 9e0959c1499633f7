/** Twitch client secrets and OAuth tokens: 30 lowercase characters, recognised by their name (https://dev.twitch.tv/docs/authentication/). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, LOWNUM, rules } from '../_kit/kit.ts';

const secret = fake(LOWNUM, 30, 'twitch');

const list: SecretRule[] = [
  {
    id: 'twitch-api-token',
    title: 'Twitch client secret or OAuth token',
    provider: 'Twitch',
    severity: 'high',
    confidence: 'medium',
    keywords: ['twitch'],
    pattern: assigned({ names: ['twitch'], value: '(?:oauth:)?[a-z0-9]{30}' }),
    minEntropy: 3,
    remediation:
      'Generate a new client secret at https://dev.twitch.tv/console/apps (your app > New Secret), revoke leaked OAuth tokens (POST https://id.twitch.tv/oauth2/revoke), and load them from the environment.',
    samples: {
      tp: [
        { text: `TWITCH_CLIENT_SECRET=${secret}`, secret },
        { text: `twitch_oauth: "oauth:${secret}"`, secret: `oauth:${secret}` },
      ],
      fp: [`CLIENT_SECRET=${secret}`, 'TWITCH_CHANNEL=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

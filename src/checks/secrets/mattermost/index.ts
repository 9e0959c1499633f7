/** Mattermost personal access and bot tokens: 26 lowercase characters, recognised by their name (https://developers.mattermost.com/integrate/reference/personal-access-token/). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, LOWNUM, rules } from '../_kit/kit.ts';

const token = fake(LOWNUM, 26, 'mattermost');

const list: SecretRule[] = [
  {
    id: 'mattermost-access-token',
    title: 'Mattermost access token',
    provider: 'Mattermost',
    severity: 'high',
    confidence: 'medium',
    keywords: ['mattermost'],
    pattern: assigned({ names: ['mattermost'], value: '[a-z0-9]{26}' }),
    minEntropy: 3,
    remediation:
      'Revoke the token in Mattermost (Profile > Security > Personal Access Tokens, or Integrations > Bot Accounts), create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `MATTERMOST_TOKEN=${token}`, secret: token }],
      fp: [`MATTERMOST_TEAM_ID=xxxxxxxxxxxxxxxxxxxxxxxxxx`, `TOKEN=${token}`],
    },
  },
];

export default rules(list);

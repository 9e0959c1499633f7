/** MessageBird (Bird) API access keys: 25 characters, recognised by their name (https://developers.messagebird.com/api/#authentication). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, rules } from '../_kit/kit.ts';

const key = fake(ALNUM, 25, 'messagebird');

const list: SecretRule[] = [
  {
    id: 'messagebird-api-key',
    title: 'MessageBird API access key',
    provider: 'MessageBird',
    severity: 'high',
    confidence: 'medium',
    keywords: ['messagebird', 'message_bird', 'message-bird'],
    pattern: assigned({ names: ['messagebird', 'message_bird', 'message-bird'], value: '[A-Za-z0-9]{25}' }),
    minEntropy: 3.5,
    remediation:
      'Delete the access key in the MessageBird/Bird dashboard (Developers > API access), create a new one, and load it from the environment.',
    samples: {
      tp: [
        { text: `MESSAGEBIRD_ACCESS_KEY=${key}`, secret: key },
        { text: `messagebird_api_key: '${key}'`, secret: key },
      ],
      fp: [`ACCESS_KEY=${key}`, 'MESSAGEBIRD_ACCESS_KEY=test_xxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

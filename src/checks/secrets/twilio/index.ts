/**
 * Twilio (https://www.twilio.com/docs/iam/api-keys, https://www.twilio.com/docs/iam/credentials/api):
 * account auth tokens (32 hex), API key SIDs `SK` + 32 hex with their 32-character secrets. Account
 * SIDs (`AC` + 32 hex) are identifiers: they only serve as context, e.g. in `AC…:<auth token>`.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, HEX, rules } from '../_kit/kit.ts';

const authRevoke =
  'Rotate the auth token in the Twilio Console (Account > API keys & tokens > Auth tokens: promote a secondary token, then delete the old one), prefer API keys for applications, and load credentials from the environment.';
const keyRevoke =
  'Delete the API key in the Twilio Console (Account > API keys & tokens), create a new one, and load its secret from the environment.';

const sid = 'AC' + fake(HEX, 32, 'twilio-ac');
const token = fake(HEX, 32, 'twilio-auth');
const sk = 'SK' + fake(HEX, 32, 'twilio-sk');
const skSecret = fake(ALNUM, 32, 'twilio-sk-secret');

const list: SecretRule[] = [
  {
    id: 'twilio-auth-token',
    title: 'Twilio account auth token',
    provider: 'Twilio',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['twilio'],
    pattern: assigned({ names: ['twilio'], qualifiers: ['auth', 'token'], value: '[0-9a-f]{32}' }),
    minEntropy: 3,
    remediation: authRevoke,
    samples: {
      tp: [
        { text: `TWILIO_AUTH_TOKEN=${token}`, secret: token },
        { text: `"twilioAuthToken": "${token}"`, secret: token },
        { text: `<add key="TwilioAuthToken" value="${token}" />`, secret: token },
        { text: `body = "{\\"twilioAuthToken\\":\\"${token}\\"}"`, secret: token },
        { text: `{\n  "key": "TWILIO_AUTH_TOKEN",\n  "value": "${token}",\n  "type": "secret"\n}`, secret: token },
      ],
      fp: [
        `TWILIO_ACCOUNT_SID=${sid}`,
        `AUTH_TOKEN=${token}`,
        'TWILIO_AUTH_TOKEN=your_auth_token',
        'TWILIO_AUTH_TOKEN=00000000000000000000000000000000',
      ],
    },
  },
  {
    id: 'twilio-account-credentials',
    title: 'Twilio account SID with its auth token',
    provider: 'Twilio',
    severity: 'critical',
    confidence: 'high',
    keywords: ['ac'],
    pattern: /\bAC[0-9a-f]{32}:(?<secret>[0-9a-f]{32})\b/,
    minEntropy: 3,
    remediation: authRevoke,
    samples: {
      tp: [
        { text: `curl -X POST https://api.twilio.com/2010-04-01/Accounts/${sid}/Messages.json -u ${sid}:${token}`, secret: token },
        { text: `https://${sid}:${token}@api.twilio.com/2010-04-01/Accounts`, secret: token },
      ],
      fp: [`-u ${sid}:$TWILIO_AUTH_TOKEN`, `-u ${sid}:[AuthToken]`, `${sid}:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`],
    },
  },
  {
    id: 'twilio-api-key-sid',
    title: 'Twilio API key SID',
    provider: 'Twilio',
    severity: 'medium',
    confidence: 'high',
    keywords: ['sk'],
    pattern: /\b(?<secret>SK[0-9a-f]{32})\b/,
    minEntropy: 3,
    remediation: `The SID identifies an API key whose secret is usually close by: check for it. ${keyRevoke}`,
    samples: {
      tp: [{ text: `TWILIO_API_KEY=${sk}`, secret: sk }],
      fp: [
        'TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        `SK${fake(HEX, 31, 'twilio-sk-short')}`,
        `TWILIO_API_KEY=SK${fake(HEX, 32, 'x').toUpperCase()}`,
      ],
    },
  },
  {
    id: 'twilio-api-key-secret',
    title: 'Twilio API key secret',
    provider: 'Twilio',
    severity: 'high',
    confidence: 'medium',
    keywords: ['twilio'],
    pattern: assigned({ names: ['twilio'], qualifiers: ['secret'], value: '[A-Za-z0-9]{32}' }),
    minEntropy: 3.5,
    remediation: keyRevoke,
    samples: {
      tp: [{ text: `TWILIO_API_SECRET=${skSecret}`, secret: skSecret }],
      fp: [`API_SECRET=${skSecret}`, 'TWILIO_API_SECRET=YOUR_TWILIO_API_KEY_SECRET_00000'],
    },
  },
  {
    id: 'twilio-api-key-credentials',
    title: 'Twilio API key SID with its secret',
    provider: 'Twilio',
    severity: 'high',
    confidence: 'high',
    keywords: ['sk'],
    pattern: /\bSK[0-9a-f]{32}:(?<secret>[A-Za-z0-9]{32})\b/,
    minEntropy: 3.5,
    remediation: keyRevoke,
    samples: {
      tp: [{ text: `curl https://api.twilio.com/2010-04-01/Accounts/${sid}/Calls.json -u "${sk}:${skSecret}"`, secret: skSecret }],
      fp: [`-u "${sk}:$TWILIO_API_SECRET"`],
    },
  },
];

export default rules(list);

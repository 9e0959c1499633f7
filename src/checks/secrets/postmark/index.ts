/**
 * Postmark server and account API tokens: UUIDs, recognised by their name
 * (https://postmarkapp.com/developer/api/overview#authentication). `POSTMARK_API_TEST` is Postmark's
 * documented test token and is no secret.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fakeUuid, rules } from '../_kit/kit.ts';

const token = fakeUuid('postmark');

const list: SecretRule[] = [
  {
    id: 'postmark-api-token',
    title: 'Postmark server or account API token',
    provider: 'Postmark',
    severity: 'high',
    confidence: 'medium',
    keywords: ['postmark'],
    pattern: assigned({ names: ['postmark'], value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' }),
    minEntropy: 3,
    remediation:
      'Regenerate the token in Postmark (Servers > your server > API Tokens, or Account > API Tokens), then load it from the environment: a leaked server token sends mail as you.',
    samples: {
      tp: [
        { text: `POSTMARK_SERVER_TOKEN=${token}`, secret: token },
        { text: `"postmarkApiToken": "${token}"`, secret: token },
      ],
      fp: ['POSTMARK_SERVER_TOKEN=POSTMARK_API_TEST', `MESSAGE_ID=${token}`, 'POSTMARK_SERVER_TOKEN=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

/**
 * Intercom access tokens: the base64 of `tok:<uuid>:<n>:<n>`, so they start with `dG9rO`
 * (https://developers.intercom.com/docs/build-an-integration/learn-more/authentication).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fakeUuid, rules } from '../_kit/kit.ts';

const token = Buffer.from(`tok:${fakeUuid('intercom').replace(/-/g, '_')}:1:0`).toString('base64');

const list: SecretRule[] = [
  {
    id: 'intercom-access-token',
    title: 'Intercom access token',
    provider: 'Intercom',
    severity: 'high',
    confidence: 'high',
    keywords: ['dg9ro'],
    pattern: /\b(?<secret>dG9rO[A-Za-z0-9+/]{50,70}={0,2})(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    remediation:
      'Regenerate the token in the Intercom Developer Hub (your app > Authentication), which reads your customer conversations, and load the new one from the environment.',
    samples: {
      tp: [{ text: `INTERCOM_ACCESS_TOKEN=${token}`, secret: token }],
      fp: ['INTERCOM_ACCESS_TOKEN=dG9rOjxodWItdG9rZW4+', `INTERCOM_APP_ID=${'abc12def'}`],
    },
  },
];

export default rules(list);

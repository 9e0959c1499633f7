/**
 * X (Twitter) API credentials (https://developer.x.com/en/docs/authentication/oauth-2-0/bearer-tokens):
 * app-only bearer tokens start with 22 `A`; consumer keys (25) and secrets (50), and user access tokens
 * (`<user id>-<…>`) and secrets (45), have no prefix and are recognised by a name that says Twitter.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, DIGITS, fake, rules } from '../_kit/kit.ts';

const revoke =
  'Regenerate the keys and tokens in the X developer portal (https://developer.x.com/en/portal/projects-and-apps > your app > Keys and tokens), which invalidates the old ones, and load them from the environment.';

const bearer = 'A'.repeat(22) + fake(ALNUM, 10, 'tw-b1') + '%2B' + fake(ALNUM, 30, 'tw-b2') + '%3D' + fake(ALNUM, 50, 'tw-b3');
const apiKey = fake(ALNUM, 25, 'tw-key');
const apiSecret = fake(ALNUM, 50, 'tw-secret');
const accessToken = '1' + fake(DIGITS, 18, 'tw-uid') + '-' + fake(ALNUM, 31, 'tw-at');
const accessSecret = fake(ALNUM, 45, 'tw-as');

const list: SecretRule[] = [
  {
    id: 'twitter-bearer-token',
    title: 'X (Twitter) app-only bearer token',
    provider: 'X (Twitter)',
    severity: 'high',
    confidence: 'high',
    keywords: ['aaaaaaaaaaaaaaaaaaaaaa'],
    pattern: /\b(?<secret>A{22}[A-Za-z0-9%]{80,120})(?![A-Za-z0-9%+/=])/,
    minEntropy: 3.5,
    // The bearer token of X's documentation, copied into many tutorials.
    allow: [/^A{21}MLheA{7}0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F$/],
    remediation: revoke,
    samples: {
      tp: [
        { text: `TWITTER_BEARER_TOKEN=${bearer}`, secret: bearer },
        { text: `-H "Authorization: Bearer ${bearer}"`, secret: bearer },
      ],
      fp: [
        // Base64 of binary data also opens with runs of A, but continues with + and /.
        `data:image/png;base64,${'A'.repeat(30)}${fake(ALNUM, 70, 'png')}+/${fake(ALNUM, 20, 'png2')}==`,
        `TWITTER_BEARER_TOKEN=${'A'.repeat(22)}${'x'.repeat(90)}`,
        'TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F',
      ],
    },
  },
  {
    id: 'twitter-api-key',
    title: 'X (Twitter) API key (consumer key)',
    provider: 'X (Twitter)',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['twitter'],
    pattern: assigned({ names: ['twitter'], exclude: ['secret'], qualifiers: ['key', 'consumer'], value: '[A-Za-z0-9]{25}' }),
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `TWITTER_API_KEY=${apiKey}`, secret: apiKey }],
      fp: [`API_KEY=${apiKey}`, 'TWITTER_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'twitter-api-secret',
    title: 'X (Twitter) API key secret (consumer secret)',
    provider: 'X (Twitter)',
    severity: 'high',
    confidence: 'medium',
    keywords: ['twitter'],
    pattern: assigned({ names: ['twitter'], qualifiers: ['secret'], value: '[A-Za-z0-9]{50}' }),
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `TWITTER_CONSUMER_SECRET="${apiSecret}"`, secret: apiSecret }],
      fp: [`CONSUMER_SECRET="${apiSecret}"`],
    },
  },
  {
    id: 'twitter-access-token',
    title: 'X (Twitter) user access token',
    provider: 'X (Twitter)',
    severity: 'high',
    confidence: 'medium',
    keywords: ['twitter'],
    pattern: assigned({ names: ['twitter'], value: '[0-9]{15,25}-[A-Za-z0-9]{20,40}' }),
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `twitter_access_token: ${accessToken}`, secret: accessToken }],
      fp: [`access_token: ${accessToken}`],
    },
  },
  {
    id: 'twitter-access-token-secret',
    title: 'X (Twitter) user access token secret',
    provider: 'X (Twitter)',
    severity: 'high',
    confidence: 'medium',
    keywords: ['twitter'],
    pattern: assigned({ names: ['twitter'], qualifiers: ['secret'], value: '[A-Za-z0-9]{45}' }),
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `TWITTER_ACCESS_TOKEN_SECRET=${accessSecret}`, secret: accessSecret }],
      fp: [`ACCESS_TOKEN_SECRET=${accessSecret}`],
    },
  },
];

export default rules(list);

/**
 * Meta (Facebook, Instagram) credentials (https://developers.facebook.com/docs/facebook-login/guides/access-tokens):
 * user and page access tokens `EAA…` (100+ characters), app access tokens `<app id>|<app secret>`, app
 * secrets (32 hex, recognised by their name), and Instagram tokens `IGQV…`/`IGAA…`.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, B64URL, DIGITS, fake, HEX, rules } from '../_kit/kit.ts';

const tokenRevoke =
  'Invalidate it: log the sessions out / remove the app from the account, or reset the app secret (which invalidates app tokens) in the Meta app dashboard (App settings > Basic), and fetch tokens at run time instead of storing them.';
const secretRevoke =
  'Reset the app secret in the Meta app dashboard (App settings > Basic > App secret > Reset) and load it from the environment.';

const access = 'EAAG' + fake(ALNUM, 180, 'fb-access');
const appSecret = fake(HEX, 32, 'fb-secret');
const appToken = '1' + fake(DIGITS, 14, 'fb-appid') + '|' + fake(B64URL, 27, 'fb-apptoken').replace(/[-_]$/, 'Q');
const ig = 'IGQV' + 'J' + fake(B64URL, 200, 'ig').replace(/[-_]$/, 'Z');

const list: SecretRule[] = [
  {
    id: 'facebook-access-token',
    title: 'Facebook user or page access token',
    provider: 'Meta',
    severity: 'high',
    confidence: 'high',
    keywords: ['eaa'],
    // 100+ characters: Square's EAAA tokens, with the same first letters, are 64.
    // Not inside base64 data, where `EAA` followed by 100 letters and digits occurs by chance.
    pattern: /(?<![A-Za-z0-9+/_-])(?<secret>EAA[A-Za-z0-9]{97,400})(?![A-Za-z0-9+/=_-])/,
    minEntropy: 4.5,
    remediation: tokenRevoke,
    samples: {
      tp: [
        { text: `FB_PAGE_ACCESS_TOKEN=${access}`, secret: access },
        { text: `https://graph.facebook.com/v19.0/me?access_token=${access}`, secret: access },
      ],
      fp: [
        `SQUARE_ACCESS_TOKEN=EAAA${fake(ALNUM, 60, 'sq-like')}`,
        'access_token=EAAG...',
        `data:font/woff2;base64,d09GMgABAAAAA/EAAG${fake(ALNUM, 150, 'woff')}+${fake(B64URL.replace(/[-_]/g, ''), 40, 'woff2')}==`,
      ],
    },
  },
  {
    id: 'facebook-app-secret',
    title: 'Facebook app secret',
    provider: 'Meta',
    severity: 'high',
    confidence: 'medium',
    keywords: ['facebook', 'fb_', 'fb-', 'fbapp'],
    pattern: assigned({ names: ['facebook', 'fb_', 'fb-', 'fbapp'], qualifiers: ['secret'], value: '[0-9a-f]{32}' }),
    minEntropy: 3,
    remediation: secretRevoke,
    samples: {
      tp: [
        { text: `FACEBOOK_APP_SECRET=${appSecret}`, secret: appSecret },
        { text: `'fb_client_secret': '${appSecret}'`, secret: appSecret },
      ],
      fp: [`FACEBOOK_APP_ID=${'1' + fake(DIGITS, 14, 'fb-id')}`, `APP_SECRET=${appSecret}`],
    },
  },
  {
    id: 'facebook-app-access-token',
    title: 'Facebook app access token (app id | app secret)',
    provider: 'Meta',
    severity: 'high',
    confidence: 'medium',
    keywords: ['facebook'],
    pattern: /(?<![0-9])(?<secret>[0-9]{15,16}(?:\||%7[Cc])[A-Za-z0-9_-]{27,40})(?![\w-])/,
    minEntropy: 3,
    remediation: secretRevoke,
    samples: {
      tp: [{ text: `https://graph.facebook.com/debug_token?input_token=x&access_token=${appToken}`, secret: appToken }],
      fp: ['facebook id 123456789012345|xxxxxxxxxxxxxxxxxxxxxxxxxxx', `order ${fake(DIGITS, 15, 'o')}|${fake(ALNUM, 30, 'p')}`],
    },
  },
  {
    id: 'instagram-access-token',
    title: 'Instagram access token',
    provider: 'Meta',
    severity: 'high',
    confidence: 'high',
    keywords: ['igqv', 'igaa'],
    pattern: /(?<![A-Za-z0-9+/_-])(?<secret>IG(?:QV|AA)[A-Za-z0-9_-]{100,400})(?![A-Za-z0-9+/=_-])/,
    minEntropy: 4.5,
    remediation: tokenRevoke,
    samples: {
      tp: [{ text: `INSTAGRAM_ACCESS_TOKEN=${ig}`, secret: ig }],
      fp: ['INSTAGRAM_ACCESS_TOKEN=IGQV...', `IGQV${'x'.repeat(120)}`],
    },
  },
];

export default rules(list);

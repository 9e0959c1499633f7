/**
 * Dropbox (https://developers.dropbox.com/oauth-guide): short-lived access tokens `sl.…` (4 hours),
 * long-lived access tokens (11 characters, ten `A`, 43 characters) and app secrets (15 characters); the
 * last two need a name that says Dropbox.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, B64URL, fake, LOWNUM, rules } from '../_kit/kit.ts';

const revoke =
  'Revoke it (POST /2/auth/token/revoke, or the app console at https://www.dropbox.com/developers/apps > your app > Settings), check the files the app could reach, and load new credentials from the environment.';
const short = 'sl.' + 'u.' + fake(B64URL, 600, 'dropbox-sl').replace(/[-_]$/, 'g');
const shortOld = 'sl.' + fake(B64URL, 136, 'dropbox-sl-old').replace(/[-_]$/, 'g');
const long = fake(LOWNUM, 11, 'dropbox-ll') + 'AAAAAAAAAA' + fake(B64URL, 43, 'dropbox-ll2').replace(/[-_]$/, 'g');
const appSecret = fake(LOWNUM, 15, 'dropbox-secret');

const list: SecretRule[] = [
  {
    id: 'dropbox-short-lived-token',
    title: 'Dropbox short-lived access token',
    provider: 'Dropbox',
    severity: 'medium',
    confidence: 'high',
    keywords: ['sl.'],
    pattern: /\b(?<secret>sl\.(?:u\.)?[A-Za-z0-9_-]{130,1500})(?![\w.-])/,
    minEntropy: 4.5,
    remediation: revoke,
    samples: {
      tp: [
        { text: `DROPBOX_ACCESS_TOKEN=${short}`, secret: short },
        { text: `dbx = dropbox.Dropbox("${shortOld}")`, secret: shortOld },
      ],
      fp: ['DROPBOX_ACCESS_TOKEN=sl.xxxxxxxx', `sl.${'A'.repeat(140)}`],
    },
  },
  {
    id: 'dropbox-long-lived-token',
    title: 'Dropbox long-lived access token',
    provider: 'Dropbox',
    severity: 'high',
    confidence: 'medium',
    keywords: ['dropbox'],
    pattern: assigned({ names: ['dropbox'], value: '[a-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_=-]{43}' }),
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `DROPBOX_TOKEN=${long}`, secret: long }],
      fp: [`TOKEN=${long}`],
    },
  },
  {
    id: 'dropbox-app-secret',
    title: 'Dropbox app secret',
    provider: 'Dropbox',
    severity: 'high',
    confidence: 'medium',
    keywords: ['dropbox'],
    pattern: assigned({ names: ['dropbox'], qualifiers: ['secret'], value: '[a-z0-9]{15}' }),
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `DROPBOX_APP_SECRET=${appSecret}`, secret: appSecret }],
      fp: [`DROPBOX_APP_KEY=${fake(LOWNUM, 15, 'dropbox-key')}`, `APP_SECRET=${appSecret}`, 'DROPBOX_APP_SECRET=xxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

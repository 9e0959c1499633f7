/**
 * Square access tokens and OAuth application secrets (https://developer.squareup.com/docs/build-basics/access-tokens):
 * production access tokens `EAAA…` (64 characters) and the older `sq0atp-…`, application secrets
 * `sq0csp-…`; the older sandbox credentials carry a `sandbox-` prefix.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, B64URL, fake, rules } from '../_kit/kit.ts';

const revoke =
  'Revoke it in the Square Developer Console (https://developer.squareup.com/apps > your app > Credentials: replace the access token, or revoke the OAuth token with the Revoke API), then load the new one from the environment.';

const eaaa = 'EAAA' + fake(B64URL.replace(/[-_]/g, ''), 60, 'square-eaaa');
const atp = 'sq0' + 'atp-' + fake(B64URL, 22, 'square-atp').replace(/^[-_]/, 'Q');
const csp = 'sq0' + 'csp-' + fake(B64URL, 43, 'square-csp').replace(/[-_]$/, 'Q');
const sbx = 'sandbox-' + 'sq0' + 'atb-' + fake(B64URL, 22, 'square-atb').replace(/[-_]$/, 'Q');

const list: SecretRule[] = [
  {
    id: 'square-access-token',
    title: 'Square access token',
    provider: 'Square',
    severity: 'critical',
    confidence: 'high',
    keywords: ['eaaa', 'sq0atp-'],
    // 64 characters for EAAA tokens: Facebook tokens also start with EAA but run past 100 characters.
    // Not inside base64 data, where EAAA is frequent: no base64 character on either side.
    pattern: /(?<![A-Za-z0-9+/_-])(?<secret>EAAA[0-9A-Za-z_-]{60}|sq0atp-[0-9A-Za-z_-]{22})(?![A-Za-z0-9+/=_-])/,
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [
        { text: `SQUARE_ACCESS_TOKEN=${eaaa}`, secret: eaaa },
        { text: `client = Client(access_token='${atp}')`, secret: atp },
      ],
      fp: [
        'SQUARE_ACCESS_TOKEN=EAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        // A Facebook token: same first letters, much longer.
        `EAAG${fake(B64URL.replace(/[-_]/g, ''), 180, 'fb-like')}`,
        'sq0atp-0000000000000000000000',
        `data:image/png;base64,iVBORw0KGgo+EAAA${fake(ALNUM, 60, 'png-eaaa')}/AAAA==`,
      ],
    },
  },
  {
    id: 'square-oauth-secret',
    title: 'Square OAuth application secret',
    provider: 'Square',
    severity: 'high',
    confidence: 'high',
    keywords: ['sq0csp-'],
    pattern: /\b(?<secret>sq0csp-[0-9A-Za-z_-]{43})(?![\w-])/,
    minEntropy: 3.5,
    remediation:
      'Replace the application secret in the Square Developer Console (your app > OAuth > Replace secret); tokens issued with it keep working until revoked, so review them too.',
    samples: {
      tp: [{ text: `"square_app_secret": "${csp}"`, secret: csp }],
      fp: ['sq0csp-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'sq0csp-<application secret>'],
    },
  },
  {
    id: 'square-sandbox-credential',
    title: 'Square sandbox access token or application secret',
    provider: 'Square',
    severity: 'low',
    confidence: 'high',
    keywords: ['sandbox-sq0'],
    pattern: /\b(?<secret>sandbox-sq0(?:atb-[0-9A-Za-z_-]{22}|csb-[0-9A-Za-z_-]{43}))(?![\w-])/,
    minEntropy: 3.5,
    remediation:
      'Sandbox credentials move no money; replace it in the Square Developer Console (Sandbox tab) and load it from the environment.',
    samples: {
      tp: [{ text: `SQUARE_SANDBOX_TOKEN=${sbx}`, secret: sbx }],
      fp: ['sandbox-sq0atb-xxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

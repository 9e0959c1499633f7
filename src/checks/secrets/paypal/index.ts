/**
 * PayPal and Braintree. Braintree access tokens (Braintree for PayPal, https://developer.paypal.com/braintree/docs/guides/authorization/overview)
 * read `access_token$<environment>$<merchant id>$<32 hex>`; Braintree API private keys are 32 hex
 * characters; PayPal REST client secrets are 80 characters and only recognisable by their name. Braintree
 * tokenization keys (`production_…_…`) are client-side by design and are not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, B64URL, fake, HEX, LOWNUM, rules } from '../_kit/kit.ts';

const btRevoke =
  'Revoke it in the Braintree Control Panel (Settings > API > API keys / Granted access tokens) or in the PayPal developer dashboard, then load the new credential from the environment or a secret manager.';

const bt = (env: string, seed: string) => 'access_token$' + env + '$' + fake(LOWNUM, 16, seed) + '$' + fake(HEX, 32, seed + '-h');
const btProd = bt('production', 'bt-prod');
const btSandbox = bt('sandbox', 'bt-sbx');
const btPriv = fake(HEX, 32, 'bt-private');
const ppSecret = 'E' + fake(B64URL, 79, 'paypal-secret').replace(/[-_]$/, 'x');

const list: SecretRule[] = [
  {
    id: 'braintree-access-token',
    title: 'Braintree (PayPal) production access token',
    provider: 'PayPal',
    severity: 'critical',
    confidence: 'high',
    keywords: ['access_token$production$'],
    pattern: /(?<secret>access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})\b/,
    minEntropy: 3,
    remediation: btRevoke,
    samples: {
      tp: [{ text: `BRAINTREE_ACCESS_TOKEN="${btProd}"`, secret: btProd }],
      fp: ['access_token$production$xxxxxxxxxxxxxxxx$xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'access_token$production$<merchant_id>$<token>'],
    },
  },
  {
    id: 'braintree-sandbox-access-token',
    title: 'Braintree (PayPal) sandbox access token',
    provider: 'PayPal',
    severity: 'low',
    confidence: 'high',
    keywords: ['access_token$sandbox$'],
    pattern: /(?<secret>access_token\$sandbox\$[0-9a-z]{16}\$[0-9a-f]{32})\b/,
    minEntropy: 3,
    remediation: 'A sandbox token moves no money; revoke it in the Braintree sandbox Control Panel and load it from the environment.',
    samples: {
      tp: [{ text: `gateway = braintree.BraintreeGateway(access_token="${btSandbox}")`, secret: btSandbox }],
      fp: ['access_token$sandbox$$', 'access_token$staging$abcdefgh12345678$0123456789abcdef0123456789abcdef'],
    },
  },
  {
    id: 'braintree-private-key',
    title: 'Braintree API private key',
    provider: 'PayPal',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['braintree'],
    pattern: assigned({ names: ['braintree'], qualifiers: ['private', 'secret'], value: '[0-9a-f]{32}' }),
    minEntropy: 3,
    remediation: btRevoke,
    samples: {
      tp: [
        { text: `BRAINTREE_PRIVATE_KEY=${btPriv}`, secret: btPriv },
        { text: `braintree_private_key: "${btPriv}"`, secret: btPriv },
      ],
      fp: [
        `BRAINTREE_PUBLIC_KEY=${fake(LOWNUM, 16, 'bt-pub')}`,
        `BRAINTREE_MERCHANT_ID=${fake(LOWNUM, 16, 'bt-mid')}`,
        'BRAINTREE_PRIVATE_KEY=your_private_key',
      ],
    },
  },
  {
    id: 'paypal-client-secret',
    title: 'PayPal REST API client secret',
    provider: 'PayPal',
    severity: 'high',
    confidence: 'medium',
    keywords: ['paypal'],
    pattern: assigned({ names: ['paypal'], qualifiers: ['secret'], value: '[A-Za-z0-9_-]{80}' }),
    minEntropy: 4,
    remediation:
      'Generate a new secret for the app at https://developer.paypal.com/dashboard/applications (Apps & Credentials > your app > Secret key > Generate / disable the old one), then load it from the environment.',
    samples: {
      tp: [
        { text: `PAYPAL_CLIENT_SECRET=${ppSecret}`, secret: ppSecret },
        { text: `"paypalSecret": "${ppSecret}"`, secret: ppSecret },
      ],
      fp: [
        `PAYPAL_CLIENT_ID=A${fake(B64URL, 79, 'pp-id')}`,
        'PAYPAL_CLIENT_SECRET=<your client secret>',
        'paypal_secret = os.environ["PAYPAL_SECRET"]',
      ],
    },
  },
];

export default rules(list);

/**
 * Stripe API keys (https://docs.stripe.com/keys): `sk_` secret and `rk_` restricted keys, `_live_` or
 * `_test_`, then 24 (older accounts) to 99+ base62 characters; webhook endpoint signing secrets
 * `whsec_…` (https://docs.stripe.com/webhooks#verify-official-libraries). Publishable keys (`pk_…`) are
 * meant for browsers and are not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, B64, fake, HEX, ref, rules } from '../_kit/kit.ts';

const dashboard =
  'Roll the key at https://dashboard.stripe.com/apikeys (Developers > API keys > Roll key), then load it from the environment or a secret manager; check the Stripe logs for requests you did not make.';

/** Keys Stripe prints in its public documentation and tutorials. */
const STRIPE_DOC_KEYS = [
  /^sk_test_4eC39HqLyjWDarjtT1zdp7dc$/,
  /^sk_test_BQokikJOvBiI2HlWgH4olfQ2$/,
  /^sk_test_26PHem9AhJZvU623DfE1x4sd$/,
  /^sk_test_tR3PYbcVNZZ796tH88S4VQ2u$/,
];

const live = 'sk_' + 'live_' + '51' + fake(ALNUM, 97, 'stripe-live');
const liveShort = 'sk_' + 'live_' + fake(ALNUM, 24, 'stripe-live-24');
const restricted = 'rk_' + 'live_' + '51' + fake(ALNUM, 97, 'stripe-rk');
const test = 'sk_' + 'test_' + '51' + fake(ALNUM, 97, 'stripe-test');
const rtest = 'rk_' + 'test_' + fake(ALNUM, 24, 'stripe-rk-test');
const whsec = 'whsec_' + fake(ALNUM, 32, 'stripe-whsec');
const whsecCli = 'whsec_' + fake(HEX, 64, 'stripe-whsec-cli');
const whsecSvix = 'whsec_' + fake(B64, 43, 'svix-whsec') + '=';

const list: SecretRule[] = [
  {
    id: 'stripe-live-secret-key',
    title: 'Stripe live secret API key',
    provider: 'Stripe',
    severity: 'critical',
    confidence: 'high',
    keywords: ['sk_live_'],
    pattern: /\b(?<secret>sk_live_[0-9A-Za-z]{24,247})\b/,
    minEntropy: 3.5,
    remediation: dashboard,
    samples: {
      tp: [
        { text: `STRIPE_SECRET_KEY=${live}`, secret: live },
        { text: `Stripe::api_key = '${liveShort}'`, secret: liveShort },
        { text: `curl https://api.stripe.com/v1/charges -u ${live}:`, secret: live },
      ],
      fp: [
        'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'stripe.api_key = "sk_live_..."',
        `publishableKey: 'pk_live_${fake(ALNUM, 24, 'stripe-pk')}'`,
        'sk_live_ABCDEFGHIJKLMNOPQRSTUVWXYZ',
        `STRIPE_SECRET_KEY=${ref('STRIPE_SECRET_KEY')}`,
      ],
    },
  },
  {
    id: 'stripe-live-restricted-key',
    title: 'Stripe live restricted API key',
    provider: 'Stripe',
    severity: 'critical',
    confidence: 'high',
    keywords: ['rk_live_'],
    pattern: /\b(?<secret>rk_live_[0-9A-Za-z]{24,247})\b/,
    minEntropy: 3.5,
    remediation: dashboard,
    samples: {
      tp: [{ text: `"stripeKey": "${restricted}"`, secret: restricted }],
      fp: ['rk_live_0000000000000000000000000000', 'key: rk_live_<your restricted key>'],
    },
  },
  {
    id: 'stripe-test-key',
    title: 'Stripe test-mode secret or restricted key',
    provider: 'Stripe',
    severity: 'low',
    confidence: 'high',
    keywords: ['sk_test_', 'rk_test_'],
    pattern: /\b(?<secret>[rs]k_test_[0-9A-Za-z]{24,247})\b/,
    minEntropy: 3.5,
    allow: STRIPE_DOC_KEYS,
    remediation:
      'Test-mode keys move no money but read and write your test data and reveal your account: roll it at https://dashboard.stripe.com/test/apikeys and load it from the environment.',
    samples: {
      tp: [
        { text: `export STRIPE_KEY="${test}"`, secret: test },
        { text: `stripe.api_key = '${rtest}'`, secret: rtest },
      ],
      fp: [
        // The key Stripe prints in its documentation, and older documentation keys.
        "Stripe.apiKey = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';",
        'curl https://api.stripe.com/v1/customers -u sk_test_BQokikJOvBiI2HlWgH4olfQ2:',
        'sk_test_xxxxxxxxxxxxxxxxxxxxxxxx',
        `pk_test_${fake(ALNUM, 24, 'stripe-pk-test')}`,
      ],
    },
  },
  {
    id: 'stripe-webhook-secret',
    title: 'Stripe (or Svix) webhook signing secret',
    provider: 'Stripe',
    severity: 'high',
    confidence: 'high',
    keywords: ['whsec_'],
    pattern: /\b(?<secret>whsec_[A-Za-z0-9+/]{32,86}={0,2})(?![A-Za-z0-9+/=])/,
    minEntropy: 3.5,
    remediation:
      'Whoever holds it can forge webhook events your endpoint will trust. Roll the endpoint secret at https://dashboard.stripe.com/webhooks (or in the Svix/Clerk/Resend dashboard that issued it) and load it from the environment.',
    samples: {
      tp: [
        { text: `STRIPE_WEBHOOK_SECRET=${whsec}`, secret: whsec },
        { text: `endpointSecret = "${whsecCli}";`, secret: whsecCli },
        { text: `CLERK_WEBHOOK_SECRET: ${whsecSvix}`, secret: whsecSvix },
      ],
      fp: [
        'STRIPE_WEBHOOK_SECRET=whsec_...',
        'whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'const endpointSecret = "whsec_YOUR_SIGNING_SECRET";',
      ],
    },
  },
];

export default rules(list);

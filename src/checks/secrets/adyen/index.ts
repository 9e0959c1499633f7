/**
 * Adyen API keys (https://docs.adyen.com/development-resources/api-credentials/#generate-api-key): `AQE`
 * followed by base64 segments joined by `-`. HMAC keys that sign webhook notifications are 64 hex
 * characters, recognisable by their name. Client keys (`test_…`/`live_…`) are meant for browsers and are
 * not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, B64, fake, HEXU, rules } from '../_kit/kit.ts';

const revoke =
  'Generate a new API key for the API credential in the Adyen Customer Area (Developers > API credentials > your credential > Generate new API key), revoke the old one, and load it from the environment.';

const apiKey = 'AQE' + fake(ALNUM, 5, 'adyen-a') + fake(B64, 70, 'adyen-b') + '=-' + fake(B64, 43, 'adyen-c') + '=';
const hmac = fake(HEXU, 64, 'adyen-hmac');

const list: SecretRule[] = [
  {
    id: 'adyen-api-key',
    title: 'Adyen API key',
    provider: 'Adyen',
    severity: 'critical',
    confidence: 'high',
    keywords: ['aqe'],
    pattern: /\b(?<secret>AQE[A-Za-z0-9+/]{40,200}={0,2}-[A-Za-z0-9+/]{40,60}={0,2})(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [
        { text: `ADYEN_API_KEY=${apiKey}`, secret: apiKey },
        { text: `-H "X-API-Key: ${apiKey}-W+t7NF"`, secret: apiKey },
      ],
      fp: ['X-API-Key: Your_Checkout_API_key', 'ADYEN_API_KEY=AQE...', `clientKey: 'test_${fake(ALNUM, 32, 'adyen-ck')}'`],
    },
  },
  {
    id: 'adyen-hmac-key',
    title: 'Adyen webhook HMAC key',
    provider: 'Adyen',
    severity: 'high',
    confidence: 'medium',
    keywords: ['adyen'],
    pattern: assigned({ names: ['adyen'], qualifiers: ['hmac'], value: '[0-9A-Fa-f]{64}' }),
    minEntropy: 3,
    remediation:
      'Whoever holds it can forge payment notifications your server will trust. Generate a new HMAC key for the webhook in the Customer Area (Developers > Webhooks > your webhook > HMAC key) and load it from the environment.',
    samples: {
      tp: [{ text: `ADYEN_HMAC_KEY=${hmac}`, secret: hmac }],
      fp: [`ADYEN_MERCHANT_ACCOUNT=${fake(ALNUM, 20, 'adyen-ma')}`, `HMAC_KEY=${hmac}`],
    },
  },
];

export default rules(list);

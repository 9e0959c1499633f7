/**
 * Cryptocurrency exchange API secrets without a prefix of their own, recognised by the name they are
 * assigned to: Kraken private keys (base64 of 64 bytes), KuCoin API secrets (UUIDs) and API keys (24 hex),
 * Bittrex keys and secrets (32 characters), Binance secret keys (64 characters). They can trade and often
 * withdraw: treat them like bank credentials.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, B64, fake, fakeUuid, HEX, rules } from '../_kit/kit.ts';

const how = (site: string) =>
  `Delete the API key in the exchange's API settings (${site}), review recent trades and withdrawals, create a new key without withdrawal rights where possible and keep it in a secret manager.`;

const kraken = fake(B64, 86, 'kraken') + '==';
const kucoinSecret = fakeUuid('kucoin-secret');
const kucoinKey = fake(HEX, 24, 'kucoin-key');
const bittrex = fake(HEX, 32, 'bittrex');
const binance = fake(ALNUM, 64, 'binance');

const list: SecretRule[] = [
  {
    id: 'kraken-api-private-key',
    title: 'Kraken API private key',
    provider: 'Kraken',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['kraken'],
    pattern: assigned({ names: ['kraken'], value: '[A-Za-z0-9+/]{80,90}={0,2}' }),
    minEntropy: 4.5,
    remediation: how('https://pro.kraken.com/app/settings/api'),
    samples: {
      tp: [{ text: `KRAKEN_PRIVATE_KEY=${kraken}`, secret: kraken }],
      fp: [`KRAKEN_API_KEY=${fake(B64, 56, 'kraken-pub')}`, `PRIVATE_KEY=${kraken}`],
    },
  },
  {
    id: 'kucoin-api-secret',
    title: 'KuCoin API secret',
    provider: 'KuCoin',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['kucoin'],
    pattern: assigned({ names: ['kucoin'], qualifiers: ['secret'], value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' }),
    minEntropy: 3,
    remediation: how('https://www.kucoin.com/account/api'),
    samples: {
      tp: [{ text: `KUCOIN_API_SECRET="${kucoinSecret}"`, secret: kucoinSecret }],
      fp: [`KUCOIN_USER_ID=${fakeUuid('kucoin-uid')}`, 'KUCOIN_API_SECRET=00000000-0000-0000-0000-000000000000'],
    },
  },
  {
    id: 'kucoin-api-key',
    title: 'KuCoin API key',
    provider: 'KuCoin',
    severity: 'high',
    confidence: 'medium',
    keywords: ['kucoin'],
    pattern: assigned({ names: ['kucoin'], qualifiers: ['key', 'token'], value: '[0-9a-f]{24}' }),
    minEntropy: 3,
    remediation: how('https://www.kucoin.com/account/api'),
    samples: {
      tp: [{ text: `kucoin_api_key: ${kucoinKey}`, secret: kucoinKey }],
      fp: [`api_key: ${kucoinKey}`, 'kucoin_api_key: 000000000000000000000000'],
    },
  },
  {
    id: 'bittrex-api-key',
    title: 'Bittrex API key or secret',
    provider: 'Bittrex',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['bittrex'],
    pattern: assigned({ names: ['bittrex'], value: '[A-Za-z0-9]{32}' }),
    minEntropy: 3,
    remediation: how('Bittrex Global closed in 2023: delete the key if the account still exists'),
    samples: {
      tp: [{ text: `BITTREX_API_SECRET = '${bittrex}'`, secret: bittrex }],
      fp: [`API_SECRET = '${bittrex}'`, "BITTREX_API_SECRET = 'YOUR_BITTREX_SECRET_HERE_000000'"],
    },
  },
  {
    id: 'binance-api-secret',
    title: 'Binance API secret key',
    provider: 'Binance',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['binance'],
    pattern: assigned({ names: ['binance'], qualifiers: ['secret', 'private'], value: '[A-Za-z0-9]{64}' }),
    minEntropy: 4,
    remediation: how('https://www.binance.com/en/my/settings/api-management'),
    samples: {
      tp: [{ text: `BINANCE_SECRET_KEY=${binance}`, secret: binance }],
      fp: [`BINANCE_API_KEY=${fake(ALNUM, 64, 'binance-key')}`, `SECRET_KEY=${binance}`],
    },
  },
];

export default rules(list);

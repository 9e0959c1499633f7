/**
 * Coinbase API secrets: legacy API key secrets, Coinbase Exchange (Advanced Trade) base64 secrets and
 * CDP secret keys have no prefix of their own, so they are recognised by their name. CDP keys in PEM form
 * are reported by the private-key rules.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, B64, B64URL, fake, rules } from '../_kit/kit.ts';

const exchange = fake(B64, 86, 'coinbase-ex') + '==';
const legacy = fake(B64URL, 64, 'coinbase-64').replace(/^[-_]/, 'k');
const short = fake(ALNUM, 32, 'coinbase-32');

const list: SecretRule[] = [
  {
    id: 'coinbase-api-secret',
    title: 'Coinbase API secret',
    provider: 'Coinbase',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['coinbase'],
    pattern: assigned({
      names: ['coinbase'],
      qualifiers: ['secret', 'private', 'token', 'passphrase'],
      value: '[A-Za-z0-9+/]{86}==|[A-Za-z0-9_-]{64}|[A-Za-z0-9]{32}',
    }),
    minEntropy: 4,
    remediation:
      'Delete the API key at https://www.coinbase.com/settings/api (or in the Coinbase Developer Platform / Advanced Trade portal), check the account for trades and withdrawals you did not make, and load the new secret from a secret manager.',
    samples: {
      tp: [
        { text: `COINBASE_API_SECRET=${exchange}`, secret: exchange },
        { text: `coinbase_access_token: "${legacy}"`, secret: legacy },
        { text: `"coinbaseSecret": "${short}"`, secret: short },
      ],
      fp: [
        `COINBASE_API_KEY_NAME=organizations/${fake(ALNUM, 12, 'cb-org')}/apiKeys/${fake(ALNUM, 12, 'cb-key')}`,
        'COINBASE_API_SECRET=<secret>',
        `API_SECRET=${exchange}`,
      ],
    },
  },
];

export default rules(list);

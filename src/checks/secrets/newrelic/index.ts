/**
 * New Relic keys (https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/): user API keys
 * `NRAK-`, license (ingest) keys ending in `NRAL`, Insights insert `NRII-` and query `NRIQ-` keys, browser
 * keys `NRJS-` (shipped to browsers by design, so low).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { behind } from '../_infra/util.ts';
import { B64URL, fake, HEX, rules, UPNUM } from '../_kit/kit.ts';

const keys =
  'Delete or rotate the key in New Relic (the user menu > API keys, https://one.newrelic.com/api-keys) and create a new one for the integration.';

const user = `NR${'AK'}-${fake(UPNUM, 27, 'nr-user')}`;
const license = `${fake(HEX, 36, 'nr-license')}NR${'AL'}`;
const insert = `NR${'II'}-${fake(B64URL, 32, 'nr-insert')}`;
const query = `NR${'IQ'}-${fake(B64URL, 32, 'nr-query')}`;
const browser = `NR${'JS'}-${fake(HEX, 19, 'nr-browser')}`;

function rule(o: Omit<SecretRule, 'provider' | 'confidence' | 'remediation'>): SecretRule {
  return { provider: 'New Relic', confidence: 'high', remediation: keys, ...o };
}

const list: SecretRule[] = [
  rule({
    id: 'new-relic-user-api-key',
    title: 'New Relic user API key',
    severity: 'high',
    keywords: ['nrak-'],
    pattern: /(?<![\w-])(?<secret>NRAK-[A-Z0-9]{27})(?![\w-])/,
    minEntropy: 3.5,
    samples: { tp: [{ text: `NEW_RELIC_API_KEY=${user}`, secret: user }], fp: ['NEW_RELIC_API_KEY=NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX'] },
  }),
  rule({
    id: 'new-relic-license-key',
    title: 'New Relic license (ingest) key',
    severity: 'high',
    keywords: ['nral'],
    pattern: behind('NRAL', '[a-f0-9]{36}NRAL', String.raw`(?<![\w-])`, String.raw`(?![\w-])`),
    minEntropy: 3,
    samples: {
      tp: [{ text: `newrelic:\n  license_key: ${license}`, secret: license }],
      fp: [`license_key: ${'0'.repeat(36)}NRAL`, 'license_key: <YOUR_LICENSE_KEY>NRAL'],
    },
  }),
  rule({
    id: 'new-relic-insert-key',
    title: 'New Relic Insights insert key',
    severity: 'high',
    keywords: ['nrii-'],
    pattern: /(?<![\w-])(?<secret>NRII-[A-Za-z0-9_-]{32})(?![\w-])/,
    minEntropy: 3.5,
    samples: { tp: [{ text: `X-Insert-Key: ${insert}`, secret: insert }], fp: ['X-Insert-Key: NRII-<key>'] },
  }),
  rule({
    id: 'new-relic-query-key',
    title: 'New Relic Insights query key',
    severity: 'medium',
    keywords: ['nriq-'],
    pattern: /(?<![\w-])(?<secret>NRIQ-[A-Za-z0-9_-]{32})(?![\w-])/,
    minEntropy: 3.5,
    samples: { tp: [{ text: `X-Query-Key: ${query}`, secret: query }], fp: ['X-Query-Key: NRIQ-<key>'] },
  }),
  rule({
    id: 'new-relic-browser-api-token',
    title: 'New Relic browser key',
    severity: 'low',
    keywords: ['nrjs-'],
    pattern: /(?<![\w-])(?<secret>NRJS-[a-f0-9]{19})(?![\w-])/,
    minEntropy: 3,
    samples: {
      tp: [{ text: `licenseKey:"${browser}",applicationID:"1234"`, secret: browser }],
      fp: [`licenseKey:"NRJS-${'0'.repeat(19)}"`],
    },
  }),
];

export default rules(list);

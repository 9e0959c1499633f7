/**
 * Chargebee API keys: `live_` or `test_` then 32 to 34 characters
 * (https://apidocs.chargebee.com/docs/api/#authentication). The prefixes are shared with other
 * providers, so the name must say Chargebee.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, rules } from '../_kit/kit.ts';

const revoke =
  'Delete the API key in Chargebee (Settings > Configure Chargebee > API Keys and Webhooks > API Keys), create a restricted one, and load it from the environment.';

const live = 'live_' + fake(ALNUM, 32, 'cb-live');
const test = 'test_' + fake(ALNUM, 34, 'cb-test');

const list: SecretRule[] = [
  {
    id: 'chargebee-live-api-key',
    title: 'Chargebee live API key',
    provider: 'Chargebee',
    severity: 'critical',
    confidence: 'high',
    keywords: ['chargebee'],
    pattern: assigned({ names: ['chargebee'], value: 'live_[0-9A-Za-z]{32,34}' }),
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `CHARGEBEE_API_KEY=${live}`, secret: live }],
      fp: [`API_KEY=${live}`, 'CHARGEBEE_API_KEY=live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'chargebee-test-api-key',
    title: 'Chargebee test-site API key',
    provider: 'Chargebee',
    severity: 'low',
    confidence: 'high',
    keywords: ['chargebee'],
    pattern: assigned({ names: ['chargebee'], value: 'test_[0-9A-Za-z]{32,34}' }),
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `chargebee.configure(site: "acme-test", chargebee_key: "${test}")`, secret: test }],
      fp: [`configure(api_key: "${test}")`],
    },
  },
];

export default rules(list);

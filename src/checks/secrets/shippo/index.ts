/**
 * Shippo API tokens: `shippo_live_` or `shippo_test_` then 40 hex characters
 * (https://docs.goshippo.com/docs/guides_general/authentication/).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, HEX, rules } from '../_kit/kit.ts';

const revoke = 'Regenerate the token at https://apps.goshippo.com/settings/api (API > Tokens) and load it from the environment.';
const live = 'shippo_' + 'live_' + fake(HEX, 40, 'shippo-live');
const test = 'shippo_' + 'test_' + fake(HEX, 40, 'shippo-test');

const list: SecretRule[] = [
  {
    id: 'shippo-live-api-token',
    title: 'Shippo live API token',
    provider: 'Shippo',
    severity: 'high',
    confidence: 'high',
    keywords: ['shippo_live_'],
    pattern: /\b(?<secret>shippo_live_[0-9a-fA-F]{40})\b/,
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `-H "Authorization: ShippoToken ${live}"`, secret: live }],
      fp: ['Authorization: ShippoToken shippo_live_<API_TOKEN>', 'shippo_live_0000000000000000000000000000000000000000'],
    },
  },
  {
    id: 'shippo-test-api-token',
    title: 'Shippo test API token',
    provider: 'Shippo',
    severity: 'low',
    confidence: 'high',
    keywords: ['shippo_test_'],
    pattern: /\b(?<secret>shippo_test_[0-9a-fA-F]{40})\b/,
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `SHIPPO_API_KEY=${test}`, secret: test }],
      fp: ['SHIPPO_API_KEY=shippo_test_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

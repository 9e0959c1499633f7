/**
 * Lob secret API keys: `live_` or `test_` then 35 hex characters (https://docs.lob.com/#section/Authentication).
 * The prefixes are shared with other providers, so the name must say Lob. Publishable keys
 * (`live_pub_…`) are meant for browsers and are not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, HEX, rules } from '../_kit/kit.ts';

const revoke = 'Roll the key in the Lob dashboard (Settings > API Keys) and load it from the environment.';
const live = 'live_' + fake(HEX, 35, 'lob-live');
const test = 'test_' + fake(HEX, 35, 'lob-test');
const NAMES = ['lob'];

const list: SecretRule[] = [
  {
    id: 'lob-live-api-key',
    title: 'Lob live secret API key',
    provider: 'Lob',
    severity: 'high',
    confidence: 'high',
    keywords: ['lob'],
    pattern: assigned({ names: NAMES, wordStart: true, value: 'live_[0-9a-f]{35}' }),
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `LOB_API_KEY=${live}`, secret: live }],
      fp: [`LOB_PUBLISHABLE_KEY=live_pub_${fake(HEX, 31, 'lob-pub')}`, `BLOB_KEY=${live}`, `GLOBAL_KEY=${live}`],
    },
  },
  {
    id: 'lob-test-api-key',
    title: 'Lob test secret API key',
    provider: 'Lob',
    severity: 'low',
    confidence: 'high',
    keywords: ['lob'],
    pattern: assigned({ names: NAMES, wordStart: true, value: 'test_[0-9a-f]{35}' }),
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `lob_test_key: "${test}"`, secret: test }],
      fp: [`apiKey: '${test}'`],
    },
  },
];

export default rules(list);

/**
 * Duffel access tokens: `duffel_live_…` or `duffel_test_…` then 43 characters
 * (https://duffel.com/docs/api/overview/making-requests/authentication).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64URL, fake, rules } from '../_kit/kit.ts';

const revoke = 'Revoke the token in the Duffel dashboard (Developers > Access tokens), create a new one, and load it from the environment.';

const body = (seed: string) => fake(B64URL, 43, seed).replace(/[-_]$/, 'q');
const live = 'duffel_' + 'live_' + body('duffel-live');
const test = 'duffel_' + 'test_' + body('duffel-test');

const list: SecretRule[] = [
  {
    id: 'duffel-live-access-token',
    title: 'Duffel live access token',
    provider: 'Duffel',
    severity: 'critical',
    confidence: 'high',
    keywords: ['duffel_live_'],
    pattern: /\b(?<secret>duffel_live_[A-Za-z0-9_=-]{43})(?![\w=-])/,
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `DUFFEL_ACCESS_TOKEN=${live}`, secret: live }],
      fp: ['DUFFEL_ACCESS_TOKEN=duffel_live_...', 'duffel_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'duffel-test-access-token',
    title: 'Duffel test access token',
    provider: 'Duffel',
    severity: 'low',
    confidence: 'high',
    keywords: ['duffel_test_'],
    pattern: /\b(?<secret>duffel_test_[A-Za-z0-9_=-]{43})(?![\w=-])/,
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `new Duffel({ token: '${test}' })`, secret: test }],
      fp: ['duffel_test_<your token>'],
    },
  },
];

export default rules(list);

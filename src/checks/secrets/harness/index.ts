/**
 * Harness personal and service-account API tokens
 * (https://developer.harness.io/docs/platform/automation/api/add-and-manage-api-keys/):
 * `pat.` or `sat.` + account id (22) + `.` + token id (24) + `.` + secret (20).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, B64URL, fake, rules } from '../_kit/kit.ts';

const pat = `pa${'t'}.${fake(B64URL, 22, 'harness-1')}.${fake(ALNUM, 24, 'harness-2')}.${fake(ALNUM, 20, 'harness-3')}`;

const list: SecretRule[] = [
  {
    id: 'harness-api-key',
    title: 'Harness API token',
    provider: 'Harness',
    severity: 'high',
    confidence: 'high',
    keywords: ['pat.', 'sat.'],
    pattern: /(?<![\w.-])(?<secret>[ps]at\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20})(?![\w.-])/,
    minEntropy: 4,
    remediation: "Delete the token in Harness (My Profile > My API Keys, or the service account's API keys) and create one with an expiry.",
    samples: {
      tp: [{ text: `x-api-key: ${pat}`, secret: pat }],
      fp: ['x-api-key: pat.<account>.<token-id>.<secret>', 'import pat.utils.helpers.strings'],
    },
  },
];

export default rules(list);

/** OpenRouter API keys: `sk-or-v1-` then 64 hex characters (https://openrouter.ai/docs/api-reference/authentication). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, HEX, rules } from '../_kit/kit.ts';

const key = 'sk-or-' + 'v1-' + fake(HEX, 64, 'openrouter');

const list: SecretRule[] = [
  {
    id: 'openrouter-api-key',
    title: 'OpenRouter API key',
    provider: 'OpenRouter',
    severity: 'high',
    confidence: 'high',
    keywords: ['sk-or-v1-'],
    pattern: /\b(?<secret>sk-or-v1-[0-9a-f]{64})\b/,
    minEntropy: 3,
    remediation:
      'Delete the key at https://openrouter.ai/settings/keys (it spends your credits), create a new one with a limit, and load it from the environment.',
    samples: {
      tp: [{ text: `OPENROUTER_API_KEY=${key}`, secret: key }],
      fp: ['OPENROUTER_API_KEY=sk-or-v1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

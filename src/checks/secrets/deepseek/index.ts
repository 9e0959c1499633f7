/**
 * DeepSeek API keys: `sk-` then 32 hex characters, a shape many other services share, so the name must
 * say DeepSeek (https://api-docs.deepseek.com/).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, HEX, rules } from '../_kit/kit.ts';

const key = 'sk-' + fake(HEX, 32, 'deepseek');

const list: SecretRule[] = [
  {
    id: 'deepseek-api-key',
    title: 'DeepSeek API key',
    provider: 'DeepSeek',
    severity: 'high',
    confidence: 'medium',
    keywords: ['deepseek'],
    pattern: assigned({ names: ['deepseek'], value: 'sk-[0-9a-f]{32}' }),
    minEntropy: 3,
    remediation: 'Delete the key at https://platform.deepseek.com/api_keys, create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `DEEPSEEK_API_KEY=${key}`, secret: key }],
      fp: [`OTHER_API_KEY=${key}`, 'DEEPSEEK_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

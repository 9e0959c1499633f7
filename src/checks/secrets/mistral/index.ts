/**
 * Mistral AI API keys: 32 characters with no prefix of their own, so only a name that says Mistral makes
 * them recognisable (https://docs.mistral.ai/getting-started/quickstart/#account-setup).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, rules } from '../_kit/kit.ts';

const key = fake(ALNUM, 32, 'mistral');

const list: SecretRule[] = [
  {
    id: 'mistral-api-key',
    title: 'Mistral AI API key',
    provider: 'Mistral AI',
    severity: 'high',
    confidence: 'medium',
    keywords: ['mistral'],
    pattern: assigned({ names: ['mistral'], qualifiers: ['key', 'token', 'secret'], value: '[A-Za-z0-9]{32}' }),
    minEntropy: 4,
    remediation: 'Delete the key at https://console.mistral.ai/api-keys, create a new one, and load it from the environment.',
    samples: {
      tp: [
        { text: `MISTRAL_API_KEY=${key}`, secret: key },
        { text: `"mistralApiKey": "${key}"`, secret: key },
      ],
      fp: [`MISTRAL_MODEL=mistral-large-latest`, `API_KEY=${key}`, 'MISTRAL_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

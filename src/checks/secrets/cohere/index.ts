/** Cohere API keys: 40 characters, recognised by their name (https://docs.cohere.com/reference/about#authentication). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, rules } from '../_kit/kit.ts';

const key = fake(ALNUM, 40, 'cohere');

const list: SecretRule[] = [
  {
    id: 'cohere-api-key',
    title: 'Cohere API key',
    provider: 'Cohere',
    severity: 'high',
    confidence: 'medium',
    keywords: ['cohere', 'co_api_key'],
    pattern: assigned({ names: ['cohere', 'co_api_key'], value: '[A-Za-z0-9]{40}' }),
    minEntropy: 4,
    remediation: 'Delete the key at https://dashboard.cohere.com/api-keys, create a new one, and load it from the environment.',
    samples: {
      tp: [
        { text: `CO_API_KEY=${key}`, secret: key },
        { text: `cohere_api_key = "${key}"`, secret: key },
      ],
      fp: [`API_KEY=${key}`, 'COHERE_API_KEY=<your-api-key>'],
    },
  },
];

export default rules(list);

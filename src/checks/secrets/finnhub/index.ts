/** Finnhub API keys: 20 lowercase characters, recognised by their name (https://finnhub.io/docs/api/authentication). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, LOWNUM, rules } from '../_kit/kit.ts';

const key = fake(LOWNUM, 20, 'finnhub');

const list: SecretRule[] = [
  {
    id: 'finnhub-api-key',
    title: 'Finnhub API key',
    provider: 'Finnhub',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['finnhub'],
    pattern: assigned({ names: ['finnhub'], value: '[a-z0-9]{20}' }),
    minEntropy: 3,
    remediation: 'Regenerate the key in the Finnhub dashboard (https://finnhub.io/dashboard) and load it from the environment.',
    samples: {
      tp: [{ text: `FINNHUB_API_KEY=${key}`, secret: key }],
      fp: [`API_KEY=${key}`, 'FINNHUB_API_KEY=xxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

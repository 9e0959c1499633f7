/** Perplexity API keys: `pplx-` then 48 characters (https://docs.perplexity.ai/guides/getting-started). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const key = 'pplx-' + fake(ALNUM, 48, 'pplx');

const list: SecretRule[] = [
  {
    id: 'perplexity-api-key',
    title: 'Perplexity API key',
    provider: 'Perplexity',
    severity: 'high',
    confidence: 'high',
    keywords: ['pplx-'],
    pattern: /\b(?<secret>pplx-[A-Za-z0-9]{48})\b/,
    minEntropy: 4,
    remediation:
      'Delete the key in the Perplexity API settings (https://www.perplexity.ai/settings/api), create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `PERPLEXITY_API_KEY=${key}`, secret: key }],
      fp: ['PERPLEXITY_API_KEY=pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

/** Groq API keys: `gsk_` then 52 characters (https://console.groq.com/keys). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const key = 'gsk_' + fake(ALNUM, 52, 'groq');

const list: SecretRule[] = [
  {
    id: 'groq-api-key',
    title: 'Groq API key',
    provider: 'Groq',
    severity: 'high',
    confidence: 'high',
    keywords: ['gsk_'],
    pattern: /\b(?<secret>gsk_[A-Za-z0-9]{48,56})\b/,
    minEntropy: 4,
    remediation: 'Delete the key at https://console.groq.com/keys, create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `GROQ_API_KEY=${key}`, secret: key }],
      fp: ['GROQ_API_KEY=gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'GROQ_API_KEY=gsk_...'],
    },
  },
];

export default rules(list);

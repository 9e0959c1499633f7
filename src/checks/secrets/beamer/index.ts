/** Beamer API keys: `b_` then 44 characters, recognised by a name that says Beamer (https://www.getbeamer.com/api). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, B64URL, fake, rules } from '../_kit/kit.ts';

const key = 'b_' + fake(B64URL, 44, 'beamer').replace(/[-_]$/, 'Z');

const list: SecretRule[] = [
  {
    id: 'beamer-api-key',
    title: 'Beamer API key',
    provider: 'Beamer',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['beamer'],
    pattern: assigned({ names: ['beamer'], value: 'b_[A-Za-z0-9_=-]{44}' }),
    minEntropy: 4,
    remediation: 'Delete the key in Beamer (Settings > API), create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `BEAMER_API_KEY=${key}`, secret: key }],
      fp: [`API_KEY=${key}`, 'BEAMER_PRODUCT_ID=abcdEFGH12345'],
    },
  },
];

export default rules(list);

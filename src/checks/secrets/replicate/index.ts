/** Replicate API tokens: `r8_` then 37 characters (https://replicate.com/docs/topics/security/api-tokens). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const token = 'r8_' + fake(ALNUM, 37, 'replicate');

const list: SecretRule[] = [
  {
    id: 'replicate-api-token',
    title: 'Replicate API token',
    provider: 'Replicate',
    severity: 'high',
    confidence: 'high',
    keywords: ['r8_'],
    pattern: /\b(?<secret>r8_[A-Za-z0-9]{37})\b/,
    minEntropy: 4,
    remediation: 'Disable the token at https://replicate.com/account/api-tokens, create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `REPLICATE_API_TOKEN=${token}`, secret: token }],
      fp: ['REPLICATE_API_TOKEN=r8_****************', 'REPLICATE_API_TOKEN=r8_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

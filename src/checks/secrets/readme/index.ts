/** ReadMe API keys: `rdme_` then 70 characters (https://docs.readme.com/main/reference/intro/authentication). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, LOWNUM, rules } from '../_kit/kit.ts';

const key = 'rdme_' + fake(LOWNUM, 70, 'readme');

const list: SecretRule[] = [
  {
    id: 'readme-api-key',
    title: 'ReadMe API key',
    provider: 'ReadMe',
    severity: 'high',
    confidence: 'high',
    keywords: ['rdme_'],
    pattern: /\b(?<secret>rdme_[a-z0-9]{70})\b/,
    minEntropy: 4,
    remediation: 'Revoke the key in the ReadMe dashboard (your project > API Keys), create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `README_API_KEY=${key}`, secret: key }],
      fp: ['README_API_KEY=rdme_xxxxxxxx', `rdme_${'x'.repeat(70)}`],
    },
  },
];

export default rules(list);

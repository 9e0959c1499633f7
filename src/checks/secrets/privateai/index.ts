/** Private AI API keys: 32 characters, recognised by their name (https://docs.private-ai.com/). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, LOWNUM, rules } from '../_kit/kit.ts';

const key = fake(LOWNUM, 32, 'privateai');

const list: SecretRule[] = [
  {
    id: 'privateai-api-key',
    title: 'Private AI API key',
    provider: 'Private AI',
    severity: 'high',
    confidence: 'medium',
    keywords: ['privateai', 'private_ai', 'private-ai'],
    pattern: assigned({ names: ['privateai', 'private_ai', 'private-ai'], value: '[A-Za-z0-9]{32}' }),
    minEntropy: 3.5,
    remediation: 'Ask Private AI to revoke the key (or rotate it in the customer portal), and load the new one from the environment.',
    samples: {
      tp: [{ text: `PRIVATE_AI_API_KEY=${key}`, secret: key }],
      fp: [`API_KEY=${key}`, 'PRIVATEAI_URL=https://api.private-ai.com/community/v4'],
    },
  },
];

export default rules(list);

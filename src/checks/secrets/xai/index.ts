/** xAI (Grok) API keys: `xai-` then 80 characters (https://docs.x.ai/docs/overview). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const key = 'xai-' + fake(ALNUM, 80, 'xai');

const list: SecretRule[] = [
  {
    id: 'xai-api-key',
    title: 'xAI API key',
    provider: 'xAI',
    severity: 'high',
    confidence: 'high',
    keywords: ['xai-'],
    pattern: /\b(?<secret>xai-[A-Za-z0-9]{80})\b/,
    minEntropy: 4,
    remediation: 'Delete the key in the xAI console (https://console.x.ai, API Keys), create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `XAI_API_KEY=${key}`, secret: key }],
      fp: ['XAI_API_KEY=xai-...', `xai-${fake(ALNUM, 40, 'xai-short')}`],
    },
  },
];

export default rules(list);

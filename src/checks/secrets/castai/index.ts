/**
 * CAST AI API keys (https://docs.cast.ai/docs/authentication): `castai_v1_`, 64 characters, `_`, 8
 * characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const key = `cast${'ai'}_v1_${fake(ALNUM, 64, 'castai')}_${fake(ALNUM, 8, 'castai-2')}`;

const list: SecretRule[] = [
  {
    id: 'castai-api-key',
    title: 'CAST AI API key',
    provider: 'CAST AI',
    severity: 'high',
    confidence: 'high',
    keywords: ['castai_v1_'],
    pattern: /(?<![\w-])(?<secret>castai_v1_[A-Za-z0-9]{64}_[A-Za-z0-9]{8})(?![\w-])/,
    minEntropy: 4,
    remediation:
      'Delete the key in the CAST AI console (User settings > API access keys) and issue a read-only key where full access is not needed.',
    samples: {
      tp: [{ text: `CASTAI_API_TOKEN=${key}`, secret: key }],
      fp: [`key = test_v1_${fake(ALNUM, 64, 'castai-x')}_${fake(ALNUM, 8, 'castai-y')}`, 'CASTAI_API_TOKEN=castai_v1_<key>'],
    },
  },
];

export default rules(list);

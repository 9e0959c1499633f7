/** Typeform personal access tokens: `tfp_` then about 59 characters (https://www.typeform.com/developers/get-started/personal-access-token/). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const token = 'tfp_' + fake(ALNUM, 44, 'typeform-a') + '_' + fake(ALNUM, 14, 'typeform-b');

const list: SecretRule[] = [
  {
    id: 'typeform-personal-access-token',
    title: 'Typeform personal access token',
    provider: 'Typeform',
    severity: 'high',
    confidence: 'high',
    keywords: ['tfp_'],
    pattern: /\b(?<secret>tfp_[A-Za-z0-9_-]{50,64})(?![\w-])/,
    minEntropy: 4,
    remediation:
      'Delete the token in Typeform (Account > Personal tokens), which reads every response, create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `TYPEFORM_TOKEN=${token}`, secret: token }],
      fp: ['TYPEFORM_TOKEN=tfp_...', 'tfp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

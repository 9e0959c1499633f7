/**
 * Render API keys (https://render.com/docs/api#1-create-an-api-key): `rnd_` followed by random characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { lettersAndDigits } from '../_infra/util.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const key = `rn${'d'}_${fake(ALNUM, 32, 'render')}`;

const list: SecretRule[] = [
  {
    id: 'render-api-key',
    title: 'Render API key',
    provider: 'Render',
    severity: 'high',
    confidence: 'high',
    keywords: ['rnd_'],
    pattern: /(?<![\w-])(?<secret>rnd_[A-Za-z0-9]{24,64})(?![\w-])/,
    minEntropy: 4,
    validate: lettersAndDigits,
    remediation:
      'Revoke the key in the Render dashboard (Account Settings > API Keys, https://dashboard.render.com/u/settings#api-keys) and check the workspace audit log.',
    samples: {
      tp: [{ text: `RENDER_API_KEY=${key}`, secret: key }],
      fp: ['const rnd_generator_initialisation_vector = 1;', 'RENDER_API_KEY=rnd_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

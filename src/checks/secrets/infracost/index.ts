/**
 * Infracost API keys (https://www.infracost.io/docs/integrations/cicd/): `ico-` + 32 alphanumeric characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const key = `ic${'o'}-${fake(ALNUM, 32, 'infracost')}`;

const list: SecretRule[] = [
  {
    id: 'infracost-api-token',
    title: 'Infracost API key',
    provider: 'Infracost',
    severity: 'medium',
    confidence: 'high',
    keywords: ['ico-'],
    pattern: /(?<![\w-])(?<secret>ico-[A-Za-z0-9]{32})(?![\w-])/,
    minEntropy: 3.5,
    remediation:
      'Rotate the key in Infracost Cloud (Org settings > API keys) or with `infracost configure`, and keep it in the CI secret store.',
    samples: {
      tp: [{ text: `INFRACOST_API_KEY=${key}`, secret: key }],
      fp: ['INFRACOST_API_KEY=ico-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `favico-${fake(ALNUM, 32, 'favico')}`],
    },
  },
];

export default rules(list);

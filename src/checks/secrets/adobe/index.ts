/**
 * Adobe Developer Console OAuth client secrets: `p8e-` then 32 characters
 * (https://developer.adobe.com/developer-console/docs/guides/authentication/). Client ids are
 * identifiers and are not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const secret = 'p8e-' + fake(ALNUM, 32, 'adobe');

const list: SecretRule[] = [
  {
    id: 'adobe-client-secret',
    title: 'Adobe OAuth client secret',
    provider: 'Adobe',
    severity: 'high',
    confidence: 'high',
    keywords: ['p8e-'],
    pattern: /\b(?<secret>p8e-[A-Za-z0-9]{32})\b/,
    minEntropy: 3.5,
    remediation:
      'Rotate the client secret in the Adobe Developer Console (your project > OAuth credential > Rotate client secret), then delete the old one and load the new one from the environment.',
    samples: {
      tp: [{ text: `ADOBE_CLIENT_SECRET=${secret}`, secret }],
      fp: ['ADOBE_CLIENT_SECRET=p8e-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `ADOBE_CLIENT_ID=${fake('0123456789abcdef', 32, 'adobe-id')}`],
    },
  },
];

export default rules(list);

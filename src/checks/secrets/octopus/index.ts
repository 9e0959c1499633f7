/**
 * Octopus Deploy API keys (https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key): `API-` +
 * 26 uppercase letters and digits.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { lettersAndDigits } from '../_infra/util.ts';
import { fake, rules, UPNUM } from '../_kit/kit.ts';

const key = `AP${'I'}-${fake(UPNUM, 26, 'octopus')}`;

const list: SecretRule[] = [
  {
    id: 'octopus-deploy-api-key',
    title: 'Octopus Deploy API key',
    provider: 'Octopus Deploy',
    severity: 'high',
    confidence: 'medium',
    keywords: ['api-'],
    pattern: /(?<![\w-])(?<secret>API-[A-Z0-9]{26})(?![\w-])/,
    minEntropy: 3.5,
    // Upper-case words glued together (API-DOCUMENTATIONGUIDELINES) are not keys: a key has digits too.
    validate: lettersAndDigits,
    remediation:
      "Revoke the key in Octopus (Profile > My API Keys, or the service account's API keys) and create a new one with an expiry.",
    samples: {
      tp: [{ text: `octo push --apiKey=${key} --server=https://octopus.example.com`, secret: key }],
      fp: ['API-DOCUMENTATIONGUIDELINESX', 'X-Octopus-ApiKey: API-XXXXXXXXXXXXXXXXXXXXXXXXXX', 'API-GUEST'],
    },
  },
];

export default rules(list);

/**
 * Amplitude secret keys: 32 hex characters, recognised by a name that says Amplitude and secret
 * (https://amplitude.com/docs/apis/authentication). API keys are sent by browsers and are not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, HEX, rules } from '../_kit/kit.ts';

const secret = fake(HEX, 32, 'amplitude');

const list: SecretRule[] = [
  {
    id: 'amplitude-secret-key',
    title: 'Amplitude secret key',
    provider: 'Amplitude',
    severity: 'high',
    confidence: 'medium',
    keywords: ['amplitude'],
    pattern: assigned({ names: ['amplitude'], qualifiers: ['secret'], value: '[0-9a-f]{32}' }),
    minEntropy: 3,
    remediation:
      'Ask an Amplitude admin to rotate the project secret key (Organization settings > Projects > your project > General), and load it from the environment.',
    samples: {
      tp: [{ text: `AMPLITUDE_SECRET_KEY=${secret}`, secret }],
      fp: [`AMPLITUDE_API_KEY=${fake(HEX, 32, 'amp-key')}`, `SECRET_KEY=${secret}`],
    },
  },
];

export default rules(list);

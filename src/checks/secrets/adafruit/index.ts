/** Adafruit IO keys: `aio_` then 28 characters, or 32 characters under a name that says Adafruit (https://io.adafruit.com/api/docs/#authentication). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, rules } from '../_kit/kit.ts';

const revoke =
  'Regenerate the key at https://io.adafruit.com (My Key > Regenerate key), which invalidates the old one, and load it from the environment.';
const aio = 'aio_' + fake(ALNUM, 28, 'adafruit-aio');
const old = fake(ALNUM, 32, 'adafruit-old');

const list: SecretRule[] = [
  {
    id: 'adafruit-io-key',
    title: 'Adafruit IO key',
    provider: 'Adafruit',
    severity: 'medium',
    confidence: 'high',
    keywords: ['aio_'],
    pattern: /\b(?<secret>aio_[A-Za-z0-9]{28})\b/,
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `ADAFRUIT_IO_KEY=${aio}`, secret: aio }],
      fp: ['ADAFRUIT_IO_KEY=aio_xxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'aio_http_client_session_timeout'],
    },
  },
  {
    id: 'adafruit-api-key',
    title: 'Adafruit IO key (32-character format)',
    provider: 'Adafruit',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['adafruit'],
    pattern: assigned({ names: ['adafruit'], value: '[A-Za-z0-9_-]{32}' }),
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `adafruit_io_key = "${old}"`, secret: old }],
      fp: [`ADAFRUIT_IO_USERNAME=adafruit_username_placeholder_xx`, `io_key = "${old}"`],
    },
  },
];

export default rules(list);

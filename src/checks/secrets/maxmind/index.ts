/** MaxMind license keys: 6 characters, `_`, 29 characters, `_mmk` (https://dev.maxmind.com/license-key-format). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const key = fake(ALNUM, 6, 'maxmind-a') + '_' + fake(ALNUM, 29, 'maxmind-b') + '_mmk';

const list: SecretRule[] = [
  {
    id: 'maxmind-license-key',
    title: 'MaxMind license key',
    provider: 'MaxMind',
    severity: 'medium',
    confidence: 'high',
    keywords: ['_mmk'],
    pattern: /\b(?<secret>[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)\b/,
    minEntropy: 4,
    remediation:
      'Deactivate the key at https://www.maxmind.com/en/accounts/current/license-key, create a new one, and load it from the environment (GeoIP.conf or MAXMIND_LICENSE_KEY).',
    samples: {
      tp: [{ text: `LicenseKey ${key}`, secret: key }],
      fp: ['LicenseKey YOUR_LICENSE_KEY_HERE', 'LicenseKey xxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx_mmk'],
    },
  },
];

export default rules(list);

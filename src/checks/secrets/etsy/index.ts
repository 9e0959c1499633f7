/**
 * Etsy Open API keys (keystrings): 24 lowercase alphanumeric characters, recognised by their name
 * (https://developers.etsy.com/documentation/essentials/authentication).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, LOWNUM, rules } from '../_kit/kit.ts';

const key = fake(LOWNUM, 24, 'etsy');

const list: SecretRule[] = [
  {
    id: 'etsy-api-key',
    title: 'Etsy API keystring',
    provider: 'Etsy',
    severity: 'high',
    confidence: 'medium',
    keywords: ['etsy'],
    pattern: assigned({ names: ['etsy'], wordStart: true, value: '[a-z0-9]{24}' }),
    minEntropy: 3,
    remediation:
      'Request a new keystring/shared secret for the app at https://www.etsy.com/developers/your-apps, revoke OAuth tokens issued to it, and load it from the environment.',
    samples: {
      tp: [{ text: `ETSY_API_KEY=${key}`, secret: key }],
      fp: [`API_KEY=${key}`, `BETSY_KEY=${key}`, 'ETSY_SHOP_ID=12345678', 'etsy_api_key: xxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

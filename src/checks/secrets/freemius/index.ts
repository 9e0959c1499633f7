/**
 * Freemius secret keys (https://freemius.com/help/documentation/wordpress-sdk/integrating-freemius-sdk/):
 * `sk_` + 29 printable characters, written in the SDK's PHP init array as `'secret_key' => 'sk_...'`.
 * Only that context is reported: `sk_` alone is Stripe's prefix too (`sk_live_`, `sk_test_`, excluded).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const key = `sk_${fake(`${ALNUM}!#$%&*+-;=?@^_~`, 29, 'freemius-sk')}`;

const list: SecretRule[] = [
  {
    id: 'freemius-secret-key',
    title: 'Freemius secret key',
    provider: 'Freemius',
    severity: 'high',
    confidence: 'medium',
    keywords: ['secret_key'],
    pattern: /['"]secret_key['"][ \t]{0,5}=>[ \t]{0,5}(?<q>['"])(?<secret>sk_(?!live_|test_)[!-~]{29})\k<q>/,
    minEntropy: 3.5,
    remediation:
      'Regenerate the secret key in the Freemius developer dashboard (Settings > Keys); a secret key must never ship inside a plugin or theme, load it from the server environment in development builds only.',
    samples: {
      tp: [
        { text: `fs_dynamic_init( array( 'id' => '1234', 'secret_key' => '${key}', ) );`, secret: key },
        { text: `"secret_key" => "${key}",`, secret: key },
      ],
      fp: [
        `'secret_key' => 'sk_${'x'.repeat(29)}',`,
        `'secret_key' => 'sk_live_${fake(ALNUM, 21, 'freemius-stripe')}',`,
        `secret_key = '${key}'`,
      ],
    },
  },
];

export default rules(list);

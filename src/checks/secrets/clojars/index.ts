/**
 * Clojars deploy tokens (https://github.com/clojars/clojars-web/wiki/Deploy-Tokens): `CLOJARS_` + 60
 * characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, LOWNUM, rules } from '../_kit/kit.ts';

const token = `CLO${'JARS'}_${fake(LOWNUM, 60, 'clojars')}`;

const list: SecretRule[] = [
  {
    id: 'clojars-api-token',
    title: 'Clojars deploy token',
    provider: 'Clojars',
    severity: 'critical',
    confidence: 'high',
    keywords: ['clojars_'],
    pattern: /(?<![\w-])(?<secret>CLOJARS_[A-Za-z0-9]{60})(?![\w-])/,
    minEntropy: 3.5,
    remediation:
      'Disable the token on Clojars (Dashboard > Deploy Tokens, https://clojars.org/tokens) and check the groups it could deploy to.',
    samples: {
      tp: [{ text: `CLOJARS_PASSWORD=${token}`, secret: token }],
      fp: ['CLOJARS_USERNAME=someone', `CLOJARS_${'x'.repeat(60)}`],
    },
  },
];

export default rules(list);

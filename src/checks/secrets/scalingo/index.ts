/**
 * Scalingo API tokens (https://doc.scalingo.com/platform/cli/login): `tk-us-` followed by 48 characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64URL, fake, rules } from '../_kit/kit.ts';

const token = `tk-${'us'}-${fake(B64URL, 48, 'scalingo')}`;

const list: SecretRule[] = [
  {
    id: 'scalingo-api-token',
    title: 'Scalingo API token',
    provider: 'Scalingo',
    severity: 'high',
    confidence: 'high',
    keywords: ['tk-us-'],
    pattern: /(?<![\w-])(?<secret>tk-us-[\w-]{48})(?![\w-])/,
    minEntropy: 4,
    remediation: 'Delete the token in the Scalingo dashboard (User settings > API tokens) or with `scalingo tokens-remove`.',
    samples: {
      tp: [{ text: `SCALINGO_API_TOKEN=${token}`, secret: token }],
      fp: ['SCALINGO_API_TOKEN=tk-us-<token>', `tk-us-${fake(B64URL, 30, 'scalingo-short')}`],
    },
  },
];

export default rules(list);

/** Frame.io developer tokens: `fio-u-` then 64 characters (https://developer.frame.io/docs/getting-started/authentication). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64URL, fake, rules } from '../_kit/kit.ts';

const token = 'fio-u-' + fake(B64URL, 64, 'frameio').replace(/[-_]$/, 'x');

const list: SecretRule[] = [
  {
    id: 'frameio-api-token',
    title: 'Frame.io developer token',
    provider: 'Frame.io',
    severity: 'high',
    confidence: 'high',
    keywords: ['fio-u-'],
    pattern: /\b(?<secret>fio-u-[A-Za-z0-9_=-]{64})(?![\w=-])/,
    minEntropy: 4,
    remediation:
      'Delete the token in the Frame.io developer site (https://developer.frame.io/app/tokens), create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `FRAMEIO_TOKEN=${token}`, secret: token }],
      fp: ['FRAMEIO_TOKEN=fio-u-xxxxxxxx'],
    },
  },
];

export default rules(list);

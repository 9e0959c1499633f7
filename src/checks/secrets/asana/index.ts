/**
 * Asana personal access tokens `1/<user gid>:<32 hex>` and `2/<user gid>/<app gid>:<32 hex>`
 * (https://developers.asana.com/docs/personal-access-token); OAuth client secrets (32 characters) are
 * recognised by their name. Client ids are identifiers and are not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, DIGITS, fake, HEX, rules } from '../_kit/kit.ts';

const pat1 = '1/' + '12' + fake(DIGITS, 14, 'asana-u') + ':' + fake(HEX, 32, 'asana-h');
const pat2 = '2/' + '12' + fake(DIGITS, 14, 'asana-u2') + '/' + '12' + fake(DIGITS, 14, 'asana-a2') + ':' + fake(HEX, 32, 'asana-h2');
const secret = fake(ALNUM, 32, 'asana-secret');

const list: SecretRule[] = [
  {
    id: 'asana-personal-access-token',
    title: 'Asana personal access token',
    provider: 'Asana',
    severity: 'high',
    confidence: 'high',
    keywords: [':'],
    pattern: /(?<![\w/])(?<secret>[12]\/[0-9]{10,20}(?:\/[0-9]{10,20})?:[0-9a-f]{32})\b/,
    minEntropy: 3,
    remediation:
      'Deauthorize the token in Asana (My settings > Apps > Developer apps / Manage developer apps), create a new one, and load it from the environment.',
    samples: {
      tp: [
        { text: `ASANA_TOKEN=${pat1}`, secret: pat1 },
        { text: `-H "Authorization: Bearer ${pat2}"`, secret: pat2 },
      ],
      fp: ['ASANA_TOKEN=1/1234567890:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `ratio 1/${fake(DIGITS, 12, 'r')}:${fake(HEX, 31, 'r2')}`],
    },
  },
  {
    id: 'asana-client-secret',
    title: 'Asana OAuth client secret',
    provider: 'Asana',
    severity: 'high',
    confidence: 'medium',
    keywords: ['asana'],
    pattern: assigned({ names: ['asana'], qualifiers: ['secret'], value: '[A-Za-z0-9]{32}' }),
    minEntropy: 3.5,
    remediation:
      'Reset the client secret in the Asana developer console (https://app.asana.com/0/my-apps > your app > OAuth) and load it from the environment.',
    samples: {
      tp: [{ text: `ASANA_CLIENT_SECRET=${secret}`, secret }],
      fp: [`ASANA_CLIENT_ID=${fake(DIGITS, 16, 'asana-cid')}`, `CLIENT_SECRET=${secret}`],
    },
  },
];

export default rules(list);

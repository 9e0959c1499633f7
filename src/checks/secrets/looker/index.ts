/** Looker API3 client secrets: 24 characters, recognised by their name (https://cloud.google.com/looker/docs/api-auth). Client ids are identifiers and are not reported. */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, rules } from '../_kit/kit.ts';

const secret = fake(ALNUM, 24, 'looker');

const list: SecretRule[] = [
  {
    id: 'looker-client-secret',
    title: 'Looker API client secret',
    provider: 'Looker',
    severity: 'high',
    confidence: 'medium',
    keywords: ['looker'],
    pattern: assigned({ names: ['looker'], qualifiers: ['secret'], value: '[A-Za-z0-9]{24}' }),
    minEntropy: 3.5,
    remediation:
      'Delete the API key of the user in Looker (Admin > Users > your user > Edit keys), create a new one, and load it from the environment (LOOKERSDK_CLIENT_SECRET).',
    samples: {
      tp: [
        { text: `LOOKERSDK_CLIENT_SECRET=${secret}`, secret },
        { text: `looker_client_secret: "${secret}"`, secret },
      ],
      fp: [`LOOKERSDK_CLIENT_ID=${fake(ALNUM, 20, 'looker-id')}`, `CLIENT_SECRET=${secret}`],
    },
  },
];

export default rules(list);

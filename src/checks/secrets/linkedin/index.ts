/** LinkedIn OAuth client secrets: 16 characters, recognised by their name (https://learn.microsoft.com/linkedin/shared/authentication/authentication). Client ids are identifiers and are not reported. */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, LOWNUM, rules } from '../_kit/kit.ts';

const secret = fake(ALNUM, 16, 'linkedin');

const list: SecretRule[] = [
  {
    id: 'linkedin-client-secret',
    title: 'LinkedIn OAuth client secret',
    provider: 'LinkedIn',
    severity: 'high',
    confidence: 'medium',
    keywords: ['linkedin', 'linked_in', 'linked-in'],
    pattern: assigned({ names: ['linkedin', 'linked_in', 'linked-in'], qualifiers: ['secret'], value: '[A-Za-z0-9]{16}' }),
    minEntropy: 3.3,
    remediation:
      'Generate a new client secret at https://www.linkedin.com/developers/apps (your app > Auth > Generate a new Client Secret), then load it from the environment.',
    samples: {
      tp: [{ text: `LINKEDIN_CLIENT_SECRET=${secret}`, secret }],
      fp: [`LINKEDIN_CLIENT_ID=${fake(LOWNUM, 14, 'linkedin-id')}`, `CLIENT_SECRET=${secret}`],
    },
  },
];

export default rules(list);

/** FreshBooks OAuth tokens and client secrets: 64 characters, recognised by their name (https://www.freshbooks.com/api/authentication). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, HEX, rules } from '../_kit/kit.ts';

const token = fake(HEX, 64, 'freshbooks');

const list: SecretRule[] = [
  {
    id: 'freshbooks-access-token',
    title: 'FreshBooks access token or client secret',
    provider: 'FreshBooks',
    severity: 'high',
    confidence: 'medium',
    keywords: ['freshbooks'],
    pattern: assigned({ names: ['freshbooks'], value: '[A-Za-z0-9]{64}' }),
    minEntropy: 3,
    remediation:
      'Reset the client secret / revoke the tokens of the app at https://my.freshbooks.com/#/developer and load them from the environment: they read invoices and clients.',
    samples: {
      tp: [{ text: `FRESHBOOKS_CLIENT_SECRET=${token}`, secret: token }],
      fp: [`CLIENT_SECRET=${token}`],
    },
  },
];

export default rules(list);

/**
 * Mixpanel API secrets: 32 hex characters, recognised by a name that says Mixpanel and secret
 * (https://developer.mixpanel.com/reference/project-secret). Project tokens are public by design.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, HEX, rules } from '../_kit/kit.ts';

const secret = fake(HEX, 32, 'mixpanel');

const list: SecretRule[] = [
  {
    id: 'mixpanel-api-secret',
    title: 'Mixpanel API secret',
    provider: 'Mixpanel',
    severity: 'high',
    confidence: 'medium',
    keywords: ['mixpanel'],
    pattern: assigned({ names: ['mixpanel'], qualifiers: ['secret', 'password'], value: '[0-9a-f]{32}|[A-Za-z0-9]{32}' }),
    minEntropy: 3,
    remediation:
      'Reset the project secret (Project settings > Access keys) or delete the service account in Mixpanel, and load the new one from the environment: it exports raw event data.',
    samples: {
      tp: [{ text: `MIXPANEL_API_SECRET=${secret}`, secret }],
      fp: [`MIXPANEL_TOKEN=${fake(HEX, 32, 'mixpanel-token')}`, `API_SECRET=${secret}`],
    },
  },
];

export default rules(list);

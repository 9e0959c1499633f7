/** Zendesk API tokens: 40 characters, recognised by their name (https://developer.zendesk.com/api-reference/introduction/security-and-auth/). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, rules } from '../_kit/kit.ts';

const token = fake(ALNUM, 40, 'zendesk');

const list: SecretRule[] = [
  {
    id: 'zendesk-api-token',
    title: 'Zendesk API token',
    provider: 'Zendesk',
    severity: 'high',
    confidence: 'medium',
    keywords: ['zendesk'],
    pattern: assigned({ names: ['zendesk'], value: '[A-Za-z0-9]{40}' }),
    minEntropy: 4,
    remediation:
      'Delete the token in Zendesk Admin Center (Apps and integrations > APIs > Zendesk API), create a new one, and load it from the environment.',
    samples: {
      tp: [
        { text: `ZENDESK_API_TOKEN=${token}`, secret: token },
        { text: `zendesk_token: '${token}'`, secret: token },
      ],
      fp: [`API_TOKEN=${token}`, 'ZENDESK_SUBDOMAIN=acme', 'ZENDESK_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

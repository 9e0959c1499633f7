/**
 * Vultr API keys (https://www.vultr.com/api/#section/Authentication): 36 upper-case letters and digits,
 * reported next to a Vultr name (`VULTR_API_KEY`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { lettersAndDigits, named, varRef } from '../_infra/util.ts';
import { ci, fake, rules, UPNUM } from '../_kit/kit.ts';

const key = fake(UPNUM, 36, 'vultr');

const list: SecretRule[] = [
  {
    id: 'vultr-api-key',
    title: 'Vultr API key',
    provider: 'Vultr',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['vultr'],
    pattern: named(`${ci('vultr')}[\\w.-]{0,24}?(?:${ci('key')}|${ci('token')})`, '[A-Z0-9]{36}'),
    minEntropy: 3.5,
    validate: lettersAndDigits,
    remediation: 'Regenerate the API key in the Vultr customer portal (Account > API) and restrict it to the addresses that use it.',
    samples: {
      tp: [{ text: `VULTR_API_KEY=${key}`, secret: key }],
      fp: [`VULTR_API_KEY=${varRef('VULTR_API_KEY')}`, 'VULTR_API_KEY=XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    },
  },
];

export default rules(list);

/** New York Times API keys: 32 characters, recognised by their name (https://developer.nytimes.com/get-started). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, rules } from '../_kit/kit.ts';

const key = fake(ALNUM, 32, 'nytimes');

const list: SecretRule[] = [
  {
    id: 'nytimes-api-key',
    title: 'New York Times API key',
    provider: 'The New York Times',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['nytimes', 'new-york-times', 'newyorktimes', 'new_york_times'],
    pattern: assigned({ names: ['nytimes', 'new-york-times', 'newyorktimes', 'new_york_times'], value: '[A-Za-z0-9_=-]{32}' }),
    minEntropy: 3.5,
    remediation:
      'Delete the key at https://developer.nytimes.com/my-apps (your app > Keys), create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `NYTIMES_API_KEY=${key}`, secret: key }],
      fp: [`API_KEY=${key}`, 'NYTIMES_API_URL=https://api.nytimes.com/svc/search/v2'],
    },
  },
];

export default rules(list);

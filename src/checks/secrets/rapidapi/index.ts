/** RapidAPI application keys: 50 characters, recognised by their name, often in an `X-RapidAPI-Key` header (https://docs.rapidapi.com/docs/keys-and-key-rotation). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, rules } from '../_kit/kit.ts';

const key = fake(ALNUM, 50, 'rapidapi');

const list: SecretRule[] = [
  {
    id: 'rapidapi-key',
    title: 'RapidAPI application key',
    provider: 'RapidAPI',
    severity: 'high',
    confidence: 'medium',
    keywords: ['rapidapi'],
    pattern: assigned({ names: ['rapidapi'], exclude: ['host'], value: '[A-Za-z0-9_-]{50}' }),
    minEntropy: 4,
    remediation:
      'Rotate the application key in RapidAPI Studio (Apps > your app > Authorization > Rotate) and load it from the environment; it is billed per call.',
    samples: {
      tp: [
        { text: `headers = {"X-RapidAPI-Key": "${key}", "X-RapidAPI-Host": "example.p.rapidapi.com"}`, secret: key },
        { text: `RAPIDAPI_KEY=${key}`, secret: key },
      ],
      fp: ['"X-RapidAPI-Key": "SIGN-UP-FOR-KEY"', 'X-RapidAPI-Host: weatherapi-com.p.rapidapi.com'],
    },
  },
];

export default rules(list);

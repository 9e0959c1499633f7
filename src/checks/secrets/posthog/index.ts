/**
 * PostHog personal API keys: `phx_` then about 43 characters (https://posthog.com/docs/api#authentication).
 * Project API keys (`phc_…`) are written into web pages by design and are not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const key = 'phx_' + fake(ALNUM, 43, 'posthog');

const list: SecretRule[] = [
  {
    id: 'posthog-personal-api-key',
    title: 'PostHog personal API key',
    provider: 'PostHog',
    severity: 'high',
    confidence: 'high',
    keywords: ['phx_'],
    pattern: /\b(?<secret>phx_[A-Za-z0-9]{40,50})\b/,
    minEntropy: 4,
    remediation:
      'Delete the key in PostHog (Settings > User > Personal API keys), which reads all your analytics data, create a scoped one, and load it from the environment.',
    samples: {
      tp: [{ text: `POSTHOG_PERSONAL_API_KEY=${key}`, secret: key }],
      fp: [`posthog.init('phc_${fake(ALNUM, 43, 'phc')}')`, 'POSTHOG_PERSONAL_API_KEY=phx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

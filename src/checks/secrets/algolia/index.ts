/**
 * Algolia admin and write API keys: 32 hex characters, recognised by a name that says Algolia and marks
 * the key as admin, write or secret (https://www.algolia.com/doc/guides/security/api-keys/). Search-only
 * keys are public by design and names that say `search` or `public` are skipped.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fake, HEX, rules } from '../_kit/kit.ts';

const key = fake(HEX, 32, 'algolia');

const list: SecretRule[] = [
  {
    id: 'algolia-admin-api-key',
    title: 'Algolia admin or write API key',
    provider: 'Algolia',
    severity: 'high',
    confidence: 'medium',
    keywords: ['algolia'],
    pattern: assigned({
      names: ['algolia'],
      exclude: ['search', 'public', 'app_id', 'appid', 'application'],
      qualifiers: ['admin', 'write', 'secret', 'private', 'master', 'api_key', 'apikey', 'api-key', 'api.key'],
      value: '[0-9a-f]{32}',
    }),
    minEntropy: 3,
    remediation:
      'Regenerate the admin key (or delete the write key) in the Algolia dashboard (Settings > API Keys); an admin key can delete indices and read every record. Load it from the environment.',
    samples: {
      tp: [
        { text: `ALGOLIA_ADMIN_KEY=${key}`, secret: key },
        { text: `ALGOLIA_API_KEY="${key}"`, secret: key },
      ],
      fp: [
        `ALGOLIA_SEARCH_API_KEY=${key}`,
        `NEXT_PUBLIC_ALGOLIA_SEARCH_KEY=${key}`,
        `algoliasearch('LATENCY', '${key}')`,
        'ALGOLIA_APP_ID=ABCD1234EF',
      ],
    },
  },
];

export default rules(list);

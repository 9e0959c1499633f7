/**
 * Airtable personal access tokens `pat<14>.<64 hex>` (https://airtable.com/developers/web/guides/personal-access-tokens)
 * and the legacy API keys `key<14>` (retired in February 2024), which need a name that says Airtable.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, HEX, rules } from '../_kit/kit.ts';

const revoke =
  'Delete the token at https://airtable.com/create/tokens, create one scoped to the bases it needs, and load it from the environment.';
const pat = 'pat' + fake(ALNUM, 14, 'airtable-pat') + '.' + fake(HEX, 64, 'airtable-pat2');
const legacy = 'key' + fake(ALNUM, 14, 'airtable-key');

const list: SecretRule[] = [
  {
    id: 'airtable-personal-access-token',
    title: 'Airtable personal access token',
    provider: 'Airtable',
    severity: 'high',
    confidence: 'high',
    keywords: ['pat'],
    pattern: /\b(?<secret>pat[A-Za-z0-9]{14}\.[0-9a-f]{64})\b/,
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [
        { text: `AIRTABLE_TOKEN=${pat}`, secret: pat },
        { text: `-H "Authorization: Bearer ${pat}"`, secret: pat },
      ],
      fp: ['AIRTABLE_TOKEN=patXXXXXXXXXXXXXX.XXXXXXXX', `xpat${fake(ALNUM, 14, 'p')}.${fake(HEX, 64, 'q')}`],
    },
  },
  {
    id: 'airtable-legacy-api-key',
    title: 'Airtable legacy API key',
    provider: 'Airtable',
    severity: 'high',
    confidence: 'medium',
    keywords: ['airtable'],
    pattern: assigned({ names: ['airtable'], value: 'key[A-Za-z0-9]{14}' }),
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `AIRTABLE_API_KEY=${legacy}`, secret: legacy }],
      fp: [`API_KEY=${legacy}`, 'AIRTABLE_BASE_ID=appXXXXXXXXXXXXXX'],
    },
  },
];

export default rules(list);

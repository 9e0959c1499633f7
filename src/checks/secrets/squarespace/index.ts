/** Squarespace Commerce API keys: UUIDs, recognised by their name (https://developers.squarespace.com/commerce-apis/authentication-and-permissions). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fakeUuid, rules } from '../_kit/kit.ts';

const key = fakeUuid('squarespace');

const list: SecretRule[] = [
  {
    id: 'squarespace-api-key',
    title: 'Squarespace API key',
    provider: 'Squarespace',
    severity: 'high',
    confidence: 'medium',
    keywords: ['squarespace'],
    pattern: assigned({ names: ['squarespace'], value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' }),
    minEntropy: 3,
    remediation:
      'Revoke the key in the Squarespace site settings (Settings > Advanced > Developer API keys), create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `SQUARESPACE_API_KEY=${key}`, secret: key }],
      fp: [`ORDER_ID=${key}`, 'SQUARESPACE_API_KEY=00000000-0000-0000-0000-000000000000'],
    },
  },
];

export default rules(list);

/**
 * HubSpot private app access tokens `pat-<region>-<uuid>` (https://developers.hubspot.com/docs/api/private-apps)
 * and the retired API keys (`hapikey`, UUIDs), which need a name that says HubSpot.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fakeUuid, rules } from '../_kit/kit.ts';

const revoke =
  'Rotate the token in HubSpot (Settings > Integrations > Private Apps > your app > Auth > Rotate), and load it from the environment.';
const pat = 'pat-' + 'na1-' + fakeUuid('hubspot-pat');
const legacy = fakeUuid('hubspot-legacy');

const list: SecretRule[] = [
  {
    id: 'hubspot-private-app-token',
    title: 'HubSpot private app access token',
    provider: 'HubSpot',
    severity: 'high',
    confidence: 'high',
    keywords: ['pat-'],
    pattern: /\b(?<secret>pat-(?:na|eu|ap|au|ca|jp)[0-9]{1,2}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/,
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [
        { text: `HUBSPOT_ACCESS_TOKEN=${pat}`, secret: pat },
        { text: `-H "authorization: Bearer ${pat}"`, secret: pat },
      ],
      fp: ['HUBSPOT_ACCESS_TOKEN=pat-na1-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', 'pat-na1-00000000-0000-0000-0000-000000000000'],
    },
  },
  {
    id: 'hubspot-api-key',
    title: 'HubSpot API key (hapikey)',
    provider: 'HubSpot',
    severity: 'high',
    confidence: 'medium',
    keywords: ['hubspot', 'hapikey'],
    pattern: assigned({
      names: ['hubspot', 'hapikey'],
      value: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
    }),
    minEntropy: 3,
    remediation: `HubSpot retired API keys in 2022; ${revoke.charAt(0).toLowerCase()}${revoke.slice(1)}`,
    samples: {
      tp: [
        { text: `HUBSPOT_API_KEY=${legacy}`, secret: legacy },
        { text: `https://api.hubapi.com/contacts/v1/lists/all/contacts/all?hapikey=${legacy.toUpperCase()}`, secret: legacy.toUpperCase() },
      ],
      fp: [`PORTAL_ID=${legacy}`, 'hapikey=demo'],
    },
  },
];

export default rules(list);

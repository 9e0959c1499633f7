/**
 * Cisco Meraki Dashboard API keys (https://developer.cisco.com/meraki/api-v1/authorization/): 40 hex with no
 * prefix, reported next to a Meraki name (`MERAKI_DASHBOARD_API_KEY`, `X-Cisco-Meraki-API-Key`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ci, fake, HEX, rules } from '../_kit/kit.ts';

const key = fake(HEX, 40, 'meraki');

const list: SecretRule[] = [
  {
    id: 'cisco-meraki-api-key',
    title: 'Cisco Meraki Dashboard API key',
    provider: 'Cisco Meraki',
    severity: 'high',
    confidence: 'medium',
    keywords: ['meraki'],
    pattern: named(`${ci('meraki')}[\\w.-]{0,24}?(?:${ci('key')}|${ci('token')})`, '[a-f0-9]{40}'),
    minEntropy: 3,
    remediation:
      "Revoke the key in the Meraki dashboard (My profile > API access) and create a new one; it acts with its owner's organization permissions.",
    samples: {
      tp: [
        { text: `MERAKI_DASHBOARD_API_KEY=${key}`, secret: key },
        { text: `curl -H "X-Cisco-Meraki-API-Key: ${key}" https://api.meraki.com/api/v1/organizations`, secret: key },
      ],
      fp: [
        `MERAKI_DASHBOARD_API_KEY=${varRef('MERAKI_KEY')}`,
        'X-Cisco-Meraki-API-Key: <api-key>',
        `MERAKI_ORG_ID=${fake('0123456789', 6, 'meraki-org')}`,
      ],
    },
  },
];

export default rules(list);

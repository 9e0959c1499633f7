/**
 * IBM Cloud API keys (https://cloud.ibm.com/docs/account?topic=account-userapikey): 44 characters with no
 * prefix, reported next to an IBM Cloud name (`IBMCLOUD_API_KEY`, `IC_API_KEY`, `ibm_api_key`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { B64URL, ci, fake, rules } from '../_kit/kit.ts';

const key = fake(B64URL, 44, 'ibm');

const list: SecretRule[] = [
  {
    id: 'ibm-cloud-api-key',
    title: 'IBM Cloud API key',
    provider: 'IBM Cloud',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['ibm', 'ic_api', 'ic-api', 'ic.api', 'icapi'],
    pattern: named(
      `(?:${ci('ibm')}(?:[_.-]?${ci('cloud')})?[\\w.-]{0,16}?|(?<![A-Za-z0-9])${ci('ic')}[_.-]?)${ci('api')}[_.-]?${ci('key')}`,
      '[A-Za-z0-9_-]{44}',
    ),
    minEntropy: 4,
    remediation:
      'Delete the API key in the IBM Cloud console (Manage > Access (IAM) > API keys), check Activity Tracker for its use, and use a service ID or trusted profile with the least access.',
    samples: {
      tp: [
        { text: `IBMCLOUD_API_KEY=${key}`, secret: key },
        { text: `ibmcloud_api_key = "${key}"`, secret: key },
      ],
      fp: [`IBMCLOUD_API_KEY=${varRef('IBMCLOUD_API_KEY')}`, `basic_api_key = "${key}"`],
    },
  },
];

export default rules(list);

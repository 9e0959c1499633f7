/**
 * Sumo Logic access keys (https://help.sumologic.com/docs/manage/security/access-keys/): the access key
 * (64 characters) has no prefix and is reported next to a Sumo Logic name; the access id (`su…`) alone is
 * not a secret.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ALNUM, ci, fake, rules } from '../_kit/kit.ts';

const key = fake(ALNUM, 64, 'sumo-key');

const list: SecretRule[] = [
  {
    id: 'sumologic-access-token',
    title: 'Sumo Logic access key',
    provider: 'Sumo Logic',
    severity: 'high',
    confidence: 'medium',
    keywords: ['sumo'],
    pattern: named(`${ci('sumo')}[\\w.-]{0,24}?(?:${ci('key')}|${ci('secret')}|${ci('token')})`, '[A-Za-z0-9]{64}'),
    minEntropy: 4,
    remediation: 'Delete the access key in Sumo Logic (Administration > Security > Access Keys) and create a new one for the integration.',
    samples: {
      tp: [{ text: `SUMOLOGIC_ACCESSKEY=${key}`, secret: key }],
      fp: [`SUMOLOGIC_ACCESSKEY=${varRef('SUMOLOGIC_ACCESSKEY')}`, `SUMO_COLLECTOR_HASH=${'ab'.repeat(32)}`],
    },
  },
];

export default rules(list);

/**
 * Prefect Cloud API keys (https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys): `pnu_` + 36
 * alphanumeric characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const key = `pn${'u'}_${fake(ALNUM, 36, 'prefect')}`;

const list: SecretRule[] = [
  {
    id: 'prefect-api-token',
    title: 'Prefect Cloud API key',
    provider: 'Prefect',
    severity: 'high',
    confidence: 'high',
    keywords: ['pnu_'],
    pattern: /(?<![\w-])(?<secret>pnu_[A-Za-z0-9]{36})(?![\w-])/,
    minEntropy: 3.5,
    remediation:
      'Delete the key in Prefect Cloud (Account settings > API keys) and use a service account key with the least workspace role.',
    samples: {
      tp: [{ text: `PREFECT_API_KEY=${key}`, secret: key }],
      fp: ['PREFECT_API_KEY=pnu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

/**
 * Yandex Cloud credentials (https://yandex.cloud/en/docs/iam/concepts/authorization/):
 * service-account API keys (`AQVN` + 35 to 38 characters), IAM tokens (`t1.` + two parts, valid 12
 * hours) and the secret of static (AWS-compatible) access keys (`YC` + 38 characters), the last only next
 * to a name, since `YC` alone is a weak prefix.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named } from '../_infra/util.ts';
import { ALNUM, B64URL, ci, fake, rules } from '../_kit/kit.ts';

const revoke =
  'Delete the key in the Yandex Cloud console (IAM > Service accounts > the account > the key), check Audit Trails for its use, and issue a new one stored in Lockbox or the environment.';

const apiKey = `AQ${'VN'}${fake(B64URL, 36, 'ya-api')}`;
const iam = `t1.${fake(B64URL, 120, 'ya-iam1')}.${fake(B64URL, 86, 'ya-iam2')}`;
const s3 = `Y${'C'}${fake(B64URL, 38, 'ya-s3')}`;

const list: SecretRule[] = [
  {
    id: 'yandex-api-key',
    title: 'Yandex Cloud API key',
    provider: 'Yandex Cloud',
    severity: 'high',
    confidence: 'high',
    keywords: ['aqvn'],
    pattern: /(?<![\w+/-])(?<secret>AQVN[A-Za-z0-9_-]{35,38})(?![\w+/=-])/,
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `YC_API_KEY=${apiKey}`, secret: apiKey }],
      fp: ['api_key: AQVNxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `data:${fake(B64URL, 20, 'ya-blob')}AQVN${fake(B64URL, 60, 'ya-blob2')}`],
    },
  },
  {
    id: 'yandex-iam-token',
    title: 'Yandex Cloud IAM token',
    provider: 'Yandex Cloud',
    severity: 'medium',
    confidence: 'high',
    keywords: ['t1.'],
    pattern: /(?<![\w.-])(?<secret>t1\.[A-Za-z0-9_-]{20,300}={0,2}\.[A-Za-z0-9_-]{86}={0,2})(?![\w-])/,
    minEntropy: 4,
    remediation:
      'IAM tokens expire within 12 hours; revoke it now (yc iam revoke-token) and obtain tokens at run time from the metadata service or a service-account key kept in a secret store.',
    samples: {
      tp: [{ text: `Authorization: Bearer ${iam}`, secret: iam }],
      fp: ['Authorization: Bearer t1.<iam-token>', 'version t1.2.3'],
    },
  },
  {
    id: 'yandex-static-access-key-secret',
    title: 'Yandex Cloud static access key secret (S3-compatible)',
    provider: 'Yandex Cloud',
    severity: 'critical',
    confidence: 'high',
    keywords: ['yandex', 'secret'],
    pattern: named(
      `${ci('yandex')}[\\w.-]{0,24}?${ci('secret')}|${ci('secret')}[_.-]?(?:${ci('access')}[_.-]?)?${ci('key')}`,
      'YC[A-Za-z0-9_-]{38}',
    ),
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [
        { text: `aws_secret_access_key = ${s3}`, secret: s3 },
        { text: `YANDEX_STORAGE_SECRET_KEY: "${s3}"`, secret: s3 },
      ],
      fp: [`bucket_name = ${s3}`, `secret_key = YC${fake(ALNUM, 30, 'ya-short')}`],
    },
  },
];

export default rules(list);

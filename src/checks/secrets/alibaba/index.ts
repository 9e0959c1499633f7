/**
 * Alibaba Cloud AccessKey pairs (https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair):
 * the AccessKey ID starts with `LTAI` (16 to 24 characters in all), the AccessKey secret is 30
 * alphanumeric characters with no prefix, so it is reported only next to a name that says what it is
 * (`access_key_secret`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, `aliyun…secret`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ALNUM, ci, fake, rules } from '../_kit/kit.ts';

const ram =
  'Disable and delete the AccessKey pair in the RAM console (https://ram.console.aliyun.com/users > the user > AccessKey), check ActionTrail for its use, and use RAM roles or STS tokens instead of long-lived keys.';

const id = `LT${'AI'}${fake(ALNUM, 20, 'ali-id')}`;
const id16 = `LT${'AI'}${fake(ALNUM, 12, 'ali-id16')}`;
const secret = fake(ALNUM, 30, 'ali-secret');

const list: SecretRule[] = [
  {
    id: 'alibaba-access-key-id',
    title: 'Alibaba Cloud AccessKey ID',
    provider: 'Alibaba Cloud',
    severity: 'high',
    confidence: 'high',
    keywords: ['ltai'],
    pattern: /(?<![A-Za-z0-9])(?<secret>LTAI[A-Za-z0-9]{12,20})(?![A-Za-z0-9])/,
    minEntropy: 3,
    remediation: `The id alone does not sign requests, but its secret is usually nearby. ${ram}`,
    samples: {
      tp: [
        { text: `ALIBABA_CLOUD_ACCESS_KEY_ID=${id}`, secret: id },
        { text: `accessKeyId: '${id16}',`, secret: id16 },
      ],
      fp: ['access_key_id = LTAIxxxxxxxxxxxxxxxxxxxx', 'LTAI_NOT_A_KEY', `SALTAI${fake(ALNUM, 16, 'ali-salt')}`],
    },
  },
  {
    id: 'alibaba-access-key-secret',
    title: 'Alibaba Cloud AccessKey secret',
    provider: 'Alibaba Cloud',
    severity: 'critical',
    confidence: 'high',
    keywords: ['secret'],
    pattern: named(
      `${ci('access')}[_.-]?${ci('key')}[_.-]?${ci('secret')}|${ci('ali')}(?:${ci('baba')}|${ci('yun')}|${ci('cloud')})[\\w.-]{0,24}?${ci('secret')}`,
      '[A-Za-z0-9]{30}',
    ),
    minEntropy: 3.5,
    remediation: ram,
    samples: {
      tp: [
        { text: `ALIBABA_CLOUD_ACCESS_KEY_SECRET=${secret}`, secret },
        { text: `  accessKeySecret: "${secret}"`, secret },
        { text: `aliyun_secret = '${secret}'`, secret },
      ],
      fp: [
        `access_key_secret = ${varRef('ALIBABA_CLOUD_ACCESS_KEY_SECRET')}`,
        'accessKeySecret: "<your-access-key-secret>"',
        `access_key_secret = ${fake(ALNUM, 31, 'ali-long')}`,
      ],
    },
  },
];

export default rules(list);

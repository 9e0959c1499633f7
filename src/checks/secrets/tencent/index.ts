/**
 * Tencent Cloud API keys (https://www.tencentcloud.com/document/product/598/32675): the SecretId starts with
 * `AKID` (36 characters in all); the SecretKey (32 characters) has no prefix and is reported next to its
 * name (`TENCENTCLOUD_SECRET_KEY`, `secretKey` in a `tencent…` setting).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named } from '../_infra/util.ts';
import { ALNUM, ci, fake, rules } from '../_kit/kit.ts';

const cam =
  'Disable and delete the key in the CAM console (https://console.tencentcloud.com/cam/capi, API Keys), check CloudAudit for its use, and use CAM roles or temporary credentials instead.';

const id = `AK${'ID'}${fake(ALNUM, 32, 'tc-id')}`;
const secret = fake(ALNUM, 32, 'tc-secret');

const list: SecretRule[] = [
  {
    id: 'tencent-secret-id',
    title: 'Tencent Cloud SecretId',
    provider: 'Tencent Cloud',
    severity: 'high',
    confidence: 'high',
    keywords: ['akid'],
    pattern: /(?<![A-Za-z0-9])(?<secret>AKID[A-Za-z0-9]{32})(?![A-Za-z0-9])/,
    minEntropy: 3.5,
    remediation: `The id alone does not sign requests, but its SecretKey is usually nearby. ${cam}`,
    samples: {
      tp: [{ text: `TENCENTCLOUD_SECRET_ID=${id}`, secret: id }],
      fp: ['secret_id = AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'AKID_PLACEHOLDER'],
    },
  },
  {
    id: 'tencent-secret-key',
    title: 'Tencent Cloud SecretKey',
    provider: 'Tencent Cloud',
    severity: 'critical',
    confidence: 'high',
    keywords: ['tencent'],
    pattern: named(`${ci('tencent')}[\\w.-]{0,24}?${ci('secret')}[_.-]?${ci('key')}`, '[A-Za-z0-9]{32}'),
    minEntropy: 3.5,
    remediation: cam,
    samples: {
      tp: [{ text: `export TENCENTCLOUD_SECRET_KEY=${secret}`, secret }],
      fp: ['TENCENTCLOUD_SECRET_KEY=<secret-key>', `TENCENTCLOUD_SECRET_ID=${fake(ALNUM, 32, 'tc-other')}`],
    },
  },
];

export default rules(list);

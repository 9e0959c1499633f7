/**
 * ClickHouse Cloud API key secrets (https://clickhouse.com/docs/cloud/manage/openapi): `4b1d` followed by
 * 38 alphanumeric characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { notHexOnly } from '../_infra/util.ts';
import { ALNUM, fake, HEX, rules } from '../_kit/kit.ts';

const secret = `4b${'1d'}${fake(ALNUM, 38, 'clickhouse')}`;

const list: SecretRule[] = [
  {
    id: 'clickhouse-cloud-api-secret',
    title: 'ClickHouse Cloud API key secret',
    provider: 'ClickHouse',
    severity: 'high',
    confidence: 'medium',
    keywords: ['4b1d'],
    pattern: /(?<![\w-])(?<secret>4b1d[A-Za-z0-9]{38})(?![\w-])/,
    minEntropy: 4,
    // A hexadecimal run that happens to start with 4b1d is a digest, not a key.
    validate: notHexOnly,
    remediation:
      'Delete the API key in the ClickHouse Cloud console (Organization > API keys) and create a new one with the narrowest role.',
    samples: {
      tp: [{ text: `CLICKHOUSE_KEY_SECRET=${secret}`, secret }],
      fp: [`checksum: 4b1d${fake(HEX, 38, 'ch-hex')}`, `sha256: 4b1d${fake(HEX, 60, 'ch-sha')}`],
    },
  },
];

export default rules(list);

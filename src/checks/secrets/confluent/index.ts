/**
 * Confluent Cloud API keys (https://docs.confluent.io/cloud/current/security/authenticate/workload-identities/service-accounts/api-keys/overview.html):
 * a key of 16 upper-case letters and digits and a secret of 64 base64 characters, used together as the
 * SASL/PLAIN user name and password of a Kafka client. Neither has a prefix: both are reported only next
 * to a name that says Confluent (`CONFLUENT_API_KEY`, `confluent.cloud.secret`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, B64, fake, ref, rules, UPNUM } from '../_kit/kit.ts';

const key = fake(UPNUM, 16, 'confluent-key');
const secret = fake(B64, 64, 'confluent-secret');
const remediation =
  'Delete the API key in Confluent Cloud (Administration > API keys, or `confluent api-key delete`), create one for a service account with only the ACLs it needs, and load the key and secret from the environment or a secret manager.';

const list: SecretRule[] = [
  {
    id: 'confluent-api-secret',
    title: 'Confluent Cloud API secret',
    provider: 'Confluent',
    severity: 'high',
    confidence: 'medium',
    keywords: ['confluent'],
    pattern: assigned({ names: ['confluent'], qualifiers: ['secret', 'password'], value: '[A-Za-z0-9+/]{64}' }),
    minEntropy: 4.5,
    remediation,
    samples: {
      tp: [
        { text: `CONFLUENT_API_SECRET=${secret}`, secret },
        { text: `confluent_cloud_api_secret: "${secret}"`, secret },
      ],
      fp: [
        `CONFLUENT_API_SECRET=${ref('CONFLUENT_API_SECRET')}`,
        `CONFLUENT_API_SECRET=${'x'.repeat(64)}`,
        `confluent_secret_sha256: ${fake('0123456789abcdef', 63, 'confluent-hash')}`,
      ],
    },
  },
  {
    id: 'confluent-api-key',
    title: 'Confluent Cloud API key',
    provider: 'Confluent',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['confluent'],
    pattern: assigned({ names: ['confluent'], qualifiers: ['key'], exclude: ['secret'], value: '[A-Z0-9]{16}' }),
    minEntropy: 3,
    remediation,
    samples: {
      tp: [
        { text: `CONFLUENT_API_KEY=${key}`, secret: key },
        { text: `"confluentApiKey": "${key}"`, secret: key },
      ],
      fp: [`CONFLUENT_API_KEY=${ref('CONFLUENT_API_KEY')}`, 'CONFLUENT_API_KEY=ABCDEFGHIJKLMNOP', `CONFLUENT_API_KEY=${key}abc`],
    },
  },
];

export default rules(list);

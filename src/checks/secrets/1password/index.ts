/**
 * 1Password credentials: account Secret Keys (`A3-` + six groups; with the account password they open the
 * vaults, https://support.1password.com/secret-key-security/) and service account tokens (`ops_` + base64
 * JSON, https://developer.1password.com/docs/service-accounts/).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64, fake, rules, UPNUM } from '../_kit/kit.ts';

const secretKey = `A${'3'}-${fake(UPNUM, 6, 'op-1')}-${fake(UPNUM, 6, 'op-2')}-${fake(UPNUM, 5, 'op-3')}-${fake(UPNUM, 5, 'op-4')}-${fake(UPNUM, 5, 'op-5')}-${fake(UPNUM, 5, 'op-6')}`;
const saToken = `op${'s'}_${btoa(JSON.stringify({ signInAddress: 'my.1password.com', userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: fake(B64, 22, 'op-salt') }, email: 'ci@example.com', srpX: fake('0123456789abcdef', 64, 'op-srp'), muk: { alg: 'A256GCM', ext: true, k: fake(B64, 43, 'op-muk'), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' }, secretKey: 'A3-XXXXXX', throttleSecret: { seed: fake('0123456789abcdef', 64, 'op-seed'), uuid: 'X' }, deviceUuid: fake(UPNUM, 26, 'op-dev') }))}`;

const list: SecretRule[] = [
  {
    id: '1password-secret-key',
    title: '1Password account Secret Key',
    provider: '1Password',
    severity: 'critical',
    confidence: 'high',
    keywords: ['a3-'],
    pattern: /(?<![\w-])(?<secret>A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})(?![\w-])/,
    minEntropy: 3.8,
    remediation:
      "Generate a new Secret Key (1Password > your account > Profile > Secret Key > Regenerate), change the account password, and check the account's devices and sign-in history.",
    samples: {
      tp: [{ text: `Secret Key: ${secretKey}`, secret: secretKey }],
      fp: ['A3-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX', 'model A3-R7K2PQ-4XMZ9T-8HJW3 (no secret key: too few groups)'],
    },
  },
  {
    id: '1password-service-account-token',
    title: '1Password service account token',
    provider: '1Password',
    severity: 'critical',
    confidence: 'high',
    keywords: ['ops_'],
    pattern: /(?<![\w-])(?<secret>ops_eyJ[A-Za-z0-9+/]{250,4000}={0,3})(?![\w+/=-])/,
    minEntropy: 4,
    remediation:
      'Revoke the service account token (1Password.com > Developer > Service accounts > the account > Revoke) and issue a new one limited to the vaults it needs.',
    samples: {
      tp: [{ text: `OP_SERVICE_ACCOUNT_TOKEN=${saToken}`, secret: saToken }],
      fp: ['OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ...', 'OP_SERVICE_ACCOUNT_TOKEN=ops_<token>'],
    },
  },
];

export default rules(list);

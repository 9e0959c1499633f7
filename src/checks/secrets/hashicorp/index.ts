/**
 * HashiCorp Vault and HCP Terraform (Terraform Cloud) tokens.
 *
 * - Vault (https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes): service tokens
 *   `hvs.`, batch tokens `hvb.`, recovery tokens `hvr.`; before Vault 1.10, service tokens were `s.` + 24
 *   characters, reported only next to a Vault name (`VAULT_TOKEN`, `X-Vault-Token`).
 * - Terraform: user, team and organization API tokens `<14 characters>.atlasv1.<60 to 70 characters>`
 *   (https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { behind, lettersAndDigits, named, varRef } from '../_infra/util.ts';
import { ALNUM, B64URL, ci, fake, fakeUuid, rules } from '../_kit/kit.ts';

const vault =
  'Revoke the token (vault token revoke <token>, or by accessor), check the audit device for its use, and have applications log in with an auth method (AppRole, Kubernetes, cloud IAM, JWT/OIDC) instead of holding a token.';

const hvs = `hv${'s'}.${fake(B64URL, 91, 'vault-hvs')}`;
const hvsRoot = `hv${'s'}.${fake(ALNUM, 24, 'vault-hvs-root')}`;
const hvb = `hv${'b'}.${fake(B64URL, 150, 'vault-hvb')}`;
const hvr = `hv${'r'}.${fake(ALNUM, 24, 'vault-hvr')}`;
const legacy = `${'s'}.${fake(ALNUM, 24, 'vault-s')}`;
const consul = fakeUuid('consul-token');
const nomad = fakeUuid('nomad-token');
const tfc = `${fake(ALNUM, 14, 'tfc-1')}.atlas${'v1'}.${fake(B64URL, 67, 'tfc-2')}`;

const list: SecretRule[] = [
  {
    id: 'vault-service-token',
    title: 'HashiCorp Vault service token',
    provider: 'HashiCorp Vault',
    severity: 'high',
    confidence: 'high',
    keywords: ['hvs.'],
    pattern: /(?<![\w.-])(?<secret>hvs\.[A-Za-z0-9_-]{24,300})(?![\w-])/,
    minEntropy: 3.5,
    remediation: vault,
    samples: {
      tp: [
        { text: `export VAULT_TOKEN=${hvs}`, secret: hvs },
        { text: `vault login ${hvsRoot}`, secret: hvsRoot },
      ],
      fp: ['VAULT_TOKEN=hvs.XXXXXXXXXXXXXXXXXXXXXXXX', 'VAULT_TOKEN=hvs.<token>', 'see docs.hvs.example'],
    },
  },
  {
    id: 'vault-batch-token',
    title: 'HashiCorp Vault batch token',
    provider: 'HashiCorp Vault',
    severity: 'high',
    confidence: 'high',
    keywords: ['hvb.'],
    pattern: /(?<![\w.-])(?<secret>hvb\.[A-Za-z0-9_-]{100,400})(?![\w-])/,
    minEntropy: 4,
    remediation: `Batch tokens cannot be revoked one by one: they expire with their TTL or with the parent token's lease. ${vault}`,
    samples: {
      tp: [{ text: `X-Vault-Token: ${hvb}`, secret: hvb }],
      fp: ['X-Vault-Token: hvb.<batch-token>'],
    },
  },
  {
    id: 'vault-recovery-token',
    title: 'HashiCorp Vault recovery token',
    provider: 'HashiCorp Vault',
    severity: 'high',
    confidence: 'high',
    keywords: ['hvr.'],
    pattern: /(?<![\w.-])(?<secret>hvr\.[A-Za-z0-9]{24})(?![\w-])/,
    minEntropy: 3.5,
    remediation:
      'Recovery tokens act in recovery mode only, but with full access there: regenerate it through the recovery process and keep it offline.',
    samples: {
      tp: [{ text: `recovery_token: ${hvr}`, secret: hvr }],
      fp: ['recovery_token: hvr.XXXXXXXXXXXXXXXXXXXXXXXX'],
    },
  },
  {
    id: 'vault-token-legacy',
    title: 'HashiCorp Vault token (pre-1.10 format)',
    provider: 'HashiCorp Vault',
    severity: 'high',
    confidence: 'medium',
    keywords: ['vault'],
    pattern: named(`${ci('vault')}[_.-]?${ci('token')}|${ci('x-vault-token')}`, 's\\.[A-Za-z0-9]{24}'),
    minEntropy: 3.5,
    validate: lettersAndDigits,
    remediation: vault,
    samples: {
      tp: [{ text: `VAULT_TOKEN=${legacy}`, secret: legacy }],
      fp: [`VAULT_TOKEN=${varRef('VAULT_TOKEN')}`, 'VAULT_TOKEN=s.RootTokenForLocalTestingOnly'],
    },
  },
  {
    id: 'consul-acl-token',
    title: 'HashiCorp Consul or Nomad ACL token',
    provider: 'HashiCorp',
    severity: 'high',
    confidence: 'medium',
    keywords: ['consul', 'nomad'],
    // ACL tokens' secret ids are UUIDs: reported next to `CONSUL_HTTP_TOKEN`, `NOMAD_TOKEN`, `X-Consul-Token`…
    pattern: named(
      `(?:${ci('consul')}|${ci('nomad')})[_.-]?(?:${ci('http')}[_.-]?|${ci('acl')}[_.-]?|${ci('master')}[_.-]?|${ci('bootstrap')}[_.-]?)?${ci('token')}`,
      '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    ),
    minEntropy: 3,
    remediation:
      "Delete the token (consul acl token delete -id <accessor>, nomad acl token delete <accessor>), check the audit log, and issue tokens per workload through Vault's Consul/Nomad secrets engines or workload identity.",
    samples: {
      tp: [
        { text: `CONSUL_HTTP_TOKEN=${consul}`, secret: consul },
        { text: `curl -H "X-Consul-Token: ${consul}" http://127.0.0.1:8500/v1/kv/app`, secret: consul },
        { text: `export NOMAD_TOKEN=${nomad}`, secret: nomad },
      ],
      fp: [
        `CONSUL_HTTP_TOKEN=${varRef('CONSUL_HTTP_TOKEN')}`,
        'NOMAD_TOKEN=00000000-0000-0000-0000-000000000000',
        `CONSUL_SERVICE_ID=${fakeUuid('consul-svc')}`,
      ],
    },
  },
  {
    id: 'terraform-cloud-api-token',
    title: 'HCP Terraform (Terraform Cloud/Enterprise) API token',
    provider: 'HashiCorp Terraform',
    severity: 'high',
    confidence: 'high',
    keywords: ['atlasv1'],
    pattern: behind(
      String.raw`\.atlasv1\.[A-Za-z0-9_=-]{60,70}`,
      String.raw`[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}`,
      String.raw`(?<![\w.-])`,
      String.raw`(?![\w=-])`,
    ),
    minEntropy: 3.5,
    remediation:
      'Revoke the token in HCP Terraform (User settings > Tokens, or the team/organization API token page, https://app.terraform.io/app/settings/tokens) and use dynamic provider credentials or a team token with the least access.',
    samples: {
      tp: [{ text: `credentials "app.terraform.io" {\n  token = "${tfc}"\n}`, secret: tfc }],
      fp: [
        'token = "xxxxxxxxxxxxxx.atlasv1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        'token = "<token>.atlasv1.<secret>"',
      ],
    },
  },
];

export default rules(list);

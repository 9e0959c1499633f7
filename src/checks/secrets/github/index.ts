/**
 * GitHub tokens (https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/):
 * `ghp_` personal access tokens (classic), `gho_` OAuth access tokens, `ghu_` GitHub App user-to-server
 * tokens, `ghs_` installation (server-to-server) tokens, `ghr_` refresh tokens: 30 random base62
 * characters and a 6-character base62 CRC32 of them, checked. Fine-grained personal access tokens are
 * `github_pat_` + 22 + `_` + 59 characters. OAuth app client secrets are 40 hex, reported next to a GitHub
 * name. GitHub App private keys are PEM (the private-key rules see them).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ALNUM, ci, fake, HEX, rules } from '../_kit/kit.ts';
import { crc32Base62Valid, makeCrc32Token } from '../_shared/checksum.ts';

const revoke =
  "Revoke it at https://github.com/settings/tokens (or the organization's token settings), create a new one with the least scopes, and load it from the environment or a secret manager.";
const appTokens =
  "Revoke it (DELETE /installation/token for an installation token, or the user's authorized GitHub Apps at https://github.com/settings/apps/authorizations), and check the audit log; generate tokens at run time instead of storing them.";

const token = (prefix: string, seed: string) => makeCrc32Token(prefix, fake(ALNUM, 30, seed));
/** Same shape, wrong checksum: a look-alike that is not a token. */
const badChecksum = (t: string) => `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`;

const ghp = token('ghp', 'gh-ghp');
const gho = token('gho', 'gh-gho');
const ghu = token('ghu', 'gh-ghu');
const ghs = token('ghs', 'gh-ghs');
const ghr = token('ghr', 'gh-ghr');
const fineGrained = `github_${'pat'}_11${fake('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8, 'gh-fg0')}${fake(ALNUM, 12, 'gh-fg1')}_${fake(ALNUM, 59, 'gh-fg2')}`;
const clientSecret = fake(HEX, 40, 'gh-client-secret');

function crcRule(
  id: string,
  prefix: string,
  title: string,
  severity: SecretRule['severity'],
  sample: string,
  remediation: string,
): SecretRule {
  return {
    id,
    title,
    provider: 'GitHub',
    severity,
    confidence: 'high',
    keywords: [`${prefix}_`],
    pattern: new RegExp(`(?<![A-Za-z0-9_])(?<secret>${prefix}_[0-9A-Za-z]{36})(?![A-Za-z0-9_])`),
    validate: crc32Base62Valid,
    remediation,
    samples: {
      tp: [
        { text: `token = "${sample}"`, secret: sample },
        { text: `git clone https://x-access-token:${sample}@github.com/octo/repo.git`, secret: sample },
      ],
      fp: [`${prefix}_${'a'.repeat(36)}`, `${prefix}_${'x'.repeat(36)}`, `token = "${badChecksum(sample)}"`],
    },
  };
}

const list: SecretRule[] = [
  crcRule('github-pat', 'ghp', 'GitHub personal access token (classic)', 'critical', ghp, revoke),
  crcRule(
    'github-oauth-token',
    'gho',
    'GitHub OAuth access token',
    'high',
    gho,
    `Revoke the OAuth app's access (https://github.com/settings/applications) or reset its tokens. ${revoke}`,
  ),
  crcRule('github-app-user-token', 'ghu', 'GitHub App user-to-server token', 'high', ghu, appTokens),
  crcRule('github-app-installation-token', 'ghs', 'GitHub App installation token', 'medium', ghs, appTokens),
  crcRule('github-refresh-token', 'ghr', 'GitHub App refresh token', 'high', ghr, appTokens),
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    provider: 'GitHub',
    severity: 'critical',
    confidence: 'high',
    keywords: ['github_pat_'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/,
    minEntropy: 4,
    remediation: `Revoke it at https://github.com/settings/personal-access-tokens (organization owners: Settings > Personal access tokens > Active tokens). ${revoke}`,
    samples: {
      tp: [{ text: `const octokit = new Octokit({ auth: "${fineGrained}" });`, secret: fineGrained }],
      fp: [
        'GH_TOKEN=github_pat_11ABCDEFG0_abcdefghijklmnopqrst',
        `github_pat_${'X'.repeat(22)}_${'X'.repeat(59)}`,
        `GITHUB_TOKEN=${varRef('GITHUB_TOKEN')}`,
      ],
    },
  },
  {
    id: 'github-oauth-client-secret',
    title: 'GitHub OAuth app client secret',
    provider: 'GitHub',
    severity: 'high',
    confidence: 'medium',
    keywords: ['github', 'gh_', 'gh-', 'gh.', 'ghclient', 'ghoauth', 'ghapp'],
    pattern: named(
      `(?:${ci('github')}|${ci('gh')})[_.-]?(?:${ci('oauth')}[_.-]?)?(?:${ci('app')}[_.-]?)?${ci('client')}[_.-]?${ci('secret')}`,
      '[a-f0-9]{40}',
    ),
    minEntropy: 3,
    remediation:
      "Generate a new client secret and delete the old one in the OAuth app's settings (https://github.com/settings/developers, or the organization's OAuth apps).",
    samples: {
      tp: [{ text: `GITHUB_CLIENT_SECRET=${clientSecret}`, secret: clientSecret }],
      fp: [`GITHUB_CLIENT_ID=${fake(HEX, 40, 'gh-client-id')}`, `GITHUB_CLIENT_SECRET=${varRef('GITHUB_CLIENT_SECRET')}`],
    },
  },
];

export default rules(list);

/**
 * Bitbucket Cloud credentials: repository, project and workspace access tokens (`ATCTT3xFfGN0` … `=` +
 * 8-hex CRC32), app passwords (`ATBB` + 24 characters + 8-hex CRC32; both checksums checked), and OAuth
 * consumer secrets, reported next to a Bitbucket name.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ALNUM, B64URL, ci, fake, rules } from '../_kit/kit.ts';
import { atlassianCrcValid, withAtlassianCrc } from '../atlassian/checksum.ts';

const accessToken = withAtlassianCrc(`ATCTT3${'xFfGN0'}${fake(B64URL, 171, 'bb-access')}=`);
const appPassword = withAtlassianCrc(`AT${'BB'}${fake(ALNUM, 24, 'bb-app')}`);
const badAppPassword = `${appPassword.slice(0, -1)}${appPassword.endsWith('0') ? '1' : '0'}`;
const consumerSecret = fake(B64URL, 32, 'bb-consumer');

const list: SecretRule[] = [
  {
    id: 'bitbucket-access-token',
    title: 'Bitbucket repository, project or workspace access token',
    provider: 'Atlassian Bitbucket',
    severity: 'high',
    confidence: 'high',
    keywords: ['atctt3'],
    pattern: /(?<![\w-])(?<secret>ATCTT3[A-Za-z0-9_=-]{100,300}=[A-F0-9]{8})(?![\w=-])/,
    validate: atlassianCrcValid,
    remediation:
      'Revoke the token in Bitbucket (Repository, Project or Workspace settings > Security > Access tokens) and create one with the least scopes and an expiry.',
    samples: {
      tp: [{ text: `git clone https://x-token-auth:${accessToken}@bitbucket.org/team/repo.git`, secret: accessToken }],
      fp: ['BITBUCKET_TOKEN=ATCTT3xFfGN0<token>', `ATCTT3xFfGN0${fake(B64URL, 171, 'bb-bad')}=00000000`],
    },
  },
  {
    id: 'bitbucket-app-password',
    title: 'Bitbucket app password',
    provider: 'Atlassian Bitbucket',
    severity: 'high',
    confidence: 'high',
    keywords: ['atbb'],
    pattern: /(?<![\w-])(?<secret>ATBB[A-Za-z0-9]{20,40}[A-F0-9]{8})(?![\w-])/,
    validate: atlassianCrcValid,
    remediation:
      'Revoke the app password in Bitbucket (Personal settings > App passwords, https://bitbucket.org/account/settings/app-passwords/) and move to API tokens or access tokens with scopes.',
    samples: {
      tp: [{ text: `APP_PASSWORD = "${appPassword}"`, secret: appPassword }],
      fp: [`APP_PASSWORD = "${badAppPassword}"`, 'scene.name.IndexOf("ATBBattle")', 'placeholder: "ATBBxx..."'],
    },
  },
  {
    id: 'bitbucket-client-secret',
    title: 'Bitbucket OAuth consumer secret',
    provider: 'Atlassian Bitbucket',
    severity: 'high',
    confidence: 'medium',
    keywords: ['bitbucket'],
    pattern: named(`${ci('bitbucket')}[\\w.-]{0,24}?${ci('secret')}`, '[A-Za-z0-9_-]{32}|[A-Za-z0-9_-]{64}'),
    minEntropy: 3.5,
    remediation:
      'Regenerate the consumer secret in Bitbucket (Workspace settings > OAuth consumers > the consumer > Edit) and update its users.',
    samples: {
      tp: [{ text: `BITBUCKET_CLIENT_SECRET=${consumerSecret}`, secret: consumerSecret }],
      fp: [`BITBUCKET_CLIENT_SECRET=${varRef('BITBUCKET_CLIENT_SECRET')}`, `BITBUCKET_CLIENT_ID=${fake(B64URL, 32, 'bb-id')}`],
    },
  },
];

export default rules(list);

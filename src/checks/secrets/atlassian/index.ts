/**
 * Atlassian cloud (Jira, Confluence) API tokens (https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/):
 * the current format `ATATT3` + base64url + `=` + an 8-hex CRC32 (checked), and the older 24-character
 * tokens, reported next to an Atlassian, Jira or Confluence name.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { mixedCase, named, varRef } from '../_infra/util.ts';
import { ALNUM, B64URL, ci, fake, rules } from '../_kit/kit.ts';
import { atlassianCrcValid, withAtlassianCrc } from './checksum.ts';

const revoke =
  'Revoke the token at https://id.atlassian.com/manage-profile/security/api-tokens (organization admins: admin.atlassian.com > Security > API tokens), and create a scoped token with an expiry for the integration.';

const token = withAtlassianCrc(`ATATT3${'xFfGF0'}${fake(B64URL, 165, 'atl-token')}=`);
const badToken = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
const legacy = fake(ALNUM, 24, 'atl-legacy');

const list: SecretRule[] = [
  {
    id: 'atlassian-api-token',
    title: 'Atlassian API token',
    provider: 'Atlassian',
    severity: 'high',
    confidence: 'high',
    keywords: ['atatt3'],
    pattern: /(?<![\w-])(?<secret>ATATT3[A-Za-z0-9_=-]{100,300}=[A-F0-9]{8})(?![\w=-])/,
    validate: atlassianCrcValid,
    remediation: revoke,
    samples: {
      tp: [
        { text: `JIRA_API_TOKEN=${token}`, secret: token },
        { text: `curl -u me@example.com:${token} https://example.atlassian.net/rest/api/3/myself`, secret: token },
      ],
      fp: [`JIRA_API_TOKEN=${badToken}`, 'JIRA_API_TOKEN=ATATT3xFfGF0<token>'],
    },
  },
  {
    id: 'atlassian-api-token-legacy',
    title: 'Atlassian API token (24-character format)',
    provider: 'Atlassian',
    severity: 'high',
    confidence: 'medium',
    keywords: ['atlassian', 'jira', 'confluence'],
    pattern: named(
      `(?:${ci('atlassian')}|${ci('jira')}|${ci('confluence')})[\\w.-]{0,24}?(?:${ci('token')}|${ci('password')}|${ci('secret')}|${ci('pat')})`,
      '[A-Za-z0-9]{24}',
    ),
    minEntropy: 3.5,
    // Project keys and other upper-case identifiers are not tokens: a token mixes cases.
    validate: mixedCase,
    remediation: revoke,
    samples: {
      tp: [
        { text: `JIRA_API_TOKEN=${legacy}`, secret: legacy },
        { text: `confluence_token: "${legacy}"`, secret: legacy },
      ],
      fp: [
        `JIRA_API_TOKEN=${varRef('JIRA_API_TOKEN')}`,
        'jira_project_token: PLATFORMENGINEERINGTEAM1',
        `JIRA_API_TOKEN=${fake(ALNUM, 25, 'atl-long')}`,
      ],
    },
  },
];

export default rules(list);

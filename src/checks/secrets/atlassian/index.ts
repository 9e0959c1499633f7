/**
 * Atlassian (Jira, Confluence) API tokens: `ATATT3` + 186 characters since 2023
 * (https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/),
 * 24 characters before, recognised by a name that says Atlassian, Jira or Confluence.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, B64URL, fake, HEXU, rules } from '../_kit/kit.ts';

const revoke =
  'Revoke the token at https://id.atlassian.com/manage-profile/security/api-tokens (it acts as your account on every Jira/Confluence site you can reach), create a new one, and load it from the environment.';
const token = 'ATATT3' + 'xFfGF0' + fake(B64URL, 171, 'atl').replace(/[-_]$/, 'a') + '=' + fake(HEXU, 8, 'atl-crc');
const legacy = fake(ALNUM, 24, 'atl-legacy');

const list: SecretRule[] = [
  {
    id: 'atlassian-api-token',
    title: 'Atlassian API token',
    provider: 'Atlassian',
    severity: 'high',
    confidence: 'high',
    keywords: ['atatt3'],
    pattern: /\b(?<secret>ATATT3[A-Za-z0-9_=-]{186})(?![\w=-])/,
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [
        { text: `JIRA_API_TOKEN=${token}`, secret: token },
        { text: `curl -u me@example.com:${token} https://example.atlassian.net/rest/api/3/myself`, secret: token },
      ],
      fp: ['JIRA_API_TOKEN=ATATT3xxxxxxxx', `ATATT3${'x'.repeat(186)}`],
    },
  },
  {
    id: 'atlassian-legacy-api-token',
    title: 'Atlassian API token (24-character format)',
    provider: 'Atlassian',
    severity: 'high',
    confidence: 'medium',
    keywords: ['atlassian', 'jira', 'confluence'],
    pattern: assigned({
      names: ['atlassian', 'jira', 'confluence'],
      qualifiers: ['token', 'key', 'secret', 'password', 'pass'],
      value: '[A-Za-z0-9]{24}',
    }),
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [
        { text: `JIRA_API_TOKEN=${legacy}`, secret: legacy },
        { text: `confluence.password: "${legacy}"`, secret: legacy },
      ],
      fp: [`JIRA_PROJECT_KEY=${'PROJ'}`, `API_TOKEN=${legacy}`, 'JIRA_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);

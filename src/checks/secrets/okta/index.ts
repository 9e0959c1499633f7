/**
 * Okta API tokens (https://developer.okta.com/docs/guides/create-an-api-token/): 42 characters starting
 * `00`, sent as `Authorization: SSWS <token>`; reported after `SSWS` or next to an Okta name.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { varRef } from '../_infra/util.ts';
import { B64URL, ci, fake, rules } from '../_kit/kit.ts';

const token = `00${fake(B64URL, 40, 'okta')}`;

const list: SecretRule[] = [
  {
    id: 'okta-access-token',
    title: 'Okta API token',
    provider: 'Okta',
    severity: 'critical',
    confidence: 'high',
    keywords: ['okta', 'ssws'],
    pattern: new RegExp(
      `(?:${ci('okta')}[\\w.-]{0,24}[ \\t'"\\]]{0,3}(?:=|:=|:|=>|,)[ \\t'"\\x60]{0,5}|SSWS[ \\t]{1,3})(?<secret>00[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])`,
    ),
    minEntropy: 4,
    remediation:
      'Revoke the token in the Okta Admin Console (Security > API > Tokens), check the system log for its use, and use OAuth 2.0 service apps with scoped, short-lived tokens instead.',
    samples: {
      tp: [
        { text: `OKTA_API_TOKEN=${token}`, secret: token },
        { text: `curl -H "Authorization: SSWS ${token}" https://example.okta.com/api/v1/users`, secret: token },
      ],
      fp: [
        `OKTA_API_TOKEN=${varRef('OKTA_API_TOKEN')}`,
        `Authorization: SSWS ${varRef('api_token')}`,
        `OKTA_CLIENT_ID=0oa${fake(B64URL, 17, 'okta-client')}`,
      ],
    },
  },
];

export default rules(list);

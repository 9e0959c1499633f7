/**
 * Dynatrace tokens (https://docs.dynatrace.com/docs/manage/identity-access-management/access-tokens-and-oauth-clients/access-tokens#token-format):
 * `dt0c01.` API tokens and `dt0s..` platform tokens and OAuth client secrets: a 24-character public part
 * and a 64-character secret part.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, rules, UPNUM } from '../_kit/kit.ts';

const token = `dt0${'c01'}.${fake(UPNUM, 24, 'dt-1')}.${fake(UPNUM, 64, 'dt-2')}`;

const list: SecretRule[] = [
  {
    id: 'dynatrace-api-token',
    title: 'Dynatrace API or platform token',
    provider: 'Dynatrace',
    severity: 'high',
    confidence: 'high',
    keywords: ['dt0c0', 'dt0s0', 'dt0s1'],
    pattern: /(?<![\w.-])(?<secret>dt0[cs][0-9]{2}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64})(?![\w.-])/,
    minEntropy: 4,
    remediation:
      'Revoke the token in Dynatrace (Access tokens, or Account Management > Identity & access management > OAuth clients / Platform tokens) and create one with the least scopes.',
    samples: {
      tp: [{ text: `Authorization: Api-Token ${token}`, secret: token }],
      fp: ['Authorization: Api-Token dt0c01.<public>.<secret>', `dt0c01.${'A'.repeat(24)}.${'B'.repeat(64)}`],
    },
  },
];

export default rules(list);

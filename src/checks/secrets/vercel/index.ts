/**
 * Vercel credentials (https://vercel.com/changelog/new-token-formats-and-secret-scanning): prefixed
 * personal access tokens `vcp_`, integration tokens `vci_`, app access and refresh tokens `vca_` / `vcr_`
 * and API keys `vck_`; the older unprefixed 24-character tokens are reported next to a Vercel name.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { lettersAndDigits, named } from '../_infra/util.ts';
import { ALNUM, ci, fake, rules } from '../_kit/kit.ts';

const revoke =
  "Delete the token in Vercel (Account Settings > Tokens, https://vercel.com/account/tokens, or the team's integration settings), check recent deployments and environment-variable reads, and rotate the variables it could read.";

const pat = `vc${'p'}_${fake(ALNUM, 56, 'vercel-pat')}`;
const key = `vc${'k'}_${fake(ALNUM, 56, 'vercel-key')}`;
const legacy = fake(ALNUM, 24, 'vercel-legacy');

const list: SecretRule[] = [
  {
    id: 'vercel-token',
    title: 'Vercel access token or API key',
    provider: 'Vercel',
    severity: 'high',
    confidence: 'high',
    keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    pattern: /(?<![\w-])(?<secret>vc[pikar]_[A-Za-z0-9]{24,100})(?![\w-])/,
    minEntropy: 4,
    validate: lettersAndDigits,
    remediation: revoke,
    samples: {
      tp: [
        { text: `VERCEL_TOKEN=${pat}`, secret: pat },
        { text: `{"apiKey": "${key}"}`, secret: key },
      ],
      fp: ['vcr_recorder_plugin_configuration_helpers', 'VERCEL_TOKEN=vcp_<token>'],
    },
  },
  {
    id: 'vercel-token-legacy',
    title: 'Vercel access token (unprefixed format)',
    provider: 'Vercel',
    severity: 'high',
    confidence: 'medium',
    keywords: ['vercel', 'now_token', 'now-token', 'nowtoken'],
    pattern: named(`${ci('vercel')}[\\w.-]{0,24}?(?:${ci('token')}|${ci('key')})|${ci('now')}[_-]?${ci('token')}`, '[A-Za-z0-9]{24}'),
    minEntropy: 3.5,
    validate: lettersAndDigits,
    remediation: revoke,
    samples: {
      tp: [{ text: `vercel deploy --prod\nVERCEL_TOKEN=${legacy}`, secret: legacy }],
      fp: [`VERCEL_ORG_ID=team_${fake(ALNUM, 24, 'vercel-org')}`, 'VERCEL_TOKEN=abcdefghijklmnopqrstuvwx'],
    },
  },
];

export default rules(list);

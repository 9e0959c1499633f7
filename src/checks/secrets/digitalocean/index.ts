/**
 * DigitalOcean API tokens (https://docs.digitalocean.com/reference/api/create-personal-access-token/):
 * `dop_v1_` personal access tokens, `doo_v1_` OAuth access tokens and `dor_v1_` OAuth refresh tokens,
 * each followed by 64 hex characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, HEX, rules } from '../_kit/kit.ts';

const revoke =
  'Revoke it in the control panel (API > Tokens, https://cloud.digitalocean.com/account/api/tokens, or Settings > Applications for OAuth grants), check the security history for its use, and keep its replacement in the environment or a secret manager.';

const pat = `dop_${'v1'}_${fake(HEX, 64, 'do-pat')}`;
const oauth = `doo_${'v1'}_${fake(HEX, 64, 'do-oauth')}`;
const refresh = `dor_${'v1'}_${fake(HEX, 64, 'do-refresh')}`;

const list: SecretRule[] = [
  {
    id: 'digitalocean-pat',
    title: 'DigitalOcean personal access token',
    provider: 'DigitalOcean',
    severity: 'critical',
    confidence: 'high',
    keywords: ['dop_v1_'],
    pattern: /(?<![\w-])(?<secret>dop_v1_[a-f0-9]{64})(?![\w-])/,
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `DIGITALOCEAN_TOKEN=${pat}`, secret: pat }],
      fp: ['DIGITALOCEAN_TOKEN=dop_v1_<token>', `token: dop_v1_${fake(HEX, 63, 'do-short')}`],
    },
  },
  {
    id: 'digitalocean-oauth-token',
    title: 'DigitalOcean OAuth access token',
    provider: 'DigitalOcean',
    severity: 'high',
    confidence: 'high',
    keywords: ['doo_v1_'],
    pattern: /(?<![\w-])(?<secret>doo_v1_[a-f0-9]{64})(?![\w-])/,
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `Authorization: Bearer ${oauth}`, secret: oauth }],
      fp: [`doo_v1_${'0'.repeat(64)}`],
    },
  },
  {
    id: 'digitalocean-refresh-token',
    title: 'DigitalOcean OAuth refresh token',
    provider: 'DigitalOcean',
    severity: 'high',
    confidence: 'high',
    keywords: ['dor_v1_'],
    pattern: /(?<![\w-])(?<secret>dor_v1_[a-f0-9]{64})(?![\w-])/,
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `{"refresh_token": "${refresh}"}`, secret: refresh }],
      fp: ['{"refresh_token": "dor_v1_..."}'],
    },
  },
];

export default rules(list);

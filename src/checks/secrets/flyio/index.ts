/**
 * Fly.io tokens (https://fly.io/docs/security/tokens/): macaroons `fm1r_`, `fm1a_` and `fm2_` (base64,
 * often several joined by commas after `FlyV1 `) and the older `fo1_` OAuth tokens.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64, B64URL, fake, rules } from '../_kit/kit.ts';

const macaroon = `fm${'2'}_${fake(B64, 180, 'fly-fm2')}`;
const oauth = `fo${'1'}_${fake(B64URL, 43, 'fly-fo1')}`;

const list: SecretRule[] = [
  {
    id: 'flyio-access-token',
    title: 'Fly.io access token',
    provider: 'Fly.io',
    severity: 'high',
    confidence: 'high',
    keywords: ['fo1_', 'fm1r_', 'fm1a_', 'fm2_'],
    pattern: /(?<![\w-])(?<secret>fo1_[\w-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,4000}={0,3}|fm2_[A-Za-z0-9+/]{100,4000}={0,3})(?![\w+/=-])/,
    minEntropy: 4,
    remediation:
      "Revoke the token (fly tokens revoke, or the organization's Tokens page in the dashboard), issue a narrower one (fly tokens create deploy -x …) and keep it in the CI secret store.",
    samples: {
      tp: [
        { text: `FLY_API_TOKEN="FlyV1 ${macaroon}"`, secret: macaroon },
        { text: `access_token: ${oauth}`, secret: oauth },
      ],
      fp: ['FLY_API_TOKEN=fm2_<token>', `fo1_${fake(B64URL, 20, 'fly-short')}`],
    },
  },
];

export default rules(list);

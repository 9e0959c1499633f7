/**
 * SettleMint (blockchain infrastructure platform) tokens (https://console.settlemint.com/documentation):
 * application `sm_aat_`, personal `sm_pat_` and service `sm_sat_` access tokens, + 16 characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const token = `sm_${'pat'}_${fake(ALNUM, 16, 'settlemint')}`;

const list: SecretRule[] = [
  {
    id: 'settlemint-access-token',
    title: 'SettleMint access token',
    provider: 'SettleMint',
    severity: 'high',
    confidence: 'high',
    keywords: ['sm_aat_', 'sm_pat_', 'sm_sat_'],
    pattern: /(?<![\w-])(?<secret>sm_[aps]at_[A-Za-z0-9]{16})(?![\w-])/,
    minEntropy: 3.5,
    remediation:
      'Delete the token in the SettleMint console (Personal / application access tokens) and create a new one with the least scope.',
    samples: {
      tp: [{ text: `SETTLEMINT_ACCESS_TOKEN=${token}`, secret: token }],
      fp: ['SETTLEMINT_ACCESS_TOKEN=sm_pat_xxxxxxxxxxxxxxxx', `sm_pat_${fake(ALNUM, 10, 'sm-short')}`],
    },
  },
];

export default rules(list);

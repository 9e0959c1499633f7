/**
 * Doppler tokens (https://docs.doppler.com/reference/auth-token-formats): personal `dp.pt.`, CLI `dp.ct.`,
 * service `dp.st.` (optionally with the config name: `dp.st.<config>.`), service account `dp.sa.`,
 * service-account identity `dp.said.`, SCIM `dp.scim.` and audit `dp.audit.` tokens, each followed by 40 to
 * 44 alphanumeric characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, fake, rules } from '../_kit/kit.ts';

const personal = `dp.${'pt'}.${fake(ALNUM, 43, 'doppler-pt')}`;
const service = `dp.${'st'}.prd.${fake(ALNUM, 43, 'doppler-st')}`;
const sa = `dp.${'sa'}.${fake(ALNUM, 43, 'doppler-sa')}`;

const list: SecretRule[] = [
  {
    id: 'doppler-token',
    title: 'Doppler token',
    provider: 'Doppler',
    severity: 'high',
    confidence: 'high',
    keywords: ['dp.pt.', 'dp.ct.', 'dp.st.', 'dp.sa.', 'dp.said.', 'dp.scim.', 'dp.audit.'],
    pattern: /(?<![\w.-])(?<secret>dp\.(?:pt|ct|sa|said|scim|audit|st(?:\.[a-z0-9_-]{2,35})?)\.[A-Za-z0-9]{40,44})(?![\w-])/,
    minEntropy: 4,
    remediation:
      "Revoke the token in the Doppler dashboard (Tokens for personal and CLI tokens, the config's Access tab for service tokens, Team > Service Accounts) and rotate the secrets it could read.",
    samples: {
      tp: [
        { text: `DOPPLER_TOKEN=${personal}`, secret: personal },
        { text: `docker run -e DOPPLER_TOKEN="${service}" app`, secret: service },
        { text: `token: ${sa}`, secret: sa },
      ],
      fp: ['DOPPLER_TOKEN=dp.st.xxxx', 'DOPPLER_TOKEN=dp.pt.<token>', `dp.xx.${fake(ALNUM, 43, 'doppler-xx')}`],
    },
  },
];

export default rules(list);

/**
 * Netlify personal access tokens: the prefixed format `nfp_`, and the older unprefixed 40-to-46-character
 * tokens next to a Netlify name (`NETLIFY_AUTH_TOKEN`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ALNUM, B64URL, ci, fake, rules } from '../_kit/kit.ts';

const revoke =
  'Revoke the token in Netlify (User settings > Applications > Personal access tokens, https://app.netlify.com/user/applications) and check the team audit log for deploys or setting changes you did not make.';

const pat = `nf${'p'}_${fake(ALNUM, 36, 'netlify-pat')}`;
const legacy = fake(B64URL, 43, 'netlify-legacy');

const list: SecretRule[] = [
  {
    id: 'netlify-pat',
    title: 'Netlify personal access token',
    provider: 'Netlify',
    severity: 'high',
    confidence: 'high',
    keywords: ['nfp_'],
    pattern: /(?<![\w-])(?<secret>nfp_[A-Za-z0-9]{36,40})(?![\w-])/,
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `NETLIFY_AUTH_TOKEN=${pat}`, secret: pat }],
      fp: ['NETLIFY_AUTH_TOKEN=nfp_<token>', 'nfp_admin_jquery_plugins_and_more_stuff'],
    },
  },
  {
    id: 'netlify-access-token',
    title: 'Netlify access token (unprefixed format)',
    provider: 'Netlify',
    severity: 'high',
    confidence: 'medium',
    keywords: ['netlify'],
    pattern: named(`${ci('netlify')}[\\w.-]{0,24}?(?:${ci('token')}|${ci('key')})`, '[A-Za-z0-9_-]{40,46}'),
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `NETLIFY_AUTH_TOKEN="${legacy}"`, secret: legacy }],
      fp: [`NETLIFY_AUTH_TOKEN=${varRef('NETLIFY_AUTH_TOKEN')}`, `NETLIFY_SITE_ID=${fake(B64URL, 40, 'netlify-site')}`],
    },
  },
];

export default rules(list);

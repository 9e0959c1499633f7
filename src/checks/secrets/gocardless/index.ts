/**
 * GoCardless access tokens: `live_` or `sandbox_` then 40 characters
 * (https://developer.gocardless.com/getting-started/api/making-your-first-request/). The prefixes are
 * shared with other providers, so the name must say GoCardless.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, B64URL, fake, rules } from '../_kit/kit.ts';

const revoke =
  'Revoke the access token in the GoCardless dashboard (Developers > Access tokens), create a new one with the least scope, and load it from the environment.';

const body = (seed: string) => fake(B64URL, 40, seed).replace(/^[-_]/, 'a').replace(/[-_]$/, 'z');
const live = 'live_' + body('gc-live');
const sbx = 'sandbox_' + body('gc-sbx');

const list: SecretRule[] = [
  {
    id: 'gocardless-live-access-token',
    title: 'GoCardless live access token',
    provider: 'GoCardless',
    severity: 'critical',
    confidence: 'high',
    keywords: ['gocardless'],
    pattern: assigned({ names: ['gocardless'], value: 'live_[A-Za-z0-9_=-]{40}' }),
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [
        { text: `GOCARDLESS_ACCESS_TOKEN=${live}`, secret: live },
        { text: `gocardless_access_token: '${live}'`, secret: live },
      ],
      fp: [`ACCESS_TOKEN=${live}`, 'GOCARDLESS_ACCESS_TOKEN=live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'gocardless-sandbox-access-token',
    title: 'GoCardless sandbox access token',
    provider: 'GoCardless',
    severity: 'low',
    confidence: 'high',
    keywords: ['gocardless'],
    pattern: assigned({ names: ['gocardless'], value: 'sandbox_[A-Za-z0-9_=-]{40}' }),
    minEntropy: 4,
    remediation: 'Sandbox tokens move no money; revoke it in the GoCardless sandbox dashboard and load it from the environment.',
    samples: {
      tp: [{ text: `"gocardlessToken": "${sbx}"`, secret: sbx }],
      fp: [`"token": "${sbx}"`],
    },
  },
];

export default rules(list);

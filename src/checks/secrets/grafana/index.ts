/**
 * Grafana credentials: Grafana Cloud access policy tokens `glc_` (base64 JSON), service account tokens
 * `glsa_` + 32 + `_` + 8 hex (https://grafana.com/docs/grafana/latest/administration/service-accounts/),
 * and legacy API keys (`eyJrIjoi…`: base64 of `{"k":…,"n":…,"id":…}`, checked).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, B64, fake, HEX, rules } from '../_kit/kit.ts';

const revoke =
  'Delete the token in Grafana (Administration > Users and access > Service accounts, or the Grafana Cloud portal > Access policies) and create a new one with the least role and an expiry.';

/** A legacy API key is base64 of a JSON object with `k` (the secret) and `n` (the name). */
function legacyKeyValid(key: string): boolean {
  try {
    const claims = JSON.parse(atob(key)) as unknown;
    return typeof claims === 'object' && claims !== null && 'k' in claims && 'n' in claims;
  } catch {
    return false;
  }
}

const cloud = `gl${'c'}_${btoa(JSON.stringify({ o: '123456', n: 'ci-metrics-write', k: fake(ALNUM, 24, 'glc-k'), m: { r: 'prod-eu-west-0' } }))}`;
const sa = `gl${'sa'}_${fake(ALNUM, 32, 'glsa')}_${fake(HEX, 8, 'glsa-sum')}`;
const legacy = btoa(JSON.stringify({ k: fake(ALNUM, 32, 'grafana-k'), n: 'deploy-bot', id: 1 })).replace(/=+$/, '');

const list: SecretRule[] = [
  {
    id: 'grafana-cloud-api-token',
    title: 'Grafana Cloud access policy token',
    provider: 'Grafana',
    severity: 'high',
    confidence: 'high',
    keywords: ['glc_'],
    pattern: /(?<![\w-])(?<secret>glc_[A-Za-z0-9+/]{32,400}={0,3})(?![\w+/=-])/,
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `GRAFANA_CLOUD_TOKEN=${cloud}`, secret: cloud }],
      fp: ['GRAFANA_CLOUD_TOKEN=glc_<token>', 'glc_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'grafana-service-account-token',
    title: 'Grafana service account token',
    provider: 'Grafana',
    severity: 'high',
    confidence: 'high',
    keywords: ['glsa_'],
    pattern: /(?<![\w-])(?<secret>glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?![\w-])/,
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `Authorization: Bearer ${sa}`, secret: sa }],
      fp: ['Authorization: Bearer glsa_<token>', `glsa_${fake(ALNUM, 32, 'glsa-x')}_${fake(ALNUM, 8, 'glsa-y').replace(/[0-9a-f]/g, 'z')}`],
    },
  },
  {
    id: 'grafana-api-key',
    title: 'Grafana API key (legacy)',
    provider: 'Grafana',
    severity: 'high',
    confidence: 'high',
    keywords: ['eyjrijoi'],
    pattern: /(?<![\w+/-])(?<secret>eyJrIjoi[A-Za-z0-9+/]{60,400}={0,3})(?![\w+/=-])/,
    validate: legacyKeyValid,
    remediation: `API keys are deprecated: migrate the key to a service account token. ${revoke}`,
    samples: {
      tp: [{ text: `grafana_api_key = "${legacy}"`, secret: legacy }],
      fp: [`eyJrIjoi${fake(B64, 80, 'grafana-notjson')}`],
    },
  },
];

export default rules(list);

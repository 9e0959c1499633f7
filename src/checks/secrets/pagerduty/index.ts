/**
 * PagerDuty keys: REST API keys (20 characters; user keys start with `u+`) and Events API integration
 * (routing) keys (32 hex). Neither has a prefix of its own, so they are reported next to a PagerDuty name.
 * The documentation's sample key `y_NbAkKc66ryYTWUXYEu` is not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { B64URL, ci, fake, HEX, rules } from '../_kit/kit.ts';

const apiKey = `u+${fake(B64URL, 18, 'pd-api')}`;
const routingKey = fake(HEX, 32, 'pd-routing');

const list: SecretRule[] = [
  {
    id: 'pagerduty-api-key',
    title: 'PagerDuty API or integration key',
    provider: 'PagerDuty',
    severity: 'high',
    confidence: 'medium',
    keywords: ['pagerduty', 'pd_', 'pd-', 'pd.'],
    pattern: named(
      `(?:${ci('pagerduty')}|(?<![A-Za-z0-9])${ci('pd')})[\\w.-]{0,24}?(?:${ci('token')}|${ci('key')})`,
      '[A-Za-z0-9_+-]{20}|[a-f0-9]{32}',
    ),
    minEntropy: 3.5,
    allow: [/^y_NbAkKc66ryYTWUXYEu$/],
    remediation:
      "Delete the key in PagerDuty (Integrations > API Access Keys, or the user's User Settings > API Access, or the service's integration for routing keys) and create a new one.",
    samples: {
      tp: [
        { text: `PAGERDUTY_TOKEN=${apiKey}`, secret: apiKey },
        { text: `pagerduty_routing_key: "${routingKey}"`, secret: routingKey },
      ],
      fp: [
        'Authorization: Token token=y_NbAkKc66ryYTWUXYEu\nPAGERDUTY_API_KEY=y_NbAkKc66ryYTWUXYEu',
        `PAGERDUTY_TOKEN=${varRef('PAGERDUTY_TOKEN')}`,
        `PAGERDUTY_SERVICE_ID=${fake(B64URL, 7, 'pd-svc')}`,
      ],
    },
  },
];

export default rules(list);

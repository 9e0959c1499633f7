/**
 * Datadog keys (https://docs.datadoghq.com/account_management/api-app-keys/): API keys (32 hex) and
 * application keys (40 hex) have no prefix, so they are reported only next to a Datadog name
 * (`DD_API_KEY`, `DD-APPLICATION-KEY`, `datadog_app_key`…). Client tokens (`pub…`) are meant for browsers.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { ci, fake, HEX, rules } from '../_kit/kit.ts';

const DD = `(?:(?<![A-Za-z0-9])${ci('dd')}|${ci('datadog')})[_.-]?`;
const apiKey = fake(HEX, 32, 'dd-api');
const appKey = fake(HEX, 40, 'dd-app');

const list: SecretRule[] = [
  {
    id: 'datadog-api-key',
    title: 'Datadog API key',
    provider: 'Datadog',
    severity: 'high',
    confidence: 'high',
    keywords: ['datadog', 'dd_api', 'dd-api', 'dd.api', 'ddapi'],
    pattern: named(`${DD}${ci('api')}[_.-]?${ci('key')}|${ci('datadog')}[_.-]?${ci('key')}`, '[a-fA-F0-9]{32}'),
    minEntropy: 3,
    remediation:
      'Revoke the key in Datadog (Organization Settings > API Keys) after creating its replacement, and load keys from the environment or a secret manager; check the audit trail.',
    samples: {
      tp: [
        { text: `DD_API_KEY=${apiKey}`, secret: apiKey },
        { text: `curl -H "DD-API-KEY: ${apiKey}" https://api.datadoghq.com/api/v1/validate`, secret: apiKey },
        { text: `  datadog_api_key: "${apiKey}"`, secret: apiKey },
      ],
      fp: [`DD_API_KEY=${varRef('DD_API_KEY')}`, `add_api_key = "${apiKey}"`, `DD_TRACE_ID=${fake(HEX, 32, 'dd-trace')}`],
    },
  },
  {
    id: 'datadog-app-key',
    title: 'Datadog application key',
    provider: 'Datadog',
    severity: 'high',
    confidence: 'high',
    keywords: ['datadog', 'dd_app', 'dd-app', 'dd.app', 'ddapp'],
    pattern: named(`${DD}(?:${ci('application')}|${ci('app')})[_.-]?${ci('key')}`, '[a-fA-F0-9]{40}'),
    minEntropy: 3,
    remediation:
      "Revoke the application key in Datadog (Organization Settings > Application Keys, or Personal Settings) and create a scoped one; it acts with its owner's permissions.",
    samples: {
      tp: [
        { text: `DD_APP_KEY=${appKey}`, secret: appKey },
        { text: `"DD-APPLICATION-KEY": "${appKey}"`, secret: appKey },
      ],
      fp: [`DD_APP_KEY=${varRef('DD_APP_KEY')}`, `DD_GIT_COMMIT_SHA=${fake(HEX, 40, 'dd-sha')}`],
    },
  },
];

export default rules(list);

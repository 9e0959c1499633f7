/**
 * Notion integration tokens (https://developers.notion.com/docs/authorization): `ntn_` + 11 digits + 35
 * characters since September 2024, `secret_` + 43 characters before.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, DIGITS, fake, rules } from '../_kit/kit.ts';

const revoke =
  "Refresh the integration's secret at https://www.notion.so/profile/integrations (your integration > Secrets > Refresh), remove the integration from pages it no longer needs, and load the new secret from the environment.";
const ntn = 'ntn_' + fake(DIGITS, 11, 'ntn-d') + fake(ALNUM, 35, 'ntn-a');
const legacy = 'secret_' + fake(ALNUM, 43, 'notion-legacy');

const list: SecretRule[] = [
  {
    id: 'notion-integration-token',
    title: 'Notion integration token',
    provider: 'Notion',
    severity: 'high',
    confidence: 'high',
    keywords: ['ntn_'],
    pattern: /\b(?<secret>ntn_[0-9]{11}[A-Za-z0-9]{35})\b/,
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [{ text: `NOTION_TOKEN=${ntn}`, secret: ntn }],
      fp: ['NOTION_TOKEN=ntn_****', `ntn_${fake(ALNUM, 46, 'ntn-nodigits').replace(/[0-9]/g, 'q')}`],
    },
  },
  {
    id: 'notion-legacy-integration-token',
    title: 'Notion integration token (secret_ format)',
    provider: 'Notion',
    severity: 'high',
    confidence: 'medium',
    keywords: ['secret_'],
    pattern: /\b(?<secret>secret_[A-Za-z0-9]{43})\b/,
    minEntropy: 4.2,
    remediation: revoke,
    samples: {
      tp: [{ text: `const notion = new Client({ auth: "${legacy}" });`, secret: legacy }],
      fp: [
        'secret_key_base_for_development_and_testing_only',
        'secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'secretKeyReferenceForTheProductionEnvironment',
      ],
    },
  },
];

export default rules(list);

/** LangSmith API keys: personal access tokens `lsv2_pt_` and service keys `lsv2_sk_`, 32 hex, `_`, 10 hex (https://docs.smith.langchain.com/administration/how_to_guides/organization_management/create_account_api_key). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, HEX, rules } from '../_kit/kit.ts';

const pt = 'lsv2_' + 'pt_' + fake(HEX, 32, 'ls-pt') + '_' + fake(HEX, 10, 'ls-pt2');
const sk = 'lsv2_' + 'sk_' + fake(HEX, 32, 'ls-sk') + '_' + fake(HEX, 10, 'ls-sk2');

const list: SecretRule[] = [
  {
    id: 'langsmith-api-key',
    title: 'LangSmith API key',
    provider: 'LangChain',
    severity: 'high',
    confidence: 'high',
    keywords: ['lsv2_pt_', 'lsv2_sk_'],
    pattern: /\b(?<secret>lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10})\b/,
    minEntropy: 3,
    remediation:
      'Delete the key in LangSmith (Settings > API Keys): traces hold prompts and outputs of your application. Create a new key and load it from the environment.',
    samples: {
      tp: [
        { text: `LANGCHAIN_API_KEY=${pt}`, secret: pt },
        { text: `LANGSMITH_API_KEY="${sk}"`, secret: sk },
      ],
      fp: ['LANGCHAIN_API_KEY=ls__0123456789abcdef0123456789abcdef', `lsv2_xx_${fake(HEX, 32, 'x')}_${fake(HEX, 10, 'y')}`],
    },
  },
];

export default rules(list);

/**
 * OpenAI API keys (https://platform.openai.com/api-keys): project keys `sk-proj-…`, service-account keys
 * `sk-svcacct-…`, admin keys `sk-admin-…` and older user keys `sk-…`, all carrying `T3BlbkFJ` (base64 of
 * "OpenAI") in the middle, which sets them apart from the many other `sk-` keys.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, B64URL, fake, rules } from '../_kit/kit.ts';

const MARK = 'T3Blbk' + 'FJ';
const seg = (n: number, seed: string) => fake(B64URL, n, seed).replace(/^[-_]/, 'a').replace(/[-_]$/, 'z');
const proj = 'sk-proj-' + seg(74, 'oai-p1') + MARK + seg(74, 'oai-p2');
const svc = 'sk-svcacct-' + seg(58, 'oai-s1') + MARK + seg(58, 'oai-s2');
const legacy = 'sk-' + fake(ALNUM, 20, 'oai-l1') + MARK + fake(ALNUM, 20, 'oai-l2');
const admin = 'sk-admin-' + seg(58, 'oai-a1') + MARK + seg(58, 'oai-a2');

const revoke =
  'Delete the key at https://platform.openai.com/api-keys (or the project/service-account settings), check usage for calls you did not make, and load a new key from the environment or a secret manager.';

const list: SecretRule[] = [
  {
    id: 'openai-api-key',
    title: 'OpenAI API key',
    provider: 'OpenAI',
    severity: 'high',
    confidence: 'high',
    keywords: ['t3blbkfj'],
    pattern:
      /\b(?<secret>sk-(?:proj|svcacct|None)-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![\w-])/,
    minEntropy: 4,
    remediation: revoke,
    samples: {
      tp: [
        { text: `OPENAI_API_KEY=${proj}`, secret: proj },
        { text: `client = OpenAI(api_key="${svc}")`, secret: svc },
        { text: `openai.api_key = '${legacy}'`, secret: legacy },
      ],
      fp: [
        'OPENAI_API_KEY=sk-proj-...',
        'OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx',
        `DEEPSEEK_API_KEY=sk-${fake('0123456789abcdef', 32, 'ds')}`,
      ],
    },
  },
  {
    id: 'openai-admin-key',
    title: 'OpenAI admin API key',
    provider: 'OpenAI',
    severity: 'critical',
    confidence: 'high',
    keywords: ['t3blbkfj'],
    pattern: /\b(?<secret>sk-admin-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74})(?![\w-])/,
    minEntropy: 4,
    remediation:
      'Admin keys manage the whole organization (members, projects, keys): delete it at https://platform.openai.com/settings/organization/admin-keys, review the audit log, and keep admin keys out of application code.',
    samples: {
      tp: [{ text: `OPENAI_ADMIN_KEY=${admin}`, secret: admin }],
      fp: ['OPENAI_ADMIN_KEY=sk-admin-<key>'],
    },
  },
];

export default rules(list);

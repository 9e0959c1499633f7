/**
 * Supabase credentials (https://supabase.com/docs/guides/api/api-keys): personal access tokens for the
 * Management API and CLI (`sbp_` + 40 hex) and project secret API keys (`sb_secret_…`, which bypass row
 * level security). Publishable keys (`sb_publishable_…`) are meant for browsers and are not reported; the
 * legacy `service_role` key is a JWT (the JWT rules see it).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, B64URL, fake, HEX, rules } from '../_kit/kit.ts';

const pat = `sb${'p'}_${fake(HEX, 40, 'supabase-pat')}`;
const secret = `sb_${'secret'}_${fake(B64URL, 31, 'supabase-secret')}`;

const list: SecretRule[] = [
  {
    id: 'supabase-access-token',
    title: 'Supabase personal access token',
    provider: 'Supabase',
    severity: 'high',
    confidence: 'high',
    keywords: ['sbp_'],
    pattern: /(?<![\w-])(?<secret>sbp_[a-f0-9]{40})(?![\w-])/,
    minEntropy: 3,
    remediation: 'Revoke the token in the Supabase dashboard (Account > Access Tokens, https://supabase.com/dashboard/account/tokens).',
    samples: {
      tp: [{ text: `SUPABASE_ACCESS_TOKEN=${pat}`, secret: pat }],
      fp: ['SUPABASE_ACCESS_TOKEN=sbp_0102...1920', `sbp_${fake(ALNUM, 40, 'supabase-notHex')}`],
    },
  },
  {
    id: 'supabase-secret-key',
    title: 'Supabase secret API key',
    provider: 'Supabase',
    severity: 'critical',
    confidence: 'high',
    keywords: ['sb_secret_'],
    pattern: /(?<![\w-])(?<secret>sb_secret_[\w-]{28,80})(?![\w-])/,
    minEntropy: 3.5,
    remediation:
      'Delete the secret key in the Supabase dashboard (Project Settings > API Keys) and create a new one; it bypasses row level security, so check the database for changes you did not make.',
    samples: {
      tp: [{ text: `SUPABASE_SECRET_KEY=${secret}`, secret }],
      fp: [
        'SUPABASE_SECRET_KEY=sb_secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        `NEXT_PUBLIC_SUPABASE_KEY=sb_publishable_${fake(B64URL, 31, 'supabase-pub')}`,
      ],
    },
  },
];

export default rules(list);

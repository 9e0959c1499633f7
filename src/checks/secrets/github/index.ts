import type { SecretRule } from '../../../engines/secrets/types.ts';
import { crc32Base62Valid } from '../_shared/checksum.ts';

const revoke = 'Revoke it at https://github.com/settings/tokens (or the organization\'s token settings), create a new one with the least scopes, and load it from the environment or a secret manager.';

const rules: SecretRule[] = [
  {
    id: 'github-pat',
    title: 'GitHub personal access token (classic)',
    provider: 'GitHub',
    severity: 'critical',
    confidence: 'high',
    keywords: ['ghp_'],
    // 30 random base62 characters followed by a 6-character base62 CRC32 of them.
    pattern: /\b(?<secret>ghp_[0-9A-Za-z]{36})\b/,
    validate: crc32Base62Valid,
    remediation: revoke,
    samples: {
      tp: [{ text: 'token = "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"', secret: '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' }],
      fp: ['ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules;

/**
 * Tokens our validator must reject: right prefix and length, wrong CRC32 checksum (so they are not
 * GitHub or npm tokens, whatever they look like).
 */
export const REJECTED = [
  'ghp_sNSUjQgy4dCFUUo95QxHQ5U8dlsfKL0jqeqA',
  'ghp_CeCXV272umYnGVwjjZJNHDcXLrmv2k3WqeDA',
  'npm_j91ocY8YFoQJF5dTRnZYfUmVCmI34K4Bdzzz',
  'npm_TF9eMOLiGkzLHjtav4V56qkqF4hcs52Ldgzz',
];

export const MASKED_EXAMPLES = ['ghp_************************************', 'sk_live_...'];

/**
 * Tokens our validator must reject: right prefix and length, wrong CRC32 checksum (so they are not
 * GitHub or npm tokens, whatever they look like).
 */
export const REJECTED = [
  'ghp_4dCFUUo95QxHQ5U8dlsfKLCeCXV2723zXFmA',
  'ghp_umYnGVwjjZJNHDcXLrmv2kj91ocY8Y0BeCDA',
  'npm_FoQJF5dTRnZYfUmVCmI34KTF9eMOLi3X6Jzz',
  'npm_GkzLHjtav4V56qkqF4hcs5lLpu4YaN1hudzz',
];

export const MASKED_EXAMPLES = ['ghp_************************************', 'sk_live_...'];

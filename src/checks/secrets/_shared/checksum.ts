/** Checksums that some token formats carry, so that a look-alike string is not taken for a secret. */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(s: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = CRC_TABLE[(c ^ s.charCodeAt(i)) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width: number): string {
  let s = '';
  for (let v = n; v > 0; v = Math.floor(v / 62)) s = BASE62[v % 62] + s;
  return s.padStart(width, '0');
}

/**
 * GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`) tokens: `<prefix>_<30 random base62>`
 * followed by the CRC32 of the random part, in 6 base62 digits.
 */
export function crc32Base62Valid(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  const random = body.slice(0, 30);
  return base62(crc32(random), 6) === body.slice(30);
}

/** Builds a token with a valid checksum (for test fixtures: never a real credential). */
export function makeCrc32Token(prefix: string, random30: string): string {
  return `${prefix}_${random30}${base62(crc32(random30), 6)}`;
}

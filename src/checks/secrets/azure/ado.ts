/**
 * Azure DevOps personal access tokens of the first format: 52 lowercase base32 characters that decode to
 * 32 bytes, four of which (bytes 2, 7, 8 and 22) hold the CRC32 of the other 28 XOR-ed with a constant
 * that tells user tokens from application tokens (as published in Microsoft's open-source
 * Microsoft.Security.Utilities, `AdoPat`). The checksum is what makes a bare 52-character run a secret.
 */
import { crc32 } from '../_shared/checksum.ts';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const SEEDS = [0xe0b9692d, 0x1019f92e];
const CHECKSUM_AT = [22, 8, 7, 2]; // least significant byte first
const PAYLOAD_AT = [0, 1, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31];

function base32Decode(s: string): number[] | undefined {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of s) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return undefined;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return out;
}

function base32Encode(bytes: number[], length: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(value >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.padEnd(length, 'a');
}

function payloadCrc(bytes: number[]): number {
  return crc32(String.fromCharCode(...PAYLOAD_AT.map((i) => bytes[i])));
}

export function adoPatChecksumValid(token: string): boolean {
  if (token.length !== 52) return false;
  const bytes = base32Decode(token);
  if (!bytes || bytes.length < 32) return false;
  const embedded = CHECKSUM_AT.reduce((n, at, i) => n + bytes[at] * 2 ** (8 * i), 0);
  const crc = payloadCrc(bytes);
  return SEEDS.some((seed) => (crc ^ seed) >>> 0 === embedded);
}

/** A token with a valid checksum, from 28 payload bytes (for samples: never a real credential). */
export function makeAdoPat(payload: number[], seed = SEEDS[0]): string {
  const bytes = new Array<number>(32).fill(0);
  PAYLOAD_AT.forEach((at, i) => {
    bytes[at] = payload[i] & 0xff;
  });
  const sum = (payloadCrc(bytes) ^ seed) >>> 0;
  CHECKSUM_AT.forEach((at, i) => {
    bytes[at] = (sum >>> (8 * i)) & 0xff;
  });
  return base32Encode(bytes, 52);
}

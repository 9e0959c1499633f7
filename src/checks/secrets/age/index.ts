/**
 * age secret keys (https://age-encryption.org/v1): Bech32 strings `AGE-SECRET-KEY-1` + 58 characters, the
 * last six a Bech32 checksum (checked). With it, every file encrypted to its public key can be read.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, rules } from '../_kit/kit.ts';

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i];
  }
  return chk >>> 0;
}

function hrpExpand(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31)];
}

/** Bech32 (BIP 173) checksum of an age secret key, compared case-insensitively as Bech32 requires. */
export function bech32Valid(key: string): boolean {
  const s = key.toLowerCase();
  const sep = s.lastIndexOf('1');
  if (sep < 1 || s.length - sep < 7) return false;
  const data = [...s.slice(sep + 1)].map((c) => CHARSET.indexOf(c));
  if (data.some((d) => d < 0)) return false;
  return polymod([...hrpExpand(s.slice(0, sep)), ...data]) === 1;
}

function makeKey(data: string): string {
  const hrp = 'age-secret-key-';
  const values = [...data].map((c) => CHARSET.indexOf(c));
  const mod = polymod([...hrpExpand(hrp), ...values, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => CHARSET[(mod >>> (5 * (5 - i))) & 31]).join('');
  return `${hrp}1${data}${checksum}`.toUpperCase();
}

const key = makeKey(fake(CHARSET, 52, 'age-key'));
const badKey = `${key.slice(0, -1)}${key.endsWith('Q') ? 'P' : 'Q'}`;

const list: SecretRule[] = [
  {
    id: 'age-secret-key',
    title: 'age encryption secret key',
    provider: 'age',
    severity: 'critical',
    confidence: 'high',
    keywords: ['age-secret-key-1'],
    pattern: /(?<![\w-])(?<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![\w-])/,
    validate: bech32Valid,
    remediation:
      'Generate a new identity (age-keygen), re-encrypt what was encrypted to the old recipient (SOPS: `sops updatekeys` and rotate the data keys), remove the old recipient, and keep identities out of repositories.',
    samples: {
      tp: [{ text: `# created: 2025-01-01T00:00:00Z\n# public key: age1qqq\n${key}`, secret: key }],
      fp: [badKey, 'AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ'],
    },
  },
];

export default rules(list);

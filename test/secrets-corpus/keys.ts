// Deterministic key material for the labelled secrets corpus: real, throwaway keys built from the
// corpus' seeded random stream and encoded by node:crypto, so that `generate.ts` writes the same bytes
// on every run. (generateKeyPairSync draws from the system's randomness: the corpus could not be
// regenerated identically with it.) Nothing here is, or was ever, a credential of anyone.

import { checkPrimeSync, createECDH, createHash, createHmac, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';

/** A reproducible random stream: SHA-256 in counter mode over a seed. */
export class Drbg {
  private counter = 0;
  private pool = Buffer.alloc(0);
  private readonly seed: string;

  constructor(seed: string) {
    this.seed = seed;
  }

  bytes(n: number): Buffer {
    while (this.pool.length < n) {
      const block = createHash('sha256')
        .update(`${this.seed}:${this.counter++}`)
        .digest();
      this.pool = Buffer.concat([this.pool, block]);
    }
    const out = this.pool.subarray(0, n);
    this.pool = this.pool.subarray(n);
    return Buffer.from(out);
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    if (n <= 1) return 0;
    const limit = Math.floor(0x1_0000_0000 / n) * n;
    for (;;) {
      const v = this.bytes(4).readUInt32BE(0);
      if (v < limit) return v % n;
    }
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `n` characters drawn uniformly from `alphabet`. */
  str(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  bigint(bits: number): bigint {
    const buf = this.bytes(Math.ceil(bits / 8));
    let v = BigInt(`0x${buf.toString('hex')}`);
    v &= (1n << BigInt(bits)) - 1n;
    return v;
  }
}

// ----------------------------------------------------------------------------------------- helpers

function b64url(n: bigint | Buffer): string {
  if (Buffer.isBuffer(n)) return n.toString('base64url');
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex').toString('base64url');
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error('not invertible');
  return ((oldS % m) + m) % m;
}

const SMALL_PRIMES = (() => {
  const out: bigint[] = [];
  const sieve = new Uint8Array(2000);
  for (let i = 2; i < 2000; i++) {
    if (sieve[i]) continue;
    out.push(BigInt(i));
    for (let j = i * i; j < 2000; j += i) sieve[j] = 1;
  }
  return out;
})();

function randomPrime(rng: Drbg, bits: number, e: bigint): bigint {
  for (;;) {
    // Top two bits set (so p*q has exactly 2*bits bits), odd.
    let p = rng.bigint(bits) | (3n << BigInt(bits - 2)) | 1n;
    for (let step = 0; step < 4096; step++, p += 2n) {
      if (SMALL_PRIMES.some((s) => p % s === 0n)) continue;
      if ((p - 1n) % e === 0n) continue;
      if (checkPrimeSync(p, { checks: 32 })) return p;
    }
  }
}

// --------------------------------------------------------------------------------------------- RSA

export interface RsaKey {
  key: KeyObject;
  /** `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1). */
  pkcs1: string;
  /** `-----BEGIN PRIVATE KEY-----` (PKCS#8). */
  pkcs8: string;
  /** `-----BEGIN PUBLIC KEY-----` (SPKI). */
  publicPem: string;
  publicKey: KeyObject;
}

export function rsaKey(rng: Drbg, bits = 2048): RsaKey {
  const e = 65537n;
  for (;;) {
    const p = randomPrime(rng, bits / 2, e);
    const q = randomPrime(rng, bits / 2, e);
    if (p === q) continue;
    const n = p * q;
    const phi = (p - 1n) * (q - 1n);
    const d = modInverse(e, phi);
    const jwk = {
      kty: 'RSA',
      n: b64url(n),
      e: b64url(e),
      d: b64url(d),
      p: b64url(p),
      q: b64url(q),
      dp: b64url(d % (p - 1n)),
      dq: b64url(d % (q - 1n)),
      qi: b64url(modInverse(q, p)),
    };
    const key = createPrivateKey({ key: jwk, format: 'jwk' });
    const publicKey = createPublicKey(key);
    return {
      key,
      pkcs1: key.export({ type: 'pkcs1', format: 'pem' }) as string,
      pkcs8: key.export({ type: 'pkcs8', format: 'pem' }) as string,
      publicPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
      publicKey,
    };
  }
}

// ---------------------------------------------------------------------------------------- EC P-256

export interface EcKey {
  key: KeyObject;
  /** `-----BEGIN EC PRIVATE KEY-----` (SEC1). */
  sec1: string;
  pkcs8: string;
  publicPem: string;
}

export function ecKey(rng: Drbg): EcKey {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(rng.bytes(32));
  const pub = ecdh.getPublicKey();
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    d: b64url(ecdh.getPrivateKey()),
    x: b64url(pub.subarray(1, 33)),
    y: b64url(pub.subarray(33, 65)),
  };
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  return {
    key,
    sec1: key.export({ type: 'sec1', format: 'pem' }) as string,
    pkcs8: key.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }) as string,
  };
}

// ------------------------------------------------------------------------------ Ed25519 / OpenSSH

export interface Ed25519Key {
  key: KeyObject;
  seed: Buffer;
  publicRaw: Buffer;
  pkcs8: string;
}

export function ed25519Key(rng: Drbg): Ed25519Key {
  const seed = rng.bytes(32);
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const jwk = key.export({ format: 'jwk' }) as { x: string };
  return { key, seed, publicRaw: Buffer.from(jwk.x, 'base64url'), pkcs8: key.export({ type: 'pkcs8', format: 'pem' }) as string };
}

function sshString(b: Buffer | string): Buffer {
  const body = typeof b === 'string' ? Buffer.from(b) : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** `ssh-ed25519 AAAA... comment` */
export function openSshPublic(k: Ed25519Key, comment: string): string {
  const blob = Buffer.concat([sshString('ssh-ed25519'), sshString(k.publicRaw)]);
  return `ssh-ed25519 ${blob.toString('base64')} ${comment}`;
}

/** An unencrypted `openssh-key-v1` private key (the format `ssh-keygen` writes since OpenSSH 7.8). */
export function openSshPrivate(k: Ed25519Key, comment: string, rng: Drbg): string {
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(k.publicRaw)]);
  const check = rng.bytes(4).readUInt32BE(0);
  let priv = Buffer.concat([
    u32(check),
    u32(check),
    sshString('ssh-ed25519'),
    sshString(k.publicRaw),
    sshString(Buffer.concat([k.seed, k.publicRaw])),
    sshString(comment),
  ]);
  const pad: number[] = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    u32(1),
    sshString(pubBlob),
    sshString(priv),
  ]);
  const b64 = body.toString('base64').replace(/.{70}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

// ------------------------------------------------------------------------------------ OpenPGP (v4)

function crc24(data: Buffer): number {
  let crc = 0xb704ce;
  for (const byte of data) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

function mpi(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const v = b.subarray(i);
  const bits = (v.length - 1) * 8 + (32 - Math.clz32(v[0]));
  const h = Buffer.alloc(2);
  h.writeUInt16BE(bits);
  return Buffer.concat([h, v]);
}

function pgpPacket(tag: number, body: Buffer): Buffer {
  // New-format packet header with a two-octet length when needed.
  if (body.length < 192) return Buffer.concat([Buffer.from([0xc0 | tag, body.length]), body]);
  const l = body.length - 192;
  return Buffer.concat([Buffer.from([0xc0 | tag, (l >> 8) + 192, l & 0xff]), body]);
}

/** An unprotected OpenPGP v4 EdDSA secret key with a user id, ASCII-armored. */
export function pgpPrivate(k: Ed25519Key, userId: string, created: number): string {
  const oid = Buffer.from('2b06010401da470f01', 'hex'); // 1.3.6.1.4.1.11591.15.1 (Ed25519)
  const pubPart = Buffer.concat([
    Buffer.from([4]),
    u32(created),
    Buffer.from([22, oid.length]),
    oid,
    mpi(Buffer.concat([Buffer.from([0x40]), k.publicRaw])),
  ]);
  const secretMpi = mpi(k.seed);
  let sum = 0;
  for (const b of secretMpi) sum = (sum + b) & 0xffff;
  const cs = Buffer.alloc(2);
  cs.writeUInt16BE(sum);
  const secretKey = pgpPacket(5, Buffer.concat([pubPart, Buffer.from([0]), secretMpi, cs]));
  const uid = pgpPacket(13, Buffer.from(userId));
  const data = Buffer.concat([secretKey, uid]);
  const crc = Buffer.alloc(3);
  crc.writeUIntBE(crc24(data), 0, 3);
  const b64 = data.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${b64}\n=${crc.toString('base64')}\n-----END PGP PRIVATE KEY BLOCK-----\n`;
}

// ------------------------------------------------------------------------------- X.509 certificate

function der(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  let len: Buffer;
  if (body.length < 0x80) len = Buffer.from([body.length]);
  else if (body.length < 0x100) len = Buffer.from([0x81, body.length]);
  else len = Buffer.from([0x82, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}

const seq = (...p: Buffer[]) => der(0x30, ...p);
const oidDer = (hex: string) => der(0x06, Buffer.from(hex, 'hex'));
const utf8 = (s: string) => der(0x0c, Buffer.from(s));
const utcTime = (s: string) => der(0x17, Buffer.from(s));

function name(cn: string, org: string): Buffer {
  return seq(
    der(0x31, seq(oidDer('550406'), der(0x13, Buffer.from('US')))),
    der(0x31, seq(oidDer('55040a'), utf8(org))),
    der(0x31, seq(oidDer('550403'), utf8(cn))),
  );
}

/** A self-signed certificate (public material: a hard negative for secret scanners). */
export function selfSignedCert(key: RsaKey, cn: string, serial: Buffer): string {
  const sha256WithRsa = seq(oidDer('2a864886f70d01010b'), Buffer.from([0x05, 0x00]));
  const spki = key.publicKey.export({ type: 'spki', format: 'der' }) as Buffer;
  const serialBytes = Buffer.concat([Buffer.from([0]), serial]);
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serialBytes),
    sha256WithRsa,
    name(cn, 'Acme Corpus'),
    seq(utcTime('250101000000Z'), utcTime('350101000000Z')),
    name(cn, 'Acme Corpus'),
    spki,
  );
  const signature = sign('sha256', tbs, key.key);
  const cert = seq(tbs, sha256WithRsa, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const b64 = cert.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

// -------------------------------------------------------------------------------------------- JWT

export function jwtHs256(payload: object, secret: Buffer): string {
  const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export function jwtRs256(payload: object, key: RsaKey, kid: string): string {
  const head = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid })).toString('base64url');
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = sign('sha256', Buffer.from(`${head}.${body}`), key.key).toString('base64url');
  return `${head}.${body}.${sig}`;
}

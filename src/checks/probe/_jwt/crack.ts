import { createHmac } from 'node:crypto';
import { type DecodedJwt, HMAC_HASHES } from './jwt.ts';
import { JWT_SECRET_WORDLIST } from './wordlist.ts';

/**
 * Offline dictionary attack on HS256/HS384/HS512 tokens: the signature is recomputed with each
 * candidate secret. Bounded by the wordlist (about 1000 entries) and a deadline, so it never costs the
 * run more than a few milliseconds per token.
 */

export interface CrackOptions {
  /** Extra candidates tried first (from the check's options). */
  extra?: readonly string[];
  /** Give up at this time (`Date.now()` milliseconds). */
  deadline?: number;
}

/** The HMAC secret of the token, when it is in the wordlist; undefined otherwise (or not an HS* token). */
export function crackHmac(jwt: DecodedJwt, opts: CrackOptions = {}): string | undefined {
  const hash = HMAC_HASHES[jwt.alg];
  if (!hash || jwt.signature.length === 0) return undefined;
  const input = Buffer.from(jwt.signingInput);
  const deadline = opts.deadline ?? Number.POSITIVE_INFINITY;
  const lists = [opts.extra ?? [], JWT_SECRET_WORDLIST];
  let n = 0;
  for (const list of lists) {
    for (const word of list) {
      if ((++n & 63) === 0 && Date.now() > deadline) return undefined;
      if (createHmac(hash, word).update(input).digest().equals(jwt.signature)) return word;
    }
  }
  return undefined;
}

/** Cracks several tokens, remembering secrets already found (tokens of one issuer share one secret). */
export class Cracker {
  private readonly found: string[] = [];
  private readonly opts: CrackOptions;

  constructor(opts: CrackOptions = {}) {
    this.opts = opts;
  }

  crack(jwt: DecodedJwt): string | undefined {
    const secret = crackHmac(jwt, { ...this.opts, extra: [...this.found, ...(this.opts.extra ?? [])] });
    if (secret !== undefined && !this.found.includes(secret)) this.found.push(secret);
    return secret;
  }
}

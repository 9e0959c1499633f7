import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/** Password hashes: scrypt with a random salt per user, stored as `scrypt$<salt>$<hash>` (base64url). */

const KEY_LEN = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64url')}$${scryptSync(password, salt, KEY_LEN).toString('base64url')}`;
}

/** A hash of nothing anyone knows, to spend the same time when the user does not exist. */
export const DUMMY_HASH = hashPassword(randomBytes(16).toString('hex'));

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password, Buffer.from(salt, 'base64url'), expected.length, (err, key) => (err ? reject(err) : resolve(key))),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

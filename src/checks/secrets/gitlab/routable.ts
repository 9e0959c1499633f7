/**
 * GitLab "routable" tokens (https://docs.gitlab.com/ee/security/tokens/, design document "Routable
 * tokens"): `<prefix><base64url payload>.<2 base36 digits: payload length><7 base36 digits: CRC32 of
 * everything before them>`. The CRC is what makes a look-alike fail.
 */
import { crc32 } from '../_shared/checksum.ts';

/** True for classic tokens (no `.`); for routable ones, checks the CRC32. */
export function gitlabTokenValid(token: string): boolean {
  const dot = token.lastIndexOf('.');
  if (dot < 0) return true;
  if (token.length - dot !== 10) return false;
  const crc = token.slice(-7);
  return crc32(token.slice(0, -7)).toString(36).padStart(7, '0') === crc;
}

/** A routable token with a valid CRC (for samples: never a real credential). */
export function makeRoutable(prefix: string, payload: string): string {
  const head = `${prefix}${payload}.${payload.length.toString(36).padStart(2, '0')}`;
  return `${head}${crc32(head).toString(36).padStart(7, '0')}`;
}

/**
 * Atlassian's current tokens end in 8 uppercase hex digits: the CRC32 of everything before them (API
 * tokens `ATATT3…=XXXXXXXX`, Bitbucket access tokens `ATCTT3…=XXXXXXXX`, app passwords `ATBB…XXXXXXXX`).
 */
import { crc32 } from '../_shared/checksum.ts';

function hex8(n: number): string {
  return n.toString(16).toUpperCase().padStart(8, '0');
}

export function atlassianCrcValid(token: string): boolean {
  return token.length > 8 && hex8(crc32(token.slice(0, -8))) === token.slice(-8);
}

/** Appends the CRC32 suffix to `body` (for samples: never a real credential). */
export function withAtlassianCrc(body: string): string {
  return `${body}${hex8(crc32(body))}`;
}

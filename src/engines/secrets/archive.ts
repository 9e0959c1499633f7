/**
 * Text files inside `.tar.gz` / `.tgz` archives, read cheaply and within bounds: the archive is
 * gunzipped in memory up to MAX_ARCHIVE_BYTES of output, its tar headers are walked (512-byte blocks;
 * name at 0..100, size in octal at 124..136, type flag at 156, ustar prefix at 345..500; GNU `L` long
 * names and pax `path=` records), at most MAX_ARCHIVE_ENTRIES entries. Binary entries (a NUL in the first
 * 8 KB) and archives inside the archive are skipped: nesting stops at one level.
 */
import { gunzipSync } from 'node:zlib';

export const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;
export const MAX_ARCHIVE_ENTRIES = 10_000;

export interface ArchiveEntry {
  /** The path inside the archive, forward slashes. */
  name: string;
  text: string;
}

export type ArchiveResult = { ok: true; entries: ArchiveEntry[]; bytes: number; note?: string } | { ok: false; reason: string };

/** Whether scanning should open `path` as an archive. */
export function isTarGz(path: string): boolean {
  return /\.(?:tar\.gz|tgz)$/i.test(path);
}

const NESTED = /\.(?:tar\.gz|tgz|tar|zip|gz|bz2|xz|7z|jar|war)$/i;

function cString(buf: Buffer, start: number, end: number): string {
  const nul = buf.indexOf(0, start);
  return buf.toString('utf8', start, nul >= start && nul < end ? nul : end);
}

function octal(buf: Buffer, start: number, end: number): number {
  const s = cString(buf, start, end).trim();
  return /^[0-7]{1,12}$/.test(s) ? Number.parseInt(s, 8) : -1;
}

/** The entries of a gzipped tar held in `gz`. */
export function readTarGz(gz: Buffer, maxBytes = MAX_ARCHIVE_BYTES, maxEntries = MAX_ARCHIVE_ENTRIES): ArchiveResult {
  let tar: Buffer;
  try {
    tar = gunzipSync(gz, { maxOutputLength: maxBytes });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      return { ok: false, reason: `archive expands beyond ${maxBytes / (1024 * 1024)} MB (not scanned)` };
    }
    return { ok: false, reason: `not a readable gzip archive (${code ?? (e as Error).message})` };
  }
  const entries: ArchiveEntry[] = [];
  let longName: string | undefined;
  let count = 0;
  let note: string | undefined;
  for (let off = 0; off + 512 <= tar.length; ) {
    const h = off;
    if (tar.subarray(h, h + 512).every((b) => b === 0)) break;
    const size = octal(tar, off + 124, off + 136);
    if (size < 0) return { ok: false, reason: 'not a tar archive (bad header)' };
    const type = String.fromCharCode(tar[off + 156] || 0x30);
    const dataStart = off + 512;
    const dataEnd = Math.min(dataStart + size, tar.length);
    off = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = cString(tar, dataStart, dataEnd);
      continue;
    }
    if (type === 'x') {
      const m = /(?:^|\n)\d{1,8} path=([^\n]{1,4096})\n/.exec(tar.toString('utf8', dataStart, dataEnd));
      if (m) longName = m[1];
      continue;
    }
    if (type === 'g') continue;
    let name = longName;
    longName = undefined;
    if (name === undefined) {
      name = cString(tar, h, h + 100);
      if (tar.toString('latin1', h + 257, h + 262) === 'ustar') {
        const prefix = cString(tar, h + 345, h + 500);
        if (prefix) name = `${prefix}/${name}`;
      }
    }
    if (type !== '0' && type !== '7') continue;
    if (++count > maxEntries) {
      note = `archive holds more than ${maxEntries} files; the rest were not scanned`;
      break;
    }
    if (NESTED.test(name)) continue;
    const data = tar.subarray(dataStart, dataEnd);
    if (data.subarray(0, 8192).includes(0)) continue;
    let text = data.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    entries.push({ name: name.replace(/^\.\//, ''), text });
  }
  return { ok: true, entries, bytes: tar.length, note };
}

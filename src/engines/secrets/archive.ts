/**
 * Text files inside `.tar.gz` / `.tgz` and `.zip` archives, read cheaply and within bounds. Zip: the
 * central directory is read from the end record, stored and deflated entries are inflated one by one
 * with the remaining byte budget as the output limit; encrypted and ZIP64 archives are not opened.
 * Tar.gz: the archive is
 * gunzipped in memory up to MAX_ARCHIVE_BYTES of output, its tar headers are walked (512-byte blocks;
 * name at 0..100, size in octal at 124..136, type flag at 156, ustar prefix at 345..500; GNU `L` long
 * names and pax `path=` records), at most MAX_ARCHIVE_ENTRIES entries. Binary entries (a NUL in the first
 * 8 KB) and archives inside the archive are skipped: nesting stops at one level.
 */
import { gunzipSync, inflateRawSync } from 'node:zlib';

export const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;
export const MAX_ARCHIVE_ENTRIES = 10_000;

export interface ArchiveEntry {
  /** The path inside the archive, forward slashes. */
  name: string;
  text: string;
}

export type ArchiveResult = { ok: true; entries: ArchiveEntry[]; bytes: number; note?: string } | { ok: false; reason: string };

/** Whether scanning should open `path` as an archive. */
export function isArchive(path: string): boolean {
  return /\.(?:tar\.gz|tgz|zip)$/i.test(path);
}

/** The text entries of the archive in `buf`, by its file name. */
export function readArchive(path: string, buf: Buffer, maxBytes = MAX_ARCHIVE_BYTES, maxEntries = MAX_ARCHIVE_ENTRIES): ArchiveResult {
  return /\.zip$/i.test(path) ? readZip(buf, maxBytes, maxEntries) : readTarGz(buf, maxBytes, maxEntries);
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

/** The end-of-central-directory record: the last 22 bytes, or up to 64 KB further back with a comment. */
function findEndRecord(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

/** The entries of a zip archive held in `zip`. */
export function readZip(zip: Buffer, maxBytes = MAX_ARCHIVE_BYTES, maxEntries = MAX_ARCHIVE_ENTRIES): ArchiveResult {
  const end = zip.length >= 22 ? findEndRecord(zip) : -1;
  if (end < 0) return { ok: false, reason: 'not a zip archive (no end of central directory)' };
  const total = zip.readUInt16LE(end + 10);
  const dirOffset = zip.readUInt32LE(end + 16);
  if (total === 0xffff || dirOffset === 0xffffffff) return { ok: false, reason: 'ZIP64 archive (not scanned)' };
  const entries: ArchiveEntry[] = [];
  let budget = maxBytes;
  let note: string | undefined;
  let count = 0;
  for (let off = dirOffset, i = 0; i < total; i++) {
    if (off + 46 > zip.length || zip.readUInt32LE(off) !== 0x02014b50)
      return { ok: false, reason: 'not a zip archive (bad central directory)' };
    const flags = zip.readUInt16LE(off + 8);
    const method = zip.readUInt16LE(off + 10);
    const compressed = zip.readUInt32LE(off + 20);
    const size = zip.readUInt32LE(off + 24);
    const nameLen = zip.readUInt16LE(off + 28);
    const local = zip.readUInt32LE(off + 42);
    const name = zip.toString('utf8', off + 46, off + 46 + nameLen);
    off += 46 + nameLen + zip.readUInt16LE(off + 30) + zip.readUInt16LE(off + 32);
    if (name.endsWith('/') || NESTED.test(name)) continue;
    if (++count > maxEntries) {
      note = `archive holds more than ${maxEntries} files; the rest were not scanned`;
      break;
    }
    // Encrypted entries, and compression other than stored or deflate, cannot be read here.
    if (flags & 1 || (method !== 0 && method !== 8)) continue;
    if (size > budget) return { ok: false, reason: `archive expands beyond ${maxBytes / (1024 * 1024)} MB (not scanned)` };
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50)
      return { ok: false, reason: 'not a zip archive (bad local header)' };
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, Math.min(dataStart + compressed, zip.length));
    let data: Buffer;
    try {
      // The declared size may lie: the inflater's own output limit is what bounds memory.
      data = method === 0 ? raw : inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
        return { ok: false, reason: `archive expands beyond ${maxBytes / (1024 * 1024)} MB (not scanned)` };
      }
      continue;
    }
    budget -= data.length;
    if (data.subarray(0, 8192).includes(0)) continue;
    let text = data.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    entries.push({ name: name.replace(/^\.\//, ''), text });
  }
  return { ok: true, entries, bytes: maxBytes - budget, note };
}

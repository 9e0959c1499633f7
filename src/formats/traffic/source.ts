import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { TrafficError } from './types.ts';

/** Bytes read at a time (the stream reads the next chunk while the caller works on this one). */
const CHUNK = 256 * 1024;
/**
 * Bytes decoded at a time. V8 puts a string of 128 KiB or more in its large-object space, where each
 * allocation costs a fresh mapping: decoding a 91 MB log in 256 KiB pieces took 300-450 ms, in 64 KiB
 * pieces 12 ms. Lines sliced from a piece, and the batch text a worker receives, stay small too.
 */
const PIECE = 64 * 1024;

/**
 * The bytes of an input file in chunks, gunzipped when the file is gzip (`.har.gz`, rotated
 * `access.log.1.gz`): readers never hold a whole file. UTF-16 files are refused with a clear message.
 * `reuse`: the caller is done with a chunk when it asks for the next (it decodes at once), so a plain
 * file is read into two buffers in turn: fresh memory for every chunk cost more page faults than the
 * reading itself (2x the time on a 91 MB log).
 */
export async function* fileChunks(absPath: string, display: string, opts: { reuse?: boolean } = {}): AsyncGenerator<Buffer> {
  let head: Buffer;
  try {
    const fh = await open(absPath, 'r');
    try {
      head = Buffer.alloc(4);
      const { bytesRead } = await fh.read(head, 0, 4, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw unreadable(e, display);
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new TrafficError('the file is UTF-16 encoded; save it as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`)', display, 1, 1);
  }
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  if (opts.reuse && !gz) {
    yield* reusedChunks(absPath, display);
    return;
  }
  const raw = createReadStream(absPath, { highWaterMark: CHUNK });
  const stream = gz ? raw.pipe(createGunzip({ chunkSize: CHUNK })) : raw;
  if (gz) raw.on('error', (e) => stream.destroy(e));
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    if (e instanceof TrafficError) throw e;
    const msg = (e as Error).message ?? String(e);
    throw new TrafficError(gz ? `cannot decompress the gzip file (${msg})` : `cannot read the file (${msg})`, display);
  } finally {
    raw.destroy();
  }
}

/** `cannot read the file (no such file)`, in the words of the system error. */
function unreadable(e: unknown, display: string): TrafficError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : (code ?? String(e));
  return new TrafficError(`cannot read the file (${why})`, display);
}

async function* reusedChunks(absPath: string, display: string): AsyncGenerator<Buffer> {
  // Two buffers taken in turn: the next chunk is read while the caller works on this one (reading each
  // only when asked left the thread idle for every round trip to the thread pool).
  const bufs = [Buffer.allocUnsafeSlow(CHUNK), Buffer.allocUnsafeSlow(CHUNK)];
  let fh: FileHandle | undefined;
  let reading: Promise<{ bytesRead: number }> | undefined;
  try {
    fh = await open(absPath, 'r');
    let position = 0;
    reading = fh.read(bufs[0], 0, CHUNK, 0);
    for (let i = 0; ; i ^= 1) {
      const { bytesRead } = await reading;
      reading = undefined;
      if (bytesRead === 0) return;
      position += bytesRead;
      reading = fh.read(bufs[i ^ 1], 0, CHUNK, position);
      yield bufs[i].subarray(0, bytesRead);
    }
  } catch (e) {
    throw unreadable(e, display);
  } finally {
    // A caller that stops early leaves a read running (close waits for it): whether it failed is moot.
    await reading?.catch(() => undefined);
    await fh?.close();
  }
}

/** Lines of a byte stream in batches (one per decoded piece): the loop per line stays synchronous and fast. */
export interface LineBatch {
  lines: string[];
  /** 1-based number of `lines[0]`. */
  first: number;
}

/** Longest line kept; the rest of a longer line is dropped (a log line of 1 MB is no request). */
export const MAX_LINE_CHARS = 64 * 1024;

/**
 * Decodes a byte (or text) stream and yields, per piece of at most PIECE bytes, its complete lines as one
 * string (`\n` between them, the piece's last newline dropped), then the last line without newline if
 * any. A UTF-8 byte order mark is dropped; a line longer than MAX_LINE_CHARS is not carried past that
 * length across chunks (the caller cuts it and strips `\r`). Shared by lineBatches and the logs engine's
 * textBatches.
 *
 * Bytes are cut at their last newline before they are decoded (a newline byte is never part of a
 * multi-byte character), so each string yielded is a flat string of its own, not a view into a longer
 * one: a loop over its characters (the secret rules' keyword pass) runs at twice the speed.
 */
export async function* completeLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  // No byte order mark is dropped by the decoder (it would be at the start of every piece): only the
  // stream's first, below.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let carry = '';
  let carryBytes: Buffer | undefined;
  let joined = Buffer.allocUnsafe(0);
  let first = true;
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      if (carryBytes) {
        carry += decoder.decode(carryBytes);
        carryBytes = undefined;
      }
      for (let at = 0; at < chunk.length; at += PIECE) yield* complete(chunk.length <= PIECE ? chunk : chunk.slice(at, at + PIECE));
      continue;
    }
    for (let at = 0; at < chunk.length; at += PIECE) {
      const piece = chunk.length <= PIECE ? chunk : chunk.subarray(at, at + PIECE);
      let bytes = piece;
      if (carryBytes) {
        // The unfinished line and this piece, side by side in one reused buffer (a new one per piece
        // cost more than the copy).
        const size = carryBytes.length + piece.length;
        if (joined.length < size) joined = Buffer.allocUnsafe(Math.max(size, 2 * joined.length));
        carryBytes.copy(joined, 0);
        piece.copy(joined, carryBytes.length);
        bytes = joined.subarray(0, size);
      }
      if (first) {
        // The stream's byte order mark (EF BB BF), once its first three bytes are in.
        if (bytes.length < 3 && BOM.subarray(0, bytes.length).equals(bytes)) {
          carryBytes = Buffer.from(bytes);
          continue;
        }
        if (bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
        first = false;
      }
      const end = bytes.lastIndexOf(10);
      if (end === -1) {
        // No line ends here: keep the line's start (a copy: the caller may reuse its buffer), enough
        // bytes for the MAX_LINE_CHARS characters the caller keeps.
        carryBytes = Buffer.from(bytes.subarray(0, MAX_CARRY_BYTES));
        continue;
      }
      let text = decoder.decode(bytes.subarray(0, end));
      carryBytes = end + 1 < bytes.length ? Buffer.from(bytes.subarray(end + 1, end + 1 + MAX_CARRY_BYTES)) : undefined;
      if (carry) {
        text = carry + text;
        carry = '';
      }
      yield text;
    }
  }
  const rest = carry + (carryBytes ? decoder.decode(carryBytes) : '');
  if (rest.length) yield rest;

  /** The stream's first text without its byte order mark. */
  function noMark(text: string): string {
    if (!first) return text;
    const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (t.length) first = false;
    return t;
  }

  function* complete(piece: string): Generator<string> {
    const text = noMark(piece);
    const end = text.lastIndexOf('\n');
    if (end === -1) {
      carry = carry.length < MAX_LINE_CHARS ? carry + text : carry;
      return;
    }
    const whole = carry ? carry + text.slice(0, end) : text.slice(0, end);
    carry = text.slice(end + 1);
    if (carry.length > MAX_LINE_CHARS) carry = carry.slice(0, MAX_LINE_CHARS);
    yield whole;
  }
}

/**
 * Bytes of an unfinished line kept across pieces: MAX_LINE_CHARS characters (UTF-16 code units) take
 * at most three bytes each.
 */
const MAX_CARRY_BYTES = 3 * MAX_LINE_CHARS;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A copy of `s` that does not keep alive the text it was sliced from. A line, and any part of it, is a
 * view into its 64 KiB piece: a window or table that keeps one part keeps the whole piece. Strings
 * shorter than 13 characters are copies already; longer ones are copied by flattening a concatenation.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/**
 * Splits a byte (or text) stream into lines: `\n` or `\r\n`, a UTF-8 byte order mark dropped, a last line
 * without newline kept, lines longer than MAX_LINE_CHARS cut. Memory: one chunk plus one line.
 */
export async function* lineBatches(input: AsyncIterable<Buffer | string>): AsyncGenerator<LineBatch> {
  let no = 1;
  for await (const whole of completeLines(input)) {
    const lines: string[] = [];
    let start = 0;
    while (start <= whole.length) {
      let nl = whole.indexOf('\n', start);
      if (nl === -1) nl = whole.length;
      let line = whole.slice(start, nl);
      if (line.length > MAX_LINE_CHARS) line = line.slice(0, MAX_LINE_CHARS);
      if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      lines.push(line);
      start = nl + 1;
    }
    yield { lines, first: no };
    no += lines.length;
  }
}

/**
 * A streaming JSON reader for big captures (HAR, OTLP): it walks the outer structure byte by byte and
 * hands over the elements of chosen arrays one at a time, each parsed by JSON.parse, so memory holds one
 * element, never the file. Every byte is still checked: a syntax error anywhere is reported with its line
 * and column. Several top-level values in a row (JSON lines) are read one after the other.
 */

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'invalid';

export type JsonEvent =
  /** A top-level value starts. */
  | { kind: 'top'; type: JsonType; line: number; column: number }
  /** A member of an object on the way to a captured array or value (keys of `{"log": {...}}`); the place is the key's. */
  | { kind: 'member'; path: readonly string[]; key: string; type: JsonType; line: number; column: number }
  /** One element of an array listed in `elements`. */
  | { kind: 'element'; path: readonly string[]; index: number; value: unknown; line: number; column: number; bytes: number }
  /** An element larger than `maxValueBytes`: skipped, not parsed. */
  | { kind: 'oversized'; path: readonly string[]; index: number; line: number; column: number; bytes: number }
  /** A value listed in `values`. */
  | { kind: 'value'; path: readonly string[]; value: unknown; line: number; column: number };

export interface JsonStreamOptions {
  /** Arrays whose elements are parsed one by one, by key path (`['log', 'entries']`). */
  elements: string[][];
  /** Other values to parse whole, by key path (`['log', 'version']`). */
  values?: string[][];
  /** Elements above this are not parsed (default 64 MiB). */
  maxValueBytes?: number;
}

export class JsonStreamError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

const SEP = '\u0000';
/** Values that are only skipped are still validated by JSON.parse up to this size. */
const MAX_VALIDATED_SKIP = 8 * 1024 * 1024;

// Frame states.
const OBJ_FIRST = 0; // after '{': key or '}'
const OBJ_KEY = 1; // after ',': key
const OBJ_COLON = 2;
const VALUE = 3; // a value (object after ':', array after ',')
const AFTER = 4; // ',' or the closer
const ARR_FIRST = 5; // after '[': value or ']'

interface Frame {
  array: boolean;
  path: string[];
  state: number;
  key: string;
  capture: boolean;
  index: number;
}

type BlobKind = 'element' | 'value' | 'skip';

function typeOf(b: number): JsonType {
  if (b === 0x7b) return 'object';
  if (b === 0x5b) return 'array';
  if (b === 0x22) return 'string';
  if (b === 0x2d || (b >= 0x30 && b <= 0x39)) return 'number';
  if (b === 0x74 || b === 0x66) return 'boolean';
  if (b === 0x6e) return 'null';
  return 'invalid';
}

function shown(b: number): string {
  if (b >= 0x21 && b <= 0x7e) return `'${String.fromCharCode(b)}'`;
  if (b === 0x20) return 'a space';
  return `byte 0x${b.toString(16).padStart(2, '0')}`;
}

/** Reads the stream; yields the events of each chunk as one batch. Throws JsonStreamError on bad JSON. */
export async function* streamJson(input: AsyncIterable<Buffer>, opts: JsonStreamOptions): AsyncGenerator<JsonEvent[]> {
  const maxValue = opts.maxValueBytes ?? 64 * 1024 * 1024;
  const elementPaths = new Set(opts.elements.map((p) => p.join(SEP)));
  const valuePaths = new Set((opts.values ?? []).map((p) => p.join(SEP)));
  const tracked = new Set<string>();
  for (const p of [...opts.elements, ...(opts.values ?? [])]) for (let i = 0; i < p.length; i++) tracked.add(p.slice(0, i).join(SEP));
  for (const p of opts.elements) tracked.add(p.join(SEP));

  const stack: Frame[] = [];
  let line = 1;
  let lineStart = 0; // global offset of the current line's first byte
  let base = 0; // global offset of the current chunk
  let tops = 0;
  let firstChunk = true;

  // Key being read.
  let inKey = false;
  let keyEsc = false;
  let keyPieces: Buffer[] = [];
  let keyLine = 0;
  let keyCol = 0;

  // Value being captured.
  let inBlob = false;
  let blobKind: BlobKind = 'skip';
  let blobScalar = false; // a bare number / literal: ends at a delimiter
  let blobDepth = 0;
  let blobStr = false;
  let blobEsc = false;
  let blobPieces: Buffer[] = [];
  let blobKeep = true;
  let blobBytes = 0;
  let blobLine = 0;
  let blobCol = 0;
  let blobPath: string[] = [];
  let blobIndex = 0;
  let blobStartInChunk = 0;

  const err = (msg: string, at: number): JsonStreamError => new JsonStreamError(msg, line, at - lineStart + 1);

  const finishBlob = (events: JsonEvent[]): void => {
    inBlob = false;
    const pieces = blobPieces;
    blobPieces = [];
    if (blobKind === 'element' && blobBytes > maxValue) {
      events.push({ kind: 'oversized', path: blobPath, index: blobIndex, line: blobLine, column: blobCol, bytes: blobBytes });
      return;
    }
    if (!blobKeep) return;
    const text = pieces.length === 1 ? pieces[0].toString('utf8') : Buffer.concat(pieces).toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw parseErrorAt(e as Error, text, blobLine, blobCol);
    }
    if (blobKind === 'element')
      events.push({ kind: 'element', path: blobPath, index: blobIndex, value, line: blobLine, column: blobCol, bytes: blobBytes });
    else if (blobKind === 'value') events.push({ kind: 'value', path: blobPath, value, line: blobLine, column: blobCol });
  };

  /** A value starts at byte `i` of `buf` inside the current frame (or at the top). Returns the next index. */
  const startValue = (buf: Buffer, i: number, events: JsonEvent[]): number => {
    const b = buf[i];
    const type = typeOf(b);
    const col = base + i - lineStart + 1;
    const parent = stack[stack.length - 1];
    if (type === 'invalid') throw err(`invalid JSON: expected a value, found ${shown(b)}`, base + i);
    let path: string[];
    let kind: BlobKind = 'skip';
    let index = 0;
    if (!parent) {
      tops++;
      events.push({ kind: 'top', type, line, column: col });
      path = [];
    } else if (parent.array) {
      index = parent.index++;
      path = parent.path;
      if (parent.capture) kind = 'element';
      else path = [...parent.path, '[]'];
    } else {
      path = [...parent.path, parent.key];
      events.push({ kind: 'member', path: parent.path, key: parent.key, type, line: keyLine, column: keyCol });
    }
    if (parent) parent.state = AFTER;
    const joined = path.join(SEP);
    if (kind !== 'element' && (type === 'object' || type === 'array') && (tracked.has(joined) || !parent)) {
      stack.push({
        array: type === 'array',
        path,
        state: type === 'array' ? ARR_FIRST : OBJ_FIRST,
        key: '',
        capture: type === 'array' && elementPaths.has(joined),
        index: 0,
      });
      return i + 1;
    }
    if (kind !== 'element' && valuePaths.has(joined)) kind = 'value';
    inBlob = true;
    blobKind = kind;
    blobKeep = true;
    blobBytes = 0;
    blobPieces = [];
    blobLine = line;
    blobCol = col;
    blobPath = path;
    blobIndex = index;
    blobStartInChunk = i;
    blobScalar = type !== 'object' && type !== 'array' && type !== 'string';
    // The value's first byte is read by the capture loop too, so it lands in the captured bytes even
    // when it is the last byte of a chunk.
    blobStr = false;
    blobEsc = false;
    blobDepth = 0;
    return i;
  };

  for await (const chunk of input) {
    let buf = chunk;
    if (firstChunk && buf.length) {
      firstChunk = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        buf = buf.subarray(3);
        base = 3;
        lineStart = 3;
      }
    }
    const events: JsonEvent[] = [];
    const n = buf.length;
    let i = 0;
    if (inBlob) blobStartInChunk = 0;
    if (inKey) blobStartInChunk = 0;
    while (i < n) {
      if (inBlob) {
        // Tight loop: find the end of the captured value.
        let end = -1;
        if (blobScalar) {
          for (; i < n; i++) {
            const b = buf[i];
            if (b === 0x2c || b === 0x7d || b === 0x5d || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) {
              end = i;
              break;
            }
          }
        } else {
          for (; i < n; i++) {
            const b = buf[i];
            if (b === 0x0a) {
              line++;
              lineStart = base + i + 1;
            }
            if (blobStr) {
              if (blobEsc) blobEsc = false;
              else if (b === 0x5c) blobEsc = true;
              else if (b === 0x22) {
                blobStr = false;
                if (blobDepth === 0) {
                  end = i + 1;
                  break;
                }
              }
              continue;
            }
            if (b === 0x22) blobStr = true;
            else if (b === 0x7b || b === 0x5b) blobDepth++;
            else if (b === 0x7d || b === 0x5d) {
              if (--blobDepth === 0) {
                end = i + 1;
                break;
              }
            }
          }
        }
        const stop = end === -1 ? n : end;
        const piece = buf.subarray(blobStartInChunk, stop);
        blobBytes += piece.length;
        if (blobKeep) {
          const cap = blobKind === 'skip' ? MAX_VALIDATED_SKIP : maxValue;
          if (blobBytes > cap) {
            blobKeep = false;
            blobPieces = [];
          } else blobPieces.push(piece);
        }
        if (end === -1) break;
        i = end;
        finishBlob(events);
        continue;
      }
      if (inKey) {
        let end = -1;
        for (; i < n; i++) {
          const b = buf[i];
          if (keyEsc) keyEsc = false;
          else if (b === 0x5c) keyEsc = true;
          else if (b === 0x22) {
            end = i;
            break;
          } else if (b === 0x0a) throw err('invalid JSON: line break inside a key', base + i);
        }
        keyPieces.push(buf.subarray(blobStartInChunk, end === -1 ? n : end));
        if (end === -1) break;
        i = end + 1;
        inKey = false;
        const raw = keyPieces.length === 1 ? keyPieces[0].toString('utf8') : Buffer.concat(keyPieces).toString('utf8');
        keyPieces = [];
        const top = stack[stack.length - 1];
        try {
          top.key = JSON.parse(`"${raw}"`) as string;
        } catch {
          throw new JsonStreamError('invalid JSON: bad escape in a key', keyLine, keyCol);
        }
        top.state = OBJ_COLON;
        continue;
      }
      const b = buf[i];
      if (b === 0x20 || b === 0x09 || b === 0x0d) {
        i++;
        continue;
      }
      if (b === 0x0a) {
        line++;
        lineStart = base + i + 1;
        i++;
        continue;
      }
      const top = stack[stack.length - 1];
      if (!top) {
        i = startValue(buf, i, events);
        continue;
      }
      switch (top.state) {
        case OBJ_FIRST:
        case OBJ_KEY:
          if (b === 0x22) {
            inKey = true;
            keyEsc = false;
            keyLine = line;
            keyCol = base + i - lineStart + 1;
            blobStartInChunk = i + 1;
            i++;
          } else if (b === 0x7d && top.state === OBJ_FIRST) {
            stack.pop();
            i++;
          } else throw err(`invalid JSON: expected a "key" string${top.state === OBJ_FIRST ? " or '}'" : ''}, found ${shown(b)}`, base + i);
          break;
        case OBJ_COLON:
          if (b !== 0x3a) throw err(`invalid JSON: expected ':' after the key "${top.key}", found ${shown(b)}`, base + i);
          top.state = VALUE;
          i++;
          break;
        case VALUE:
        case ARR_FIRST:
          if (b === 0x5d && top.state === ARR_FIRST) {
            stack.pop();
            i++;
          } else i = startValue(buf, i, events);
          break;
        case AFTER:
          if (b === 0x2c) {
            top.state = top.array ? VALUE : OBJ_KEY;
            i++;
          } else if ((b === 0x7d && !top.array) || (b === 0x5d && top.array)) {
            stack.pop();
            i++;
          } else {
            const want = top.array ? "',' or ']'" : "',' or '}'";
            throw err(
              `invalid JSON: expected ${want} after ${top.array ? 'an element' : `the value of "${top.key}"`}, found ${shown(b)}`,
              base + i,
            );
          }
          break;
      }
    }
    base += n;
    if (events.length) yield events;
  }
  const at = (): JsonStreamError => new JsonStreamError('', line, base - lineStart + 1);
  if (inBlob && blobScalar) {
    const events: JsonEvent[] = [];
    finishBlob(events);
    if (events.length) yield events;
  } else if (inBlob || inKey || stack.length) {
    const e = at();
    const open = stack[stack.length - 1];
    const what = inKey ? 'a key' : inBlob ? (blobStr && blobDepth === 0 ? 'a string' : 'a value') : open?.array ? 'an array' : 'an object';
    throw new JsonStreamError(`unexpected end of file inside ${what}: the file is truncated`, e.line, e.column);
  }
  if (tops === 0) throw new JsonStreamError('empty file: no JSON value', line, 1);
}

/** Turns V8's JSON.parse error into a one-line message at an absolute line:column. */
function parseErrorAt(e: Error, text: string, startLine: number, startCol: number): JsonStreamError {
  const msg = e.message;
  let rel: { line: number; column: number } | undefined;
  const lc = /\(line (\d+) column (\d+)\)/.exec(msg);
  if (lc) rel = { line: Number(lc[1]), column: Number(lc[2]) };
  else {
    const pos = /at position (\d+)/.exec(msg);
    if (pos) rel = relPosition(text, Number(pos[1]));
    else if (/Unexpected end of JSON input/.test(msg)) rel = relPosition(text, text.length);
    else {
      const tok = /Unexpected token '(.)'/.exec(msg);
      if (tok) {
        const at = findBadToken(text, tok[1]);
        if (at !== -1) rel = relPosition(text, at);
      }
    }
  }
  const clean = msg
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/^Unexpected end of JSON input$/, 'unexpected end of input')
    .replace(/^(.)/, (c) => c.toLowerCase());
  const line = rel ? startLine + rel.line - 1 : startLine;
  const column = rel ? (rel.line === 1 ? startCol + rel.column - 1 : rel.column) : startCol;
  return new JsonStreamError(`invalid JSON: ${clean}`, line, column);
}

function relPosition(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: pos - start + 1 };
}

/** The first occurrence of `ch` outside strings (for messages without a position). */
function findBadToken(text: string, ch: string): number {
  let inStr = false;
  let esc = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (esc) esc = false;
      else if (c === '\\') esc = true;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === ch) return i;
  }
  return -1;
}

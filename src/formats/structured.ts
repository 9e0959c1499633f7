import { readFileSync, statSync } from 'node:fs';
import * as jsyaml from 'js-yaml';
import { type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { parsePointer } from './pointer.ts';

/** A 1-based region; `endColumn` is exclusive (SARIF convention). */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** A YAML or JSON file, parsed to plain values, that can say where any JSON pointer sits in its text. */
export interface StructuredDocument {
  /** Path shown to users (relative to the working directory). */
  file: string;
  /** Absolute path, used to resolve relative `$ref`s. */
  absPath: string;
  format: 'yaml' | 'json';
  text: string;
  value: unknown;
  /**
   * Region of the node at `pointer`: its key when the node is a mapping member (what an editor should
   * highlight), else the value. `part: 'value'` always gives the value. Undefined if the pointer is absent.
   */
  locate(pointer: string, part?: 'key' | 'value'): Region | undefined;
  /** YAML documents after the first in the same file (`---`); only the first is read. */
  extraDocuments?: number;
}

/** Bad input: a one-line message with the file and, when known, the position. */
export class InputError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  constructor(message: string, file: string, line?: number, column?: number) {
    super(message);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

export interface Limits {
  /** Files above this size are skipped with a diagnostic. */
  maxFileBytes: number;
  /** YAML nesting limit. */
  maxDepth: number;
  /** YAML alias nodes per document; walkers also guard against re-visiting shared nodes. */
  maxAliases: number;
}

export const DEFAULT_LIMITS: Limits = { maxFileBytes: 32 * 1024 * 1024, maxDepth: 256, maxAliases: 10_000 };

/**
 * Reads a file by absolute path from somewhere else than the disk (the git index, for a pre-commit
 * hook). Throws an InputError, whose message is shown (for the caller's file name), when the file is
 * not there.
 */
export type ReadFile = (absPath: string) => Buffer;

export function readStructuredFile(absPath: string, file: string, limits: Limits = DEFAULT_LIMITS, read?: ReadFile): StructuredDocument {
  return parseStructured(readInputBytes(absPath, file, limits, read).toString('utf8'), absPath, file, limits);
}

/**
 * The bytes of an input file, from the disk or through `read`: an InputError naming `file` when it
 * cannot be read, is above the size limit (checked before the disk read) or is binary.
 */
export function readInputBytes(absPath: string, file: string, limits: Limits = DEFAULT_LIMITS, read?: ReadFile): Buffer {
  let size: number;
  let buf: Buffer | undefined;
  try {
    if (read) buf = read(absPath);
    size = buf ? buf.length : statSync(absPath).size;
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.message, file, e.line, e.column);
    throw new InputError(`cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, file);
  }
  if (size > limits.maxFileBytes) {
    throw new InputError(
      `file is ${formatSize(size)}, above the ${formatSize(limits.maxFileBytes)} limit (raise it with --max-file-size)`,
      file,
    );
  }
  buf ??= readFileSync(absPath);
  if (looksBinary(buf)) throw new InputError('binary file, not YAML or JSON', file);
  return buf;
}

/** A file size for messages: `3.9 MB`, `120 KB`, `512 B`. */
export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

export function parseStructured(rawText: string, absPath: string, file: string, limits: Limits = DEFAULT_LIMITS): StructuredDocument {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const first = text.match(/^\s*(\S)/)?.[1];
  const isJson = absPath.endsWith('.json') || ((first === '{' || first === '[') && !/\.ya?ml$/i.test(absPath));
  return isJson ? parseJson(text, absPath, file, limits) : parseYaml(text, absPath, file, limits);
}

// ---------------------------------------------------------------------------------------------- lines

function lineIndex(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let k = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}

function toLineCol(starts: Int32Array, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

function regionOf(getStarts: () => Int32Array, text: string, start: number, end: number): Region {
  const starts = getStarts();
  // Collections only know where they start: show the rest of that line.
  let stop = end;
  if (stop <= start) {
    stop = text.indexOf('\n', start);
    if (stop === -1) stop = text.length;
    while (stop > start + 1 && /\s/.test(text[stop - 1])) stop--;
    if (stop <= start) stop = start + 1;
  }
  const a = toLineCol(starts, start);
  const b = toLineCol(starts, stop);
  return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}

function lazy<T>(make: () => T): () => T {
  let v: T | undefined;
  return () => {
    if (v === undefined) v = make();
    return v;
  };
}

// ----------------------------------------------------------------------------------------------- JSON

/**
 * Offset of the first `{` or `[` nested deeper than `maxDepth`, or -1. JSON.parse accepts any depth, but
 * checks walk values recursively: refuse a nesting bomb up front, as YAML does.
 */
function tooDeep(text: string, maxDepth: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: find the closing quote that no odd run of backslashes escapes.
      for (;;) {
        i = text.indexOf('"', i + 1);
        if (i === -1) return -1;
        let k = i - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        if ((i - 1 - k) % 2 === 0) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

interface JsonSpan {
  /** Key of the member, quotes included; -1 for array items and the root. */
  keyStart: number;
  keyEnd: number;
  start: number;
  end: number;
}

/**
 * Where a JSON pointer sits in (already validated) JSON text, without building a syntax tree: a
 * container's members are scanned once, the first time a pointer goes through it, and cached. Memory
 * stays proportional to what findings point at, not to the file (a full tree of a 4 MB file is ~70 MB).
 */
class JsonOffsets {
  private readonly text: string;
  private readonly containers = new Map<number, Map<string, JsonSpan> | JsonSpan[]>();
  constructor(text: string) {
    this.text = text;
  }

  private root?: JsonSpan;

  find(segs: string[]): JsonSpan | undefined {
    if (!this.root) {
      const start = this.ws(0);
      this.root = { keyStart: -1, keyEnd: -1, start, end: this.valueEnd(start) };
    }
    let span = this.root;
    for (const seg of segs) {
      const c = this.text.charCodeAt(span.start);
      const children = this.children(span.start, c);
      if (!children) return undefined;
      const next = Array.isArray(children) ? (/^\d+$/.test(seg) ? children[Number(seg)] : undefined) : children.get(seg);
      if (!next) return undefined;
      span = next;
    }
    return span;
  }

  private children(start: number, c: number): Map<string, JsonSpan> | JsonSpan[] | undefined {
    if (c !== 0x7b && c !== 0x5b) return undefined;
    let cached = this.containers.get(start);
    if (cached) return cached;
    const t = this.text;
    let i = this.ws(start + 1);
    if (c === 0x7b) {
      const members = new Map<string, JsonSpan>();
      while (t.charCodeAt(i) === 0x22) {
        const keyStart = i;
        const keyEnd = this.stringEnd(i);
        const raw = t.slice(keyStart + 1, keyEnd - 1);
        const key = raw.includes('\\') ? (JSON.parse(t.slice(keyStart, keyEnd)) as string) : raw;
        const vStart = this.ws(this.ws(keyEnd) + 1); // skip the colon
        const vEnd = this.valueEnd(vStart);
        // Last one wins, as in JSON.parse: the position must be that of the value the checks saw.
        members.set(key, { keyStart, keyEnd, start: vStart, end: vEnd });
        i = this.ws(vEnd);
        if (t.charCodeAt(i) === 0x2c) i = this.ws(i + 1);
      }
      cached = members;
    } else {
      const items: JsonSpan[] = [];
      while (i < t.length && t.charCodeAt(i) !== 0x5d) {
        const end = this.valueEnd(i);
        items.push({ keyStart: -1, keyEnd: -1, start: i, end });
        i = this.ws(end);
        if (t.charCodeAt(i) === 0x2c) i = this.ws(i + 1);
      }
      cached = items;
    }
    this.containers.set(start, cached);
    return cached;
  }

  private ws(i: number): number {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return i;
    }
  }

  /** Index after the closing quote of the string starting at `i`. */
  private stringEnd(i: number): number {
    const t = this.text;
    for (let j = i + 1; j < t.length; j++) {
      const c = t.charCodeAt(j);
      if (c === 0x5c) j++;
      else if (c === 0x22) return j + 1;
    }
    return t.length;
  }

  /** Index after the value starting at `i`. */
  private valueEnd(i: number): number {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === 0x22) return this.stringEnd(i);
    if (c === 0x7b || c === 0x5b) {
      let depth = 0;
      for (let j = i; j < t.length; j++) {
        const d = t.charCodeAt(j);
        if (d === 0x22) j = this.stringEnd(j) - 1;
        else if (d === 0x7b || d === 0x5b) depth++;
        else if ((d === 0x7d || d === 0x5d) && --depth === 0) return j + 1;
      }
      return t.length;
    }
    let j = i;
    for (; j < t.length; j++) {
      const d = t.charCodeAt(j);
      if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
    }
    return j;
  }
}

function parseJson(text: string, absPath: string, file: string, limits: Limits): StructuredDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    const starts = lineIndex(text);
    const err = errors[0];
    const pos = toLineCol(starts, err?.offset ?? 0);
    throw new InputError(`invalid JSON: ${err ? printParseErrorCode(err.error) : 'cannot parse'}`, file, pos.line, pos.column);
  }
  const deep = tooDeep(text, limits.maxDepth);
  if (deep !== -1) {
    const pos = toLineCol(lineIndex(text), deep);
    throw new InputError(`invalid JSON: nesting exceeded maxDepth (${limits.maxDepth})`, file, pos.line, pos.column);
  }
  const starts = lazy(() => lineIndex(text));
  const offsets = new JsonOffsets(text);
  const locate = (pointer: string, part: 'key' | 'value' = 'key'): Region | undefined => {
    const at = offsets.find(parsePointer(pointer));
    if (!at) return undefined;
    if (part === 'key' && at.keyStart >= 0) return regionOf(starts, text, at.keyStart, at.keyEnd);
    const c = text.charCodeAt(at.start);
    return regionOf(starts, text, at.start, c === 0x7b || c === 0x5b ? at.start : at.end);
  };
  return { file, absPath, format: 'json', text, value, locate };
}

// ----------------------------------------------------------------------------------------------- YAML

type YamlEvent = ReturnType<typeof jsyaml.parseEvents>[number];
const { MAPPING, SEQUENCE, SCALAR, ALIAS, POP } = jsyaml.EVENT_ID;

const YAML_SCHEMA = jsyaml.CORE_SCHEMA.withTags(jsyaml.mergeTag);

function parseYaml(text: string, absPath: string, file: string, limits: Limits): StructuredDocument {
  let events: YamlEvent[];
  let value: unknown;
  let extraDocuments = 0;
  try {
    events = jsyaml.parseEvents(text, { filename: file, maxDepth: limits.maxDepth });
    // Merge keys (`<<: *base`) are common in hand-written definitions: resolve them like YAML 1.1 did.
    const docs = jsyaml.constructFromEvents(events, { source: text, filename: file, maxAliases: limits.maxAliases, schema: YAML_SCHEMA });
    value = docs[0];
    extraDocuments = Math.max(0, docs.length - 1);
  } catch (e) {
    const err = e as { reason?: string; message: string; mark?: { line: number; column: number } };
    const reason = (err.reason ?? err.message).split('\n')[0];
    throw new InputError(
      `invalid YAML: ${reason}`,
      file,
      err.mark ? err.mark.line + 1 : undefined,
      err.mark ? err.mark.column + 1 : undefined,
    );
  }
  const starts = lazy(() => lineIndex(text));
  // Index of the POP event closing each collection, so a subtree can be skipped in O(1).
  const closing = lazy(() => {
    const end = new Int32Array(events.length);
    const stack: number[] = [];
    for (let i = 0; i < events.length; i++) {
      const t = events[i].type;
      if (t === MAPPING || t === SEQUENCE || t === jsyaml.EVENT_ID.DOCUMENT) stack.push(i);
      else if (t === POP) {
        const open = stack.pop();
        if (open !== undefined) end[open] = i;
      }
    }
    return end;
  });
  const anchors = lazy(() => {
    const m = new Map<string, number>();
    events.forEach((ev, i) => {
      if ('anchorStart' in ev && ev.anchorStart >= 0 && ev.type !== ALIAS) m.set(text.slice(ev.anchorStart, ev.anchorEnd), i);
    });
    return m;
  });
  const next = (i: number): number => {
    const t = events[i].type;
    return t === MAPPING || t === SEQUENCE ? closing()[i] + 1 : i + 1;
  };
  const deref = (i: number): number => {
    const ev = events[i];
    if (ev?.type !== ALIAS) return i;
    return anchors().get(text.slice(ev.anchorStart, ev.anchorEnd)) ?? i;
  };
  const memberCache = new Map<number, Map<string, number>>();

  const locate = (pointer: string, part: 'key' | 'value' = 'key'): Region | undefined => {
    let i = 1; // events[0] is the document
    if (events.length < 2) return undefined;
    let keyIdx = -1;
    for (const seg of parsePointer(pointer)) {
      i = deref(i);
      const ev = events[i];
      keyIdx = -1;
      if (ev.type === MAPPING) {
        let members = memberCache.get(i);
        if (!members) {
          members = new Map();
          for (let j = i + 1; events[j].type !== POP; ) {
            const k = events[j];
            if (k.type === SCALAR) {
              const name = jsyaml.getScalarValue(text, k);
              if (!members.has(name)) members.set(name, j);
            }
            j = next(next(j));
          }
          memberCache.set(i, members);
        }
        const k = members.get(seg);
        if (k === undefined) return undefined;
        keyIdx = k;
        i = k + 1;
      } else if (ev.type === SEQUENCE) {
        const n = Number(seg);
        let j = i + 1;
        for (let c = 0; c < n && events[j].type !== POP; c++) j = next(j);
        if (events[j].type === POP) return undefined;
        i = j;
      } else return undefined;
    }
    const target = part === 'key' && keyIdx >= 0 ? events[keyIdx] : events[i];
    if (target.type === SCALAR) {
      // Quoted scalars: include the quotes so the region covers what the user typed.
      const quoted = target.style === 2 || target.style === 3;
      const s = quoted ? target.valueStart - 1 : target.valueStart;
      const e = quoted ? target.valueEnd + 1 : target.valueEnd;
      return regionOf(starts, text, s, Math.max(e, s + 1));
    }
    if (target.type === MAPPING || target.type === SEQUENCE) return regionOf(starts, text, target.start, target.start);
    if (target.type === ALIAS) return regionOf(starts, text, target.anchorStart - 1, target.anchorEnd);
    return undefined;
  };
  return { file, absPath, format: 'yaml', text, value, locate, extraDocuments };
}

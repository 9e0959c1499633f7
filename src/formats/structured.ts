import { readFileSync, statSync } from 'node:fs';
import * as jsyaml from 'js-yaml';
import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
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

export function readStructuredFile(absPath: string, file: string, limits: Limits = DEFAULT_LIMITS): StructuredDocument {
  let size: number;
  try {
    size = statSync(absPath).size;
  } catch (e) {
    throw new InputError(`cannot read file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, file);
  }
  if (size > limits.maxFileBytes) {
    throw new InputError(
      `file is ${formatSize(size)}, above the ${formatSize(limits.maxFileBytes)} limit (raise it with --max-file-size)`,
      file,
    );
  }
  const buf = readFileSync(absPath);
  if (looksBinary(buf)) throw new InputError('binary file, not YAML or JSON', file);
  return parseStructured(buf.toString('utf8'), absPath, file, limits);
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
 * the position index (jsonc-parser) recurses and overflows the stack on a nesting bomb.
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
  const tree = lazy(() => parseTree(text) as JsonNode);
  const memberCache = new WeakMap<JsonNode, Map<string, JsonNode>>();

  const locate = (pointer: string, part: 'key' | 'value' = 'key'): Region | undefined => {
    let node: JsonNode | undefined = tree();
    let keyNode: JsonNode | undefined;
    for (const seg of parsePointer(pointer)) {
      if (!node) return undefined;
      keyNode = undefined;
      if (node.type === 'object') {
        let members = memberCache.get(node);
        if (!members) {
          members = new Map();
          for (const prop of node.children ?? []) {
            const k = prop.children?.[0];
            // Last one wins, as in JSON.parse: the position must be that of the value the checks saw.
            if (k && typeof k.value === 'string') members.set(k.value, prop);
          }
          memberCache.set(node, members);
        }
        const prop = members.get(seg);
        if (!prop) return undefined;
        keyNode = prop.children?.[0];
        node = prop.children?.[1];
      } else if (node.type === 'array') {
        node = node.children?.[Number(seg)];
      } else return undefined;
    }
    if (!node) return undefined;
    const target = part === 'key' && keyNode ? keyNode : node;
    const end = target.type === 'object' || target.type === 'array' ? target.offset : target.offset + target.length;
    return regionOf(starts, text, target.offset, end);
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

/**
 * What the extractors pull out of a structured file: pieces of text to scan on their own, each with the
 * JSON pointer of its value and, when a credential rule needs the name to judge the value, the key it
 * was given under (`{"key": "token", "value": "..."}` becomes `token = "..."`).
 *
 * The walk that every structured file gets (pairs, nested `value`, strings whose text differs from what
 * the file shows) is here; format-specific pieces (Postman, notebooks, Kubernetes, OpenAPI) are in their
 * own files and use `Walker` hooks.
 */
import { joinPointer } from '../../../formats/pointer.ts';
import type { StructDoc } from './docs.ts';
import { Mapped } from './positions.ts';

export interface Piece {
  /** JSON pointer of the value in its document. */
  pointer: string;
  /** The name the value was given under; the scanned text is then `key = "value"`. */
  key?: string;
  value: Mapped;
}

/** Limits on the walk: deep or huge documents are scanned as plain text beyond them. */
const MAX_DEPTH = 64;
const MAX_PIECES = 20_000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Characters a JSON string must escape, and line breaks a YAML scalar folds: the file does not show the value as it is. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON escapes
const NEEDS_DECODING = /["\\\x00-\x1f]/;

/**
 * Could a rule match this value (under this name)? A credential word, a scheme or key marker, or a run of
 * 16 letters and digits that mixes both (every provider token has one; prose and identifiers rarely do). Skips most of
 * the descriptions, headers and cookies of big documents without building a fragment for them.
 */
const SCAN_WORTHY =
  /pass|pwd|secret|token|key|auth|credential|bearer|basic |BEGIN|PuTTY|:\/\/[^\s/]*@|eyJ|(?=[A-Za-z0-9]{16})(?:[A-Za-z]{1,15}\d|\d{1,15}[A-Za-z])/i;

/** Names under which a value is judged differently than on its own: the generic rules' key words. */
const CREDENTIAL_NAME = /pass|pwd|secret|token|api.?key|access.?key|private.?key|auth|credential|session|cookie|signature/i;

/**
 * Is a value worth a fragment of its own? When its name makes it a credential (the generic rules need
 * the name beside it), or when the file shows it escaped and it may hold something.
 */
export function worthAPiece(value: string, name: string): boolean {
  return CREDENTIAL_NAME.test(name) || (NEEDS_DECODING.test(value) && worthScanning(value));
}

export function worthScanning(value: string, key?: string): boolean {
  return SCAN_WORTHY.test(value) || (key !== undefined && SCAN_WORTHY.test(key));
}

/** Name members of `{name, value}` / `{key, value}` pairs: Postman, HAR, Kubernetes env, Azure settings. */
const NAME_KEYS = ['key', 'name', 'Key', 'Name'];
const VALUE_KEYS = ['value', 'Value'];

export interface WalkOptions {
  /**
   * The key to scan a `{key, value}` pair's value under (default: its name), or null to leave the pair
   * to the plain scan. `pointer` is the pair object's.
   */
  pairKey?: (pair: Obj, name: string, pointer: string) => string | null;
  /** Arrays of strings to read as one text (script lines, notebook sources): their member names. */
  joinArrays?: ReadonlySet<string>;
  /** Extra pieces for a node (format-specific), called for every object and array. */
  visit?: (node: unknown, pointer: string, key: string | undefined, add: (p: Piece) => void) => void;
  /** Subtrees to skip (notebook images). */
  skip?: (pointer: string, key: string | undefined) => boolean;
}

/**
 * Pieces every structured file gets:
 * - `{key|name, value}` pairs: the value under the pair's name;
 * - a member whose value is an object with a `value` (GitLab CI `variables: {TOKEN: {value: ...}}`);
 * - strings that do not read the same in the file (JSON escapes such as `\n` and `\"`, YAML block and
 *   multi-line scalars): decoded, under their member name when they hold a single line;
 * - arrays of strings listed in `joinArrays`, read as one text.
 */
export function walk(doc: StructDoc, options: WalkOptions = {}): Piece[] {
  const pieces: Piece[] = [];
  const taken = new Set<string>();
  const add = (p: Piece) => {
    if (pieces.length >= MAX_PIECES || taken.has(p.pointer)) return;
    taken.add(p.pointer);
    pieces.push(p);
  };
  const stringPiece = (pointer: string, key: string | undefined, v: string) => {
    // Only strings the file cannot show as they are (escaped quotes, line breaks, tabs) and that hold
    // something a rule could match; the others are read by the plain scan.
    if (v.length < 6 || taken.has(pointer) || !NEEDS_DECODING.test(v) || !worthScanning(v, key)) return;
    const m = doc.string(pointer);
    if (!m || m.length < 6) return;
    const span = m.fullSpan();
    // Same text in the file and in the value, on one line: the plain scan reads it as it is.
    if (!m.text.includes('\n') && span && span[1] - span[0] === m.length) return;
    add(keyed(pointer, key, m));
  };

  const visit = (node: unknown, pointer: string, key: string | undefined, depth: number): void => {
    if (depth > MAX_DEPTH || pieces.length >= MAX_PIECES) return;
    if (options.skip?.(pointer, key)) return;
    if (typeof node === 'string') {
      stringPiece(pointer, key, node);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    options.visit?.(node, pointer, key, add);
    if (Array.isArray(node)) {
      if (key !== undefined && options.joinArrays?.has(key) && node.length > 0 && node.every((x) => typeof x === 'string')) {
        const joined = joinLines(doc, node as string[], pointer);
        if (joined) add({ pointer, value: joined });
        return;
      }
      node.forEach((item, i) => {
        visit(item, joinPointer(pointer, i), key, depth + 1);
      });
      return;
    }
    const obj = node as Obj;
    const nameKey = NAME_KEYS.find((k) => typeof obj[k] === 'string' && (obj[k] as string).length > 0);
    const valueKey = VALUE_KEYS.find((k) => typeof obj[k] === 'string');
    if (nameKey && valueKey) {
      const name = obj[nameKey] as string;
      const as = options.pairKey ? options.pairKey(obj, name, pointer) : name;
      const vp = joinPointer(pointer, valueKey);
      const v = obj[valueKey] as string;
      const m = as === null || v.length < 6 || !worthAPiece(v, as) ? undefined : doc.string(vp);
      if (m && m.length >= 6 && as !== null) add(keyed(vp, as, m));
    }
    for (const [k, v] of Object.entries(obj)) {
      const p = joinPointer(pointer, k);
      // GitLab CI and similar: `NAME: {value: "...", description: ...}`.
      if (
        isObj(v) &&
        typeof v.value === 'string' &&
        v.value.length >= 6 &&
        !NAME_KEYS.some((n) => typeof v[n] === 'string') &&
        worthAPiece(v.value, k)
      ) {
        const vp = joinPointer(p, 'value');
        const m = doc.string(vp);
        if (m && m.length >= 6) add(keyed(vp, k, m));
      }
      visit(v, p, k, depth + 1);
    }
  };
  visit(doc.value, '', undefined, 0);
  return pieces;
}

/**
 * A value under its key when it is one line (a YAML block scalar's final line break dropped), else the
 * value alone: a multi-line text (a body, a script, a key file) is scanned as the text it is.
 */
export function keyed(pointer: string, key: string | undefined, m: Mapped): Piece {
  const trimmed = m.text.replace(/[\r\n]+$/, '');
  if (key === undefined || trimmed.includes('\n')) return { pointer, value: m };
  return { pointer, key, value: trimmed.length === m.length ? m : m.slice(0, trimmed.length) };
}

/** Lines of an array (`exec`, `source`), each mapped, as one text. */
function joinLines(doc: StructDoc, lines: string[], pointer: string): Mapped | undefined {
  const out = new Mapped();
  // Notebook sources keep their line breaks in each element; Postman script lines do not.
  const sep = lines.slice(0, -1).every((l) => l.endsWith('\n')) ? '' : '\n';
  for (let i = 0; i < lines.length; i++) {
    const m = doc.string(joinPointer(pointer, i));
    if (!m) return undefined;
    if (i > 0 && sep) out.synthetic(sep);
    out.append(m);
  }
  return out.length >= 6 ? out : undefined;
}

/** A value every character of which stands for the whole of `span` (a decoded base64 value). */
export function wholeSpan(text: string, span: [number, number]): Mapped {
  const out = new Mapped();
  for (const c of text) for (let i = 0; i < c.length; i++) out.char(c[i], span[0], span[1]);
  return out;
}

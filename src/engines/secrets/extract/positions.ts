/**
 * Positions for extracted fragments: a fragment's text is not the file's (a JSON string decoded, a YAML
 * block scalar without its indentation, a `key = "value"` line put together from two JSON members), so
 * each fragment carries a map from its offsets back to offsets in the file, and `locate` turns those into
 * 1-based line:column regions (`endColumn` exclusive), in UTF-16 code units like the rest of the engine.
 */
import type { Region } from '../../../formats/structured.ts';
import type { Fragment, FragmentRegion } from '../types.ts';

/** Line starts of a text, for offset <-> line:column. */
export class Lines {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** Offset of a 1-based line:column. */
  offset(line: number, column: number): number {
    return (this.starts[line - 1] ?? 0) + column - 1;
  }

  /** 1-based line:column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  region(start: number, end: number): FragmentRegion {
    const a = this.position(start);
    const b = this.position(Math.max(end, start + 1));
    return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  }
}

/**
 * A text whose characters each know where they came from in the file: `starts[i]`..`ends[i]` is the raw
 * text that character `i` was decoded from (one character, or an escape such as `\n` or `\u00e9`).
 * Characters made up by the extractor (a synthesized `password = "` prefix) have no origin (-1).
 */
export class Mapped {
  text = '';
  private starts: number[] = [];
  private ends: number[] = [];

  /** Characters made up by the extractor. */
  synthetic(s: string): this {
    this.text += s;
    for (let i = 0; i < s.length; i++) {
      this.starts.push(-1);
      this.ends.push(-1);
    }
    return this;
  }

  /** One character decoded from `raw[start, end)`. */
  char(c: string, start: number, end: number): this {
    this.text += c;
    this.starts.push(start);
    this.ends.push(end);
    return this;
  }

  /** Appends another mapped text. */
  append(m: Mapped): this {
    this.text += m.text;
    for (let i = 0; i < m.starts.length; i++) {
      this.starts.push(m.starts[i]);
      this.ends.push(m.ends[i]);
    }
    return this;
  }

  /** Characters `[start, end)`, with their origins. */
  slice(start: number, end: number): Mapped {
    const out = new Mapped();
    out.text = this.text.slice(start, end);
    out.starts = this.starts.slice(start, end);
    out.ends = this.ends.slice(start, end);
    return out;
  }

  get length(): number {
    return this.text.length;
  }

  /** Raw span of `[start, end)`: from the first to the last character that came from the file. */
  rawSpan(start: number, end: number): [number, number] | undefined {
    let a = -1;
    let b = -1;
    for (let i = Math.max(0, start); i < Math.min(end, this.text.length); i++) {
      if (this.starts[i] < 0) continue;
      if (a < 0) a = this.starts[i];
      b = this.ends[i];
    }
    return a < 0 ? undefined : [a, b];
  }

  /** Raw span of every character that came from the file. */
  fullSpan(): [number, number] | undefined {
    return this.rawSpan(0, this.text.length);
  }
}

/**
 * The characters of the JSON string token at `raw[at]` (the opening quote), decoded, each mapped to its
 * escape in the file. Returns the mapped text and the offset after the closing quote.
 */
export function decodeJsonString(raw: string, at: number): { value: Mapped; end: number } {
  const out = new Mapped();
  let i = at + 1;
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (c === 0x22) return { value: out, end: i + 1 };
    if (c !== 0x5c) {
      out.char(raw[i], i, i + 1);
      i++;
      continue;
    }
    const e = raw[i + 1];
    if (e === 'u') {
      const code = Number.parseInt(raw.slice(i + 2, i + 6), 16);
      out.char(Number.isNaN(code) ? '?' : String.fromCharCode(code), i, i + 6);
      i += 6;
      continue;
    }
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };
    out.char(simple[e] ?? e ?? '', i, i + 2);
    i += 2;
  }
  return { value: out, end: raw.length };
}

/**
 * `value` (already decoded, e.g. by a YAML parser) mapped onto `raw[start, end)`, the text it was written
 * as. Exact for plain and quoted one-line scalars; for block and folded scalars each character is matched
 * to the next equal character of the raw text (skipping indentation, quotes and escapes), and a character
 * with no match (a folded line break) takes the position of the one before.
 */
export function alignValue(value: string, raw: string, start: number, end: number): Mapped {
  const out = new Mapped();
  let j = start;
  let last = start;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    let k = j;
    const stop = Math.min(end, j + 256);
    while (k < stop && raw[k] !== c) k++;
    if (k < stop) {
      out.char(c, k, k + 1);
      last = k + 1;
      j = k + 1;
    } else {
      out.char(c, Math.max(start, last - 1), last);
    }
  }
  return out;
}

/** Raw offsets of a region given by `StructuredDocument.locate`. */
export function regionSpan(lines: Lines, r: Region): [number, number] {
  return [lines.offset(r.startLine, r.startColumn), lines.offset(r.endLine, r.endColumn)];
}

/**
 * A fragment for `text` whose matches are located through `mapped` in the file (`fallback`: the region
 * to show when a match lies only on synthesized characters).
 */
export function mappedFragment(file: string, mapped: Mapped, lines: Lines, pointer: string | undefined): Fragment {
  const full = mapped.fullSpan();
  return {
    file,
    text: mapped.text,
    ...(pointer !== undefined ? { pointer } : {}),
    locate: (start, end) => {
      const span = mapped.rawSpan(start, end) ?? full ?? [0, 0];
      return lines.region(span[0], span[1]);
    },
  };
}

/** Key names as the generic rules read them: no quotes, no line breaks, at most 64 characters. */
export function keyName(key: string): string {
  return key.replace(/["'`\r\n=:]/g, '_').slice(0, 64);
}

/** `key = "value"`: the value mapped, the rest synthesized. A value holding `"` is quoted with `'` or `` ` ``. */
export function assignmentOf(key: string, value: Mapped): Mapped {
  const q = !value.text.includes('"') ? '"' : !value.text.includes("'") ? "'" : '`';
  return new Mapped()
    .synthetic(`${keyName(key)} = ${q}`)
    .append(value)
    .synthetic(q);
}

/**
 * The file text with the given raw spans blanked out (every character but line breaks becomes a space):
 * what the plain scan sees of a file whose values are scanned through extracted fragments, so that a
 * secret is reported once, at the place the extracted fragment gives it.
 */
export function masked(text: string, spans: [number, number][]): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s0, e] of sorted) {
    const s = Math.max(s0, at);
    if (e <= s) continue;
    out += text.slice(at, s) + text.slice(s, e).replace(/[^\r\n]/g, ' ');
    at = e;
  }
  return out + text.slice(at);
}

import { MIN_RUN, RUN_CLASS, runKind } from './prefilter.ts';

/**
 * Encoded runs: secrets hidden in base64, hex or percent-encoding (a Kubernetes Secret, a basic-auth
 * header, a URL-encoded connection string). Each run that decodes to printable text is scanned again,
 * and what is found there is reported at the run's position in the original text. Bounded: runs of at
 * most MAX_RUN characters, at most MAX_DECODED characters decoded per text, two levels deep.
 */

export interface DecodedRun {
  /** The run's span in the text that was given (for nested runs: the outermost run). */
  start: number;
  end: number;
  text: string;
  encoding: 'base64' | 'hex' | 'percent';
}

const MIN_BASE64 = MIN_RUN;
const MAX_RUN = 64 * 1024;
const MAX_DECODED = 1024 * 1024;
const MAX_DEPTH = 2;

const B64 = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
B64['-'.charCodeAt(0)] = 62;
B64['_'.charCodeAt(0)] = 63;

function printableByte(b: number): boolean {
  return (b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13;
}

/** Cheap reject: the first 3 bytes of a base64 run decode to printable ASCII. */
function base64HeadPrintable(s: string, at: number): boolean {
  const a = B64[s.charCodeAt(at)];
  const b = B64[s.charCodeAt(at + 1)];
  const c = B64[s.charCodeAt(at + 2)];
  const d = B64[s.charCodeAt(at + 3)];
  if ((a | b | c | d) < 0) return false;
  const n = (a << 18) | (b << 12) | (c << 6) | d;
  return printableByte(n >> 16) && printableByte((n >> 8) & 0xff) && printableByte(n & 0xff);
}

function mostlyPrintable(buf: Buffer): boolean {
  if (buf.length < 6) return false;
  let bad = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (!printableByte(b) && b < 0x80) return false;
    if (b >= 0x80) bad++;
  }
  // Some UTF-8 is fine (a name); mostly high bytes is binary.
  return bad * 10 <= buf.length;
}

/** Not an identifier or a word: base64 of text mixes cases and carries digits or `+/`. */
function looksEncoded(run: string): boolean {
  let upper = 0;
  let lower = 0;
  let digit = 0;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (c >= 48 && c <= 57) digit++;
  }
  return upper > 0 && lower > 0 && digit > 0;
}

/**
 * Runs of `text` worth decoding: flat [start, end, kind (1 base64, 2 hex)...], as the keyword pass notes
 * them (`ScanPlan.runs`), or found here.
 */
export function base64Runs(text: string): number[] {
  const runs: number[] = [];
  let runStart = -1;
  let mask = 0;
  for (let i = 0, n = text.length; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0;
    const k = c < 128 ? RUN_CLASS[c] : 0;
    if (k !== 0) {
      if (runStart < 0) {
        runStart = i;
        mask = 0;
      }
      mask |= k;
    } else if (runStart >= 0) {
      const kind = runKind(i - runStart, mask);
      if (kind) runs.push(runStart, i, kind);
      runStart = -1;
    }
  }
  return runs;
}

function decodeLevel(
  text: string,
  runs: readonly number[],
  budget: { left: number },
  out: (start: number, end: number, decoded: string, enc: DecodedRun['encoding']) => void,
): void {
  if (text.length < MIN_BASE64) return;
  for (let r = 0; r < runs.length; r += 3) {
    const start = runs[r];
    const bodyEnd = runs[r + 1];
    let end = bodyEnd;
    while (end < text.length && end - bodyEnd < 2 && text.charCodeAt(end) === 61) end++;
    if (end - start > MAX_RUN) continue;
    if (budget.left <= 0) return;
    if (runs[r + 2] === 2) hexRun(text, start, bodyEnd, budget, out);
    else base64Run(text, start, bodyEnd, end, budget, out);
  }
  // Percent-encoding: found by its `%XX` escapes, then widened to the run of URL characters around them.
  let from = 0;
  for (;;) {
    const p = text.indexOf('%', from);
    if (p === -1 || budget.left <= 0) return;
    if (!isHexPair(text, p + 1)) {
      from = p + 1;
      continue;
    }
    let s = p;
    while (s > 0 && p - s < MAX_RUN && isUrlChar(text.charCodeAt(s - 1))) s--;
    let e = p + 3;
    let escapes = 1;
    while (e < text.length && e - s < MAX_RUN) {
      const c = text.charCodeAt(e);
      if (c === 37 && isHexPair(text, e + 1)) {
        escapes++;
        e += 3;
      } else if (isUrlChar(c)) e++;
      else break;
    }
    from = e;
    if (escapes < 1 || e - s < 8) continue;
    const run = text.slice(s, e);
    let decoded: string;
    try {
      decoded = decodeURIComponent(run.replace(/\+/g, ' '));
    } catch {
      continue;
    }
    if (decoded === run) continue;
    budget.left -= decoded.length;
    out(s, e, decoded, 'percent');
  }
}

function isHexPair(s: string, i: number): boolean {
  return isHex(s.charCodeAt(i)) && isHex(s.charCodeAt(i + 1));
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Characters of a URL or a form value (no spaces, quotes or brackets that end a value). */
function isUrlChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 37 ||
    c === 45 ||
    c === 46 ||
    c === 95 ||
    c === 126 ||
    c === 43 ||
    c === 33 ||
    c === 42 ||
    c === 40 ||
    c === 41 ||
    c === 58 ||
    c === 47 ||
    c === 64 ||
    c === 61 ||
    c === 38 ||
    c === 59 ||
    c === 44 ||
    c === 36
  );
}

function base64Run(
  text: string,
  runStart: number,
  bodyEnd: number,
  end: number,
  budget: { left: number },
  out: (start: number, end: number, decoded: string, enc: DecodedRun['encoding']) => void,
): void {
  let start = runStart;
  let body = text.slice(start, bodyEnd);
  if (body.length % 4 === 1 || !looksEncoded(body)) return;
  if (!base64HeadPrintable(body, 0)) {
    // A run may begin with identifier characters glued to it (`key_dXNl...`): try after a separator.
    const cut = Math.max(body.lastIndexOf('-', 24), body.lastIndexOf('_', 24));
    if (cut < 0 || body.length - cut - 1 < MIN_BASE64 || !base64HeadPrintable(body, cut + 1)) return;
    start += cut + 1;
    body = body.slice(cut + 1);
  }
  const buf = Buffer.from(body, 'base64');
  if (!mostlyPrintable(buf)) return;
  const decoded = buf.toString('utf8');
  budget.left -= decoded.length;
  out(start, end, decoded, 'base64');
}

function hexRun(
  text: string,
  start: number,
  end: number,
  budget: { left: number },
  out: (start: number, end: number, decoded: string, enc: DecodedRun['encoding']) => void,
): void {
  if ((end - start) % 2 === 1) return;
  // Fast reject: the first bytes must be printable (digests are random bytes).
  const b0 = Number.parseInt(text.slice(start, start + 2), 16);
  const b1 = Number.parseInt(text.slice(start + 2, start + 4), 16);
  if (!printableByte(b0) || !printableByte(b1)) return;
  const buf = Buffer.from(text.slice(start, end), 'hex');
  if (!mostlyPrintable(buf)) return;
  const decoded = buf.toString('utf8');
  budget.left -= decoded.length;
  out(start, end, decoded, 'hex');
}

/**
 * The decoded runs of `text`, up to two levels deep (base64 inside base64, say). `runs`: the base64
 * runs of `text` when already known (see `base64Runs`).
 */
export function decodedRuns(text: string, known?: readonly number[]): DecodedRun[] {
  const runs: DecodedRun[] = [];
  const budget = { left: MAX_DECODED };
  const visit = (t: string, depth: number, outer?: { start: number; end: number }) => {
    const level: DecodedRun[] = [];
    decodeLevel(t, depth === 1 && known ? known : base64Runs(t), budget, (start, end, decoded, encoding) => {
      const span = outer ?? { start, end };
      level.push({ start: span.start, end: span.end, text: decoded, encoding });
    });
    for (const r of level) {
      runs.push(r);
      if (depth < MAX_DEPTH) visit(r.text, depth + 1, { start: r.start, end: r.end });
    }
  };
  visit(text, 1);
  return runs;
}

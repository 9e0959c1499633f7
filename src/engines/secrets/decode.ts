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

const MIN_BASE64 = 16;
const MIN_HEX = 32;
const MAX_RUN = 64 * 1024;
const MAX_DECODED = 1024 * 1024;
const MAX_DEPTH = 2;

// Bounded on the left, unbounded only on one character class (linear: no backtracking to speak of).
const BASE64_RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
const HEX_RUN = /[0-9A-Fa-f]{32,}/g;

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

function decodeLevel(
  text: string,
  budget: { left: number },
  out: (start: number, end: number, decoded: string, enc: DecodedRun['encoding']) => void,
): void {
  if (text.length < MIN_BASE64) return;
  BASE64_RUN.lastIndex = 0;
  for (let m = BASE64_RUN.exec(text); m; m = BASE64_RUN.exec(text)) {
    if (budget.left <= 0) return;
    let run = m[0];
    if (run.length > MAX_RUN) continue;
    let start = m.index;
    // `key=dXNl...` style prefixes are not part of the run when they precede it with `-`/`_` separators.
    const body = run.replace(/=+$/, '');
    if (body.length % 4 === 1) continue;
    if (!looksEncoded(body)) continue;
    if (!base64HeadPrintable(body, 0)) {
      // A run may begin with a few identifier characters glued to it: try from a word boundary inside.
      const cut = Math.max(body.lastIndexOf('-', 24), body.lastIndexOf('_', 24));
      if (cut < 0 || body.length - cut - 1 < MIN_BASE64 || !base64HeadPrintable(body, cut + 1)) continue;
      start += cut + 1;
      run = run.slice(cut + 1);
    }
    const buf = Buffer.from(run, 'base64');
    if (!mostlyPrintable(buf)) continue;
    const decoded = buf.toString('utf8');
    budget.left -= decoded.length;
    out(start, start + run.length, decoded, 'base64');
  }
  if (text.length >= MIN_HEX) {
    HEX_RUN.lastIndex = 0;
    for (let m = HEX_RUN.exec(text); m; m = HEX_RUN.exec(text)) {
      if (budget.left <= 0) return;
      const run = m[0];
      if (run.length > MAX_RUN || run.length % 2 === 1) continue;
      // Fast reject: the first byte must be printable (digests are random bytes).
      if (!printableByte(Number.parseInt(run.slice(0, 2), 16)) || !printableByte(Number.parseInt(run.slice(2, 4), 16))) continue;
      const buf = Buffer.from(run, 'hex');
      if (!mostlyPrintable(buf)) continue;
      const decoded = buf.toString('utf8');
      budget.left -= decoded.length;
      out(m.index, m.index + run.length, decoded, 'hex');
    }
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

/** The decoded runs of `text`, up to two levels deep (base64 inside base64, say). */
export function decodedRuns(text: string): DecodedRun[] {
  const runs: DecodedRun[] = [];
  const budget = { left: MAX_DECODED };
  const visit = (t: string, depth: number, outer?: { start: number; end: number }) => {
    decodeLevel(t, budget, (start, end, decoded, encoding) => {
      const span = outer ?? { start, end };
      runs.push({ start: span.start, end: span.end, text: decoded, encoding });
      if (depth < MAX_DEPTH) visit(decoded, depth + 1, span);
    });
  };
  visit(text, 1);
  return runs;
}

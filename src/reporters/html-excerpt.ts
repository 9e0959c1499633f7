import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Finding } from '../core/index.ts';

/** Files larger than this are not read for excerpts (the report stays small and fast). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Lines shown before and after the flagged region. */
const CONTEXT = 3;
/** Most lines in one excerpt, however long the flagged region. */
const MAX_LINES = 16;
/** Longer lines are cut (minified JSON would otherwise fill the page). */
const MAX_LINE_CHARS = 240;

/**
 * CWEs of hard-coded credentials: the flagged line holds a secret, so the report shows the finding's
 * redacted snippet instead of the line itself.
 */
const CREDENTIAL_CWES = new Set(['CWE-798', 'CWE-259', 'CWE-321', 'CWE-522', 'CWE-540', 'CWE-256', 'CWE-260', 'CWE-312']);

/**
 * Credential shapes masked in every excerpt line, so a context line next to the flagged one never shows a
 * secret the run did not report: passwords in URLs, values of secret-named keys, JWTs, private key
 * headers, and tokens with a well-known prefix. Each is linear (no nested quantifiers).
 */
const SECRET_SHAPES: RegExp[] = [
  /(?<=:\/\/[^\s/:@]{1,256}:)[^\s/@]{1,256}(?=@)/g,
  /(?<=\b[\w-]{0,40}(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential)[\w-]{0,40}["']?\s{0,5}[:=]\s{0,5}["']?)(?![a-z][\w+.-]{0,20}:\/\/|#)[^\s"',{}[\]]{4,}/gi,
  /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g,
  /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----.*/g,
  /\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_\w{20,}|xox[abprs]-[\w-]{10,}|[sr]k_(?:live|test)_\w{10,}|SG\.[\w-]{10,}\.[\w-]{10,}|sk-[\w-]{20,}|AIza[\w-]{30,})/g,
];

/** `Su…(11 chars hidden)`: enough to recognise the place, never the value. */
function mask(value: string): string {
  return `${value.slice(0, Math.min(2, Math.floor(value.length / 4)))}…(${value.length} chars hidden)`;
}

export function maskSecrets(line: string): string {
  let out = line;
  for (const re of SECRET_SHAPES) out = out.replace(re, (m) => (m.includes('chars hidden)') ? m : mask(m)));
  return out;
}

export interface ExcerptLine {
  number: number;
  text: string;
  /** Inside the flagged region. */
  hit: boolean;
}

/** Reads each file once per report; `null` when it cannot or must not be shown. */
export class ExcerptReader {
  private readonly files = new Map<string, string[] | null>();
  private readonly cwd: string | undefined;
  /** Where the run reported a credential: file → line → column ranges (1-based, end exclusive; 0 = the whole line). */
  private readonly secrets = new Map<string, Map<number, [number, number][]>>();

  constructor(cwd: string | undefined, findings: Finding[]) {
    this.cwd = cwd;
    for (const f of findings) {
      const loc = f.location;
      if ((loc.kind !== 'file' && loc.kind !== 'git') || !isCredential(f)) continue;
      const lines = this.secrets.get(loc.file) ?? new Map<number, [number, number][]>();
      this.secrets.set(loc.file, lines);
      for (let n = loc.startLine; n <= loc.endLine && n < loc.startLine + 1000; n++) {
        const range: [number, number] = loc.startLine === loc.endLine ? [loc.startColumn, loc.endColumn] : [0, 0];
        lines.set(n, [...(lines.get(n) ?? []), range]);
      }
    }
  }

  /** The flagged lines with some context, or undefined (no cwd, no such file, a secret on the line...). */
  excerpt(f: Finding): ExcerptLine[] | undefined {
    const loc = f.location;
    // Git findings are about a past commit: today's file may say something else.
    if (loc.kind !== 'file' || isCredential(f)) return undefined;
    const lines = this.read(loc.file);
    if (!lines || loc.startLine < 1 || loc.startLine > lines.length) return undefined;
    const end = Math.min(Math.max(loc.endLine, loc.startLine), lines.length);
    const from = Math.max(1, loc.startLine - CONTEXT);
    const to = Math.min(lines.length, end + CONTEXT, from + MAX_LINES - 1);
    const out: ExcerptLine[] = [];
    const secrets = this.secrets.get(loc.file);
    for (let n = from; n <= to; n++) {
      // Masked before the cut, with some slack, so a secret that crosses the cut is still recognised.
      const text = maskSecrets(hideRanges(lines[n - 1], secrets?.get(n)).slice(0, MAX_LINE_CHARS + 200));
      out.push({
        number: n,
        text: text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}…` : text,
        hit: n >= loc.startLine && n <= end,
      });
    }
    return out;
  }

  private read(file: string): string[] | null {
    const cached = this.files.get(file);
    if (cached !== undefined) return cached;
    const lines = this.load(file);
    this.files.set(file, lines);
    return lines;
  }

  private load(file: string): string[] | null {
    if (!this.cwd) return null;
    const abs = resolve(this.cwd, file);
    const rel = relative(this.cwd, abs);
    // Only files under the working directory: a report never quotes /etc/passwd because a path said so.
    if (rel.startsWith('..') || isAbsolute(rel)) return null;
    try {
      const st = statSync(abs);
      if (!st.isFile() || st.size > MAX_FILE_BYTES) return null;
      const text = readFileSync(abs, 'utf8');
      if (text.includes('\0')) return null;
      return text.replace(/^\uFEFF/, '').split(/\r?\n/);
    } catch {
      return null;
    }
  }
}

function isCredential(f: Finding): boolean {
  return f.stage === 'secrets' || f.cwe.some((c) => CREDENTIAL_CWES.has(c));
}

/** Masks the reported credential ranges of a line (right to left, so columns stay valid); [0, 0] hides it all. */
function hideRanges(line: string, ranges: [number, number][] | undefined): string {
  if (!ranges) return line;
  if (ranges.some(([s]) => s === 0)) return mask(line.trim());
  let out = line;
  for (const [start, end] of [...ranges].sort((a, b) => b[0] - a[0])) {
    const s = Math.max(0, start - 1);
    const e = Math.min(out.length, Math.max(s, end - 1));
    if (e > s) out = `${out.slice(0, s)}${mask(out.slice(s, e))}${out.slice(e)}`;
  }
  return out;
}

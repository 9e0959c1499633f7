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
  constructor(cwd: string | undefined) {
    this.cwd = cwd;
  }

  /** The flagged lines with some context, or undefined (no cwd, no such file, a secret on the line...). */
  excerpt(f: Finding): ExcerptLine[] | undefined {
    const loc = f.location;
    // Git findings are about a past commit: today's file may say something else.
    if (loc.kind !== 'file' || f.stage === 'secrets' || f.cwe.some((c) => CREDENTIAL_CWES.has(c))) return undefined;
    const lines = this.read(loc.file);
    if (!lines || loc.startLine < 1 || loc.startLine > lines.length) return undefined;
    const end = Math.min(Math.max(loc.endLine, loc.startLine), lines.length);
    const from = Math.max(1, loc.startLine - CONTEXT);
    const to = Math.min(lines.length, end + CONTEXT, from + MAX_LINES - 1);
    const out: ExcerptLine[] = [];
    for (let n = from; n <= to; n++) {
      const text = lines[n - 1];
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

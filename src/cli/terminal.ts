import pc from 'picocolors';
import { countBySeverity, type Diagnostic, formatDiagnostic, type RunResult, SEVERITIES, type Severity } from '../core/index.ts';
import type { CliIO } from './io.ts';
import { inCI } from './io.ts';

export type Colors = ReturnType<typeof pc.createColors>;

export function colors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

export function paintSeverity(c: Colors, s: Severity, text: string = s): string {
  switch (s) {
    case 'critical':
      return c.bold(c.red(text));
    case 'high':
      return c.red(text);
    case 'medium':
      return c.yellow(text);
    case 'low':
      return c.cyan(text);
    default:
      return c.dim(text);
  }
}

/**
 * One line on stderr, rewritten in place: `auditing 3/40 specs/orders.yaml`. Only on a terminal and
 * never in CI (CI logs keep every carriage-return frame). `done()` erases it, so the terminal shows only
 * what follows. Redraws at most every 50 ms so thousands of small files do not flood the terminal.
 */
export class Progress {
  private readonly io: CliIO;
  private readonly enabled: boolean;
  private shown = false;
  private last = 0;
  private readonly verb: string;
  constructor(io: CliIO, quiet: boolean, verb = 'auditing') {
    this.io = io;
    this.enabled = io.stderrIsTTY && !quiet && !inCI(io.env);
    this.verb = verb;
  }

  file(file: string, index: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (this.shown && now - this.last < 50 && (total === 0 || index + 1 < total)) return;
    this.last = now;
    // A total of 0: not known in advance (git history).
    const head = `rampart: ${this.verb} ${index + 1}${total ? `/${total}` : ''} `;
    const room = Math.max(10, this.io.columns - head.length - 1);
    const name = file.length > room ? `…${file.slice(file.length - room + 1)}` : file;
    this.io.stderr(`\r\x1b[2K${head}${name}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.io.stderr('\r\x1b[2K');
    this.shown = false;
  }
}

/** `3 findings (1 high, 2 medium)`, or `no findings`. */
export function findingsPhrase(result: RunResult, c: Colors): string {
  const n = result.findings.length;
  if (n === 0) return 'no findings';
  const counts = countBySeverity(result.findings);
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => paintSeverity(c, s, `${counts[s]} ${s}`));
  return `${n} finding${n === 1 ? '' : 's'} (${parts.join(', ')})`;
}

/** The one-line summary printed on stderr when the report goes to a file or is meant for a machine. */
export function summaryLine(result: RunResult, c: Colors, extra: { output?: string; failOn: string; exitCode: number }): string {
  const files = result.scanned.length;
  const bits = [`${findingsPhrase(result, c)} in ${files} definition${files === 1 ? '' : 's'}`];
  if (result.suppressed.baseline) bits.push(`${result.suppressed.baseline} in baseline`);
  if (result.suppressed.inline) bits.push(`${result.suppressed.inline} ignored inline`);
  const errors = result.diagnostics.filter((d) => d.level === 'error').length;
  if (errors) bits.push(c.red(`${errors} error${errors === 1 ? '' : 's'}`));
  let line = `rampart: ${bits.join('; ')}`;
  if (extra.output) line += `; report written to ${extra.output}`;
  if (extra.exitCode === 1) line += ` (exit 1: at or above --fail-on ${extra.failOn})`;
  return line;
}

export function diagnosticLine(d: Diagnostic, c: Colors): string {
  const text = formatDiagnostic(d);
  const level = d.level === 'error' ? c.red('error') : d.level === 'warning' ? c.yellow('warning') : c.dim('note');
  return text.replace(`${d.level}: `, `${level}: `);
}

/** Wraps prose at `width` columns with an indent (for `rampart rules <id>`). */
export function wrap(text: string, width: number, indent = ''): string {
  const out: string[] = [];
  for (const para of text.split(/\n/)) {
    let line = indent;
    for (const word of para.split(/ +/)) {
      if (!word) continue;
      if (line.length > indent.length && line.length + 1 + word.length > width) {
        out.push(line);
        line = indent;
      }
      line += line.length > indent.length ? ` ${word}` : word;
    }
    out.push(line);
  }
  return out.join('\n');
}

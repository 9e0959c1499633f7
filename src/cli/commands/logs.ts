/** `rampart logs`: the command's declaration, and its start (the run itself is in logs-run.ts). */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { FailOn } from '../../core/policy.ts';
import { DetectWorker } from '../../engines/runtime/logs/detect-thread.ts';
import { UsageError } from '../errors.ts';
import type { CliIO } from '../io.ts';

export const LOGS_DESCRIPTION = `Scan text or JSON logs, from files or standard input (-), line by line, for sensitive data that should not be logged: card numbers (Luhn), IBANs (mod-97), national ids with their check digits (US SSN, UK NINO, Canadian SIN, French NIR, Spanish DNI/NIE, Italian codice fiscale, Dutch BSN, Indian Aadhaar, Brazilian CPF), emails, phone numbers, JWTs, Authorization headers, cookies, passwords in URLs and query strings, and every secret kind \`rampart secrets\` knows. Context words raise confidence. One finding per kind and source, with a count and the first lines (OWASP API8:2023, CWE-532). Access-log lines (format detected per source) also give attack signals over sliding windows per client: brute force, enumeration, injection payloads (SQL, XSS, traversal, command, SSRF), scanners and error spikes; injection payloads in logged request bodies are reported from any log. On a terminal a status line shows lines read, lines per second and findings so far. --redact writes every line back to stdout with sensitive values masked (same lines, same order; findings go to stderr or --output). --follow keeps reading a growing file until Ctrl-C.`;

/** Inputs from this size on are scanned with a second thread. */
const WORKER_MIN_BYTES = 16 * 1024 * 1024;

export interface LogsFlags {
  redact?: boolean;
  follow?: boolean;
  attacks?: boolean;
  config?: string;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  failOn?: FailOn;
  baseline?: string;
  format?: string;
  output?: string;
}

/** Declares `rampart logs` on a command that already has the report options (see program.ts). */
export function defineLogsCommand(cmd: Command, io: CliIO, result: { code: number }): Command {
  return cmd
    .summary('find sensitive data and attack signals in logs; --redact masks them in a pipeline')
    .description(LOGS_DESCRIPTION)
    .argument('[files...]', 'log files, plain or .gz; - for standard input (default: -)')
    .option('--redact', 'write the log to stdout with sensitive values masked (the report goes to stderr or --output)')
    .option('--follow', 'keep reading the file as it grows, until Ctrl-C (one file)')
    .option('--no-attacks', 'do not look for attack signals in access-log lines')
    .option('-c, --config <file>', 'config file (default: rampart.config.yaml, .yml or .json in the current directory)')
    .option('-q, --quiet', 'print nothing on stderr but errors (the report is still written)')
    .option('-v, --verbose', 'also print the summary line')
    .option('--no-color', 'no colours (also off when NO_COLOR is set or the output is not a terminal)')
    .addHelpText(
      'after',
      `
Examples:
  rampart logs /var/log/nginx/access.log
  app | rampart logs --redact - > clean.log
  rampart logs --follow app.log --format json -o findings.json
`,
    )
    .action(async (files: string[], flags: LogsFlags) => {
      result.code = await logsCommand(files, flags, io);
    });
}

export async function logsCommand(files: string[], flags: LogsFlags, io: CliIO): Promise<number> {
  const list = files.length ? files : ['-'];
  if (list.some((f) => f.trim() === '')) throw new UsageError('logs: give a file name');
  if (flags.follow && (list.length !== 1 || list[0] === '-')) throw new UsageError('--follow: give exactly one file (not -)');

  // Large files: a second thread detects while this one parses requests (two cores, same order). Started
  // before the rest of the command loads (logs-run.ts: rules, config, engine, reporters), it loads the
  // secret rules meanwhile (started after them, it kept this thread waiting for its first answer);
  // `enable` tells it which rules are on.
  let bytes = 0;
  for (const f of list) {
    try {
      if (f !== '-') bytes += statSync(resolve(io.cwd, f)).size;
    } catch {}
  }
  const early = !flags.follow && bytes >= WORKER_MIN_BYTES ? new DetectWorker({ bodies: flags.attacks !== false }) : undefined;
  try {
    // The rest (rules, config, engine, reporters) loads while that thread starts.
    const { logsRun } = await import('./logs-run.ts');
    return await logsRun(list, flags, io, early);
  } finally {
    await early?.close();
  }
}

/**
 * Where a command's results go: the report (stdout or --output), other output files, and the baseline
 * they are compared with. Apart from prepare.ts, so that a command that needs only these (a pre-commit
 * hook) does not load the check registries.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { BaselineError, readBaseline } from '../core/baseline.ts';
import type { RunResult } from '../core/result.ts';
import { renderLazily } from '../reporters/lazy.ts';
import { UsageError } from './errors.ts';
import { type CliIO, colorEnabled } from './io.ts';

export function shownPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return (rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel).split(sep).join('/');
}

/** Writes a report or another output file, creating its folder; a failure is a one-line usage error. */
export function writeOutputFile(abs: string, shown: string, text: string, what = 'the report'): void {
  try {
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? String(e));
    throw new UsageError(`${shown}: cannot write ${what} (${why})`);
  }
}

/**
 * The baseline of a run: `--baseline FILE` (relative to the working directory) or the config's
 * `baseline` (relative to the config file). A missing or broken file is a one-line usage error.
 */
export function baselineFromFlags(
  flag: string | undefined,
  fromConfig: string | undefined,
  configFile: string | undefined,
  io: CliIO,
): Set<string> | undefined {
  let abs: string;
  if (flag !== undefined) {
    if (flag === '') throw new UsageError('--baseline: give a file name');
    abs = resolve(io.cwd, flag);
  } else if (fromConfig) abs = resolve(configFile ? dirname(configFile) : io.cwd, fromConfig);
  else return undefined;
  try {
    return readBaseline(abs);
  } catch (e) {
    if (!(e instanceof BaselineError)) throw e;
    throw new UsageError(e.message.replace(abs, shownPath(abs, io.cwd)));
  }
}

/** Renders the run's report and writes it to `--output`, or to stdout (in colour on a terminal). */
export async function emitReport(
  format: string,
  result: RunResult,
  flags: { output?: string; color?: boolean; verbose?: boolean },
  io: CliIO,
  toFile: boolean,
): Promise<void> {
  const report = await renderLazily(format, result, {
    color: !toFile && colorEnabled(io, flags.color, io.stdoutIsTTY),
    verbose: flags.verbose,
    cwd: io.cwd,
  });
  if (toFile) writeOutputFile(resolve(io.cwd, flags.output as string), flags.output as string, report);
  else io.stdout(report);
}

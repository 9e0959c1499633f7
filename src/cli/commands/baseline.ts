import { existsSync } from 'node:fs';
import {
  type BaselineEntry,
  BaselineError,
  type BaselineFile,
  locationLabel,
  type RunResult,
  readBaselineFile,
  splitLocation,
  writeBaseline,
} from '../../core/index.ts';
import { UsageError } from '../errors.ts';
import { type CliIO, colorEnabled } from '../io.ts';
import { type CommonFlags, type Prepared, prepare } from '../prepare.ts';
import { colors, findingsPhrase } from '../terminal.ts';
import { nothingFound, printDiagnostics, runAudit } from './audit.ts';

export interface BaselineFlags extends CommonFlags {
  force?: boolean;
}

function requireBaseline(p: Prepared, command: string): NonNullable<Prepared['baseline']> {
  if (!p.baseline) {
    throw new UsageError(`baseline ${command}: --baseline <file> is required (or set "baseline" in rampart.config.yaml)`);
  }
  return p.baseline;
}

/** Audits without a baseline; returns undefined (after saying why) when nothing could be audited. */
async function auditAll(inputs: string[], p: Prepared, flags: BaselineFlags, io: CliIO): Promise<RunResult | undefined> {
  const result = await runAudit(inputs, p, flags, io, undefined);
  printDiagnostics(result, flags, io, colors(colorEnabled(io, flags.color, io.stderrIsTTY)));
  if (result.scanned.length === 0) {
    const errors = result.diagnostics.some((d) => d.level === 'error' && !d.ruleId);
    io.stderr(`rampart: ${errors ? 'nothing could be audited' : nothingFound(inputs, result)}; the baseline was not written\n`);
    return undefined;
  }
  return result;
}

function unreadable(result: RunResult, what: string): string {
  const n = new Set(result.diagnostics.filter((d) => d.level === 'error' && !d.ruleId).map((d) => d.file)).size;
  return n ? `; ${n} input${n === 1 ? '' : 's'} could not be read, so ${n === 1 ? 'its' : 'their'} findings ${what}` : '';
}

/** `rampart baseline create`: accept every current finding. Refuses to overwrite without --force. */
export async function baselineCreate(inputs: string[], flags: BaselineFlags, io: CliIO): Promise<number> {
  const p = await prepare(flags, io);
  const b = requireBaseline(p, 'create');
  if (existsSync(b.abs) && !flags.force) {
    throw new UsageError(`${b.shown}: baseline already exists; refresh it with \`rampart baseline update\`, or overwrite it with --force`);
  }
  const result = await auditAll(inputs, p, flags, io);
  if (!result) return 2;
  const file = writeBaseline(b.abs, result.findings);
  if (!flags.quiet) {
    const c = colors(colorEnabled(io, flags.color, io.stderrIsTTY));
    const defs = result.scanned.length;
    io.stderr(
      `rampart: baseline ${b.shown} created with ${file.findings.length === 0 ? 'no findings' : findingsPhrase(result, c)} from ${defs} definition${defs === 1 ? '' : 's'}${unreadable(result, 'are not in it')}\n` +
        `rampart: commit it, then run \`rampart audit ... --baseline ${b.shown}\` so only new findings count\n`,
    );
  }
  return 0;
}

/**
 * `rampart baseline update`: the baseline becomes the current findings. Fixed findings drop out and new
 * ones are added, but entries this run could not judge are kept: those of checks that did not run
 * (--rule, config), of files that could not be read, and of files outside the given inputs.
 */
export async function baselineUpdate(inputs: string[], flags: BaselineFlags, io: CliIO): Promise<number> {
  const p = await prepare(flags, io);
  const b = requireBaseline(p, 'update');
  let old: BaselineFile;
  try {
    old = readBaselineFile(b.abs);
  } catch (e) {
    if (!(e instanceof BaselineError)) throw e;
    const msg = e.message.replace(b.abs, b.shown);
    throw new UsageError(msg.includes('no such file') ? `${msg}; create it first with \`rampart baseline create\`` : msg);
  }
  const result = await auditAll(inputs, p, flags, io);
  if (!result) return 2;

  const ran = new Set(result.checks.map((c) => c.id));
  const failedFiles = new Set(result.diagnostics.filter((d) => d.level === 'error' && !d.ruleId).map((d) => d.file));
  const failedChecks = new Set(result.diagnostics.filter((d) => d.ruleId).map((d) => `${d.ruleId}\0${d.file}`));
  const seen = new Set<string>([...result.scanned, ...result.skipped.map((s) => s.file)]);
  for (const f of result.findings) seen.add(splitLocation(locationLabel(f.location)).file);
  const current = new Set(result.findings.map((f) => f.fingerprint));
  const before = new Set(old.findings.map((e) => e.fingerprint));

  const keep: BaselineEntry[] = [];
  let removed = 0;
  for (const e of old.findings) {
    if (current.has(e.fingerprint)) continue;
    const file = splitLocation(e.location).file;
    const unjudged = !ran.has(e.ruleId) || failedFiles.has(file) || failedChecks.has(`${e.ruleId}\0${file}`) || !seen.has(file);
    if (unjudged) keep.push(e);
    else removed++;
  }
  const added = [...current].filter((f) => !before.has(f)).length;
  const next = writeBaselinePreview(result, keep);
  const same = entriesKey(next) === entriesKey(old.findings);
  if (!same) writeBaseline(b.abs, result.findings, { keep, createdAt: old.createdAt });
  if (!flags.quiet) {
    const total = current.size + keep.length;
    const parts = [`${added} added`, `${removed} removed`, `${total} in total`];
    if (keep.length) parts.push(`${keep.length} kept for files or checks this run did not cover`);
    io.stderr(
      `rampart: baseline ${b.shown} ${same ? 'is up to date' : 'updated'}: ${parts.join(', ')}${unreadable(result, 'were left as they were')}\n`,
    );
  }
  return 0;
}

/** The entries writeBaseline would write, to leave the file untouched when nothing changed. */
function writeBaselinePreview(result: RunResult, keep: BaselineEntry[]): BaselineEntry[] {
  const byFp = new Map<string, BaselineEntry>();
  for (const f of result.findings) {
    if (!byFp.has(f.fingerprint))
      byFp.set(f.fingerprint, { fingerprint: f.fingerprint, ruleId: f.ruleId, location: locationLabel(f.location) });
  }
  for (const e of keep) if (!byFp.has(e.fingerprint)) byFp.set(e.fingerprint, e);
  return [...byFp.values()];
}

function entriesKey(entries: BaselineEntry[]): string {
  return entries
    .map((e) => `${e.fingerprint}\0${e.ruleId}\0${e.location}`)
    .sort()
    .join('\n');
}

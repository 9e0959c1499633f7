import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';

/**
 * Runs Microsoft's official SARIF validator (`sarif-multitool validate`, from the npm devDependency
 * @microsoft/sarif-multitool, a self-contained .NET program) and returns what it found.
 *
 * - The binary is called directly, not through `node_modules/.bin/sarif-multitool`: that wrapper passes its
 *   arguments through a shell, which splits `Sarif;Gh` at the semicolon.
 * - `DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1` lets it run without libicu (no Debian package needed).
 * - `--rule-kind Sarif;Gh` runs the SARIF spec rules and GitHub code scanning's ingestion rules.
 * - `--max-file-size-in-kb`: the validator silently skips files above 10 MB otherwise.
 * - The validator reports through its own SARIF log (`-o`): results with level `error` are errors; results
 *   without a level are warnings (the SARIF default).
 */
export interface ValidationReport {
  errors: string[];
  warnings: string[];
  notes: string[];
  exitCode: number | null;
  stdout: string;
}

export function multitoolPath(): string {
  const require = createRequire(import.meta.url);
  return require('@microsoft/sarif-multitool') as string;
}

export function validateSarif(sarif: string, ruleKinds = 'Sarif;Gh'): ValidationReport {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-sarif-'));
  try {
    const input = join(dir, 'input.sarif');
    const output = join(dir, 'validation.sarif');
    writeFileSync(input, sarif);
    const run = spawnSync(
      multitoolPath(),
      ['validate', input, '--rule-kind', ruleKinds, '--output', output, '--log', 'ForceOverwrite', '--max-file-size-in-kb', '1048576'],
      {
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    if (run.error) throw run.error;
    let log: Sarif.Log;
    try {
      log = JSON.parse(readFileSync(output, 'utf8')) as Sarif.Log;
    } catch (e) {
      throw new Error(`the validator wrote no log (exit ${run.status}): ${run.stdout}\n${run.stderr}\n${String(e)}`);
    }
    const report: ValidationReport = { errors: [], warnings: [], notes: [], exitCode: run.status, stdout: run.stdout };
    for (const r of log.runs[0]?.results ?? []) {
      const line = `${r.ruleId}: ${r.message.text ?? r.message.id} ${JSON.stringify(r.message.arguments ?? [])}`;
      const level = r.level ?? 'warning';
      if (level === 'error') report.errors.push(line);
      else if (level === 'warning') report.warnings.push(line);
      else report.notes.push(line);
    }
    const inv = log.runs[0]?.invocations?.[0];
    for (const n of [...(inv?.toolExecutionNotifications ?? []), ...(inv?.toolConfigurationNotifications ?? [])]) {
      if (n.level === 'error') report.errors.push(`validator: ${n.message.text}`);
    }
    if (log.runs[0]?.invocations?.[0]?.executionSuccessful === false) report.errors.push('validator: execution failed');
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

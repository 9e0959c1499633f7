import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../../core/index.ts';
import { inventory } from './engine.ts';
import type { InventoryCheck, InventoryResult } from './types.ts';

/** The traffic kind of a fixture by its name: `.har`, `.otlp.json`, anything else an access log. */
export function trafficKind(file: string): 'har' | 'otlp' | 'accessLog' {
  if (file.endsWith('.har')) return 'har';
  if (file.endsWith('.otlp.json') || file.endsWith('.otlp.jsonl')) return 'otlp';
  return 'accessLog';
}

/**
 * Runs one inventory check over a traffic fixture next to the check (`import.meta.url` of the test),
 * compared with `fixtures/openapi.yaml` (or `fixtures/<name>.openapi.yaml` when it exists).
 */
export async function runInventoryCheck(
  check: InventoryCheck,
  testUrl: string,
  fixture: string,
  opts: { openapi?: string; hints?: string[]; options?: Record<string, unknown> } = {},
): Promise<Finding[]> {
  return (await runInventoryFixture(check, testUrl, fixture, opts)).findings;
}

export async function runInventoryFixture(
  check: InventoryCheck,
  testUrl: string,
  fixture: string,
  opts: { openapi?: string; hints?: string[]; options?: Record<string, unknown> } = {},
): Promise<InventoryResult> {
  const dir = dirname(fileURLToPath(testUrl));
  const fx = join(dir, 'fixtures');
  const own = join(fx, `${fixture.replace(/\.[^.]+$/, '').replace(/\.otlp$/, '')}.openapi.yaml`);
  const openapi = opts.openapi ? join(fx, opts.openapi) : existsSync(own) ? own : join(fx, 'openapi.yaml');
  const kind = trafficKind(fixture);
  const result = await inventory({
    [kind]: [join(fx, fixture)],
    openapi: [openapi],
    hints: opts.hints,
    cwd: dir,
    checks: [check],
    config: opts.options ? { rules: { [check.id]: { options: opts.options } } } : undefined,
  });
  const errors = result.diagnostics.filter((d) => d.level === 'error');
  if (errors.length) throw new Error(`fixture ${fixture}: ${errors.map((d) => `${d.file ?? ''}:${d.line ?? ''} ${d.message}`).join('; ')}`);
  return result;
}

/** Compact, sorted view for exact assertions: `METHOD /template`. */
export function httpPositions(findings: Finding[]): string[] {
  return findings.map((f) => (f.location.kind === 'http' ? `${f.location.method} ${f.location.path}` : '')).sort();
}

/** The finding at `METHOD /template`. */
export function findingAt(findings: Finding[], position: string): Finding {
  const f = findings.find((x) => x.location.kind === 'http' && `${x.location.method} ${x.location.path}` === position);
  if (!f) throw new Error(`no finding at ${position} (have: ${httpPositions(findings).join(', ')})`);
  return f;
}

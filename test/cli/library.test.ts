/** The public API, as `import ... from 'rampart'` sees it (package.json "exports" maps it to the compiled src/index.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as rampart from '../../src/index.ts';
import { FIXTURES, REPO, tempDir } from './helpers.ts';

describe('public library API', () => {
  it('package.json exports "." as the compiled src/index.ts', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(pkg.bin.rampart).toBe('bin/rampart.js');
  });

  it('exports the functions the CLI is made of', () => {
    const fns = {
      audit: rampart.audit,
      render: rampart.render,
      exitCodeFor: rampart.exitCodeFor,
      loadConfig: rampart.loadConfig,
      readBaseline: rampart.readBaseline,
      readBaselineFile: rampart.readBaselineFile,
      writeBaseline: rampart.writeBaseline,
      sortFindings: rampart.sortFindings,
      defineDesignCheck: rampart.defineDesignCheck,
    };
    for (const [name, fn] of Object.entries(fns)) expect(typeof fn, name).toBe('function');
    expect(rampart.EXIT).toEqual({ ok: 0, findings: 1, usage: 2, internal: 3 });
    expect(Object.keys(rampart.REPORTERS)).toContain('json');
  });

  it('audits, renders, applies a baseline and computes the exit code', async () => {
    const { config } = rampart.loadConfig('config/fail-on-medium.yaml', FIXTURES);
    const result: rampart.RunResult = await rampart.audit(['api/basic-auth.yaml', 'api/clean.yaml'], { cwd: FIXTURES, config });
    expect(result.scanned).toEqual(['api/basic-auth.yaml', 'api/clean.yaml']);
    const basic: rampart.Finding | undefined = result.findings.find((f) => f.ruleId === 'http-basic-auth');
    expect(basic?.location).toMatchObject({ file: 'api/basic-auth.yaml', startLine: 18, startColumn: 5 });
    expect(rampart.exitCodeFor(result, config.failOn ?? 'high')).toBe(1);
    expect(rampart.exitCodeFor(result, 'none')).toBe(0);
    expect(JSON.parse(rampart.render('json', result)).findings.length).toBe(result.findings.length);

    const dir = tempDir();
    const path = join(dir, 'baseline.json');
    rampart.writeBaseline(path, result.findings);
    const again = await rampart.audit(['api/basic-auth.yaml', 'api/clean.yaml'], {
      cwd: FIXTURES,
      config,
      baseline: rampart.readBaseline(path),
    });
    expect(again.findings).toEqual([]);
    expect(again.suppressed.baseline).toBe(result.findings.length);
    expect(rampart.exitCodeFor(again, 'info')).toBe(0);
  });

  it('builds the endpoint inventory of captured traffic and runs the run-time checks', async () => {
    expect(rampart.runtimeCheckIds()).toContain('shadow-endpoint');
    expect(await rampart.inventoryCheckIds()).toEqual(rampart.runtimeCheckIds());
    expect(typeof rampart.defineInventoryCheck).toBe('function');
    const fx = 'src/checks/runtime/shadow-endpoint/fixtures';
    const result: rampart.InventoryResult = await rampart.inventory({
      accessLog: [`${fx}/unsafe.log`],
      openapi: [`${fx}/openapi.yaml`],
      cwd: REPO,
      rules: ['shadow-endpoint'],
    });
    expect(result.command).toBe('inventory');
    const debug: rampart.InventoryEndpoint | undefined = result.inventory.find((e) => e.path === '/v2/admin/debug');
    expect(debug).toMatchObject({ method: 'GET', count: 1, inScope: true });
    expect(debug?.documented).toBeUndefined();
    expect(result.findings.map((f) => f.ruleId)).toContain('shadow-endpoint');
    expect(JSON.parse(rampart.render('json', result)).findings.length).toBe(result.findings.length);
  });

  it('never throws on bad input: problems are diagnostics', async () => {
    const result = await rampart.audit(['mixed/malformed.yaml', 'nope.yaml'], { cwd: FIXTURES, rules: ['http-basic-auth'] });
    expect(result.scanned).toEqual([]);
    expect(result.diagnostics.map(rampart.formatDiagnostic)).toEqual([
      'nope.yaml: error: no such file, directory or glob match: nope.yaml',
      'mixed/malformed.yaml:9:1: error: invalid YAML: deficient indentation',
    ]);
    expect(rampart.exitCodeFor(result, 'high')).toBe(2);
  });
});

/**
 * The published package: compiled to dist/, installed under node_modules (where Node will not strip
 * types), it must run the CLI and the library exactly like the sources do.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { designCheckIds } from '../src/checks/design/registry.ts';
import { protocolChecks } from '../src/engines/protocols/index.ts';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
let project: string;
let installed: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'rampart-pkg-'));
  installed = join(project, 'node_modules', 'rampart');
  mkdirSync(installed, { recursive: true });
  const tsc = spawnSync(
    process.execPath,
    [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(REPO, 'tsconfig.build.json'), '--outDir', join(installed, 'dist')],
    {
      encoding: 'utf8',
    },
  );
  expect(tsc.stdout + tsc.stderr).toBe('');
  for (const f of pkg.files as string[]) if (f !== 'dist') cpSync(join(REPO, f), join(installed, f), { recursive: true });
  writeFileSync(join(installed, 'package.json'), JSON.stringify(pkg));
  for (const dep of Object.keys(pkg.dependencies)) {
    // Scoped packages (@grpc/grpc-js) need their scope folder first.
    mkdirSync(dirname(join(project, 'node_modules', dep)), { recursive: true });
    symlinkSync(join(REPO, 'node_modules', dep), join(project, 'node_modules', dep));
  }
  cpSync(join(REPO, 'examples'), join(project, 'examples'), { recursive: true });
}, 120_000);

describe('published package', () => {
  it('ships no sources, only bin/, dist/ and the plain git hook', () => {
    expect(pkg.files).toEqual(['bin', 'dist', 'scripts/pre-commit', 'README.md']);
  });

  it('runs `rampart audit` from node_modules with the same findings as the sources', () => {
    const run = (bin: string, cwd: string) =>
      spawnSync(process.execPath, [bin, 'audit', 'examples/vulnerable-api', '--format', 'json', '--fail-on', 'high'], {
        cwd,
        encoding: 'utf8',
      });
    const fromPackage = run(join(installed, 'bin/rampart.js'), project);
    const fromSource = run(join(REPO, 'bin/rampart.js'), REPO);
    expect(fromPackage.status).toBe(1);
    const fingerprints = (out: string) => (JSON.parse(out).findings as { fingerprint: string }[]).map((f) => f.fingerprint).sort();
    expect(fingerprints(fromPackage.stdout)).toEqual(fingerprints(fromSource.stdout));
    expect(fingerprints(fromPackage.stdout).length).toBeGreaterThan(50);
  });

  it('lists its checks and imports as a library', async () => {
    const rules = spawnSync(process.execPath, [join(installed, 'bin/rampart.js'), 'rules', '--format', 'json'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(rules.status).toBe(0);
    const listed = JSON.parse(rules.stdout) as { stage: string }[];
    // OpenAPI design checks plus those of the other definition languages (GraphQL...).
    expect(listed.filter((r) => r.stage === 'design').length).toBe(designCheckIds().length + (await protocolChecks('design')).length);
    // The secret rules load from the compiled registry too.
    expect(listed.filter((r) => r.stage === 'secrets').length).toBeGreaterThan(100);
    const lib = await import(join(installed, 'dist/index.js'));
    const result = await lib.audit(['examples/hardened-api'], { cwd: project });
    expect(result.scanned).toEqual(['examples/hardened-api/openapi.yaml']);
    expect(lib.render('sarif', result)).toContain('"version": "2.1.0"');
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../src/checks/design/http-basic-auth/index.ts';
import { audit } from '../../src/engines/design/engine.ts';

const basic = `openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    b: { type: http, scheme: basic }
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-opts-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'api', 'vendor'), { recursive: true });
  writeFileSync(join(dir, 'api', 'openapi.yaml'), basic);
  writeFileSync(join(dir, 'api', 'vendor', 'third-party.yaml'), basic);
  return dir;
}

describe('audit() options', () => {
  it('applies exclude globs written relative to the working directory', async () => {
    const dir = project();
    const all = await audit(['.'], { cwd: dir, checks: [check] });
    expect(all.scanned).toEqual(['api/openapi.yaml', 'api/vendor/third-party.yaml']);
    const some = await audit(['.'], { cwd: dir, checks: [check], config: { exclude: ['api/vendor/**'] } });
    expect(some.scanned).toEqual(['api/openapi.yaml']);
  });

  it('gives the same fingerprints from the repository root and from a sub-directory', async () => {
    const dir = project();
    const fromRoot = await audit(['api/openapi.yaml'], { cwd: dir, checks: [check] });
    const fromSub = await audit(['openapi.yaml'], { cwd: join(dir, 'api'), checks: [check] });
    expect(fromRoot.findings).toHaveLength(1);
    expect(fromSub.findings.map((f) => f.fingerprint)).toEqual(fromRoot.findings.map((f) => f.fingerprint));
    // Display paths stay relative to where the user ran the command.
    expect(fromSub.findings[0].location).toMatchObject({ file: 'openapi.yaml' });
  });

  it('does not list $ref targets of an audited definition as skipped', async () => {
    const dir = project();
    writeFileSync(join(dir, 'api', 'openapi.yaml'), `${basic}    c: { $ref: './parts.yaml#/Scheme' }\n`);
    writeFileSync(join(dir, 'api', 'parts.yaml'), 'Scheme: { type: http, scheme: basic }\n');
    const r = await audit(['api'], { cwd: dir, checks: [check], config: { exclude: ['api/vendor/**'] } });
    expect(r.skipped).toEqual([]);
    expect(r.findings.map((f) => f.location.kind === 'file' && `${f.location.file}:${f.location.startLine}`)).toEqual([
      'api/openapi.yaml:6',
      'api/parts.yaml:1',
    ]);
  });
});

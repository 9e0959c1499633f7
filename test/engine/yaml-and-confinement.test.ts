import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import basic from '../../src/checks/design/http-basic-auth/index.ts';
import { audit } from '../../src/engines/design/engine.ts';
import { formatSize } from '../../src/formats/structured.ts';

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rampart-yaml-'));
  mkdirSync(join(d, '.git'));
  return d;
}

describe('YAML features and $ref confinement', () => {
  it('resolves merge keys and reports merged nodes at the nearest place in the text', async () => {
    const d = dir();
    writeFileSync(
      join(d, 'openapi.yaml'),
      [
        'openapi: 3.0.3',
        "info: { title: t, version: '1' }",
        'paths: {}',
        'x-base: &base { type: http, scheme: basic }',
        'components:',
        '  securitySchemes:',
        '    merged:',
        '      <<: *base',
        '      description: inherits Basic from x-base',
        '',
      ].join('\n'),
    );
    const r = await audit(['openapi.yaml'], { cwd: d, checks: [basic] });
    expect(r.diagnostics).toEqual([]);
    expect(
      r.findings.map((f) => f.location.kind === 'file' && `${f.location.startLine}:${f.location.startColumn} ${f.location.pointer}`),
    ).toEqual(['7:5 /components/securitySchemes/merged']);
  });

  it('warns that only the first YAML document of a file is audited', async () => {
    const d = dir();
    writeFileSync(join(d, 'openapi.yaml'), "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths: {}\n---\nother: doc\n");
    const r = await audit(['openapi.yaml'], { cwd: d, checks: [basic] });
    expect(r.scanned).toEqual(['openapi.yaml']);
    expect(r.diagnostics).toEqual([
      { level: 'warning', message: 'only the first of 2 YAML documents in this file was audited', file: 'openapi.yaml' },
    ]);
  });

  it('does not follow $refs out of the repository that holds the definition', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'rampart-outside-'));
    writeFileSync(join(outside, 'secret.yaml'), 'Scheme: { type: http, scheme: basic }\n');
    const d = dir();
    writeFileSync(
      join(d, 'openapi.yaml'),
      `openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths: {}\ncomponents:\n  securitySchemes:\n    a: { $ref: '${join(outside, 'secret.yaml')}#/Scheme' }\n    b: { $ref: '../${outside.split('/').pop()}/secret.yaml#/Scheme' }\n`,
    );
    const r = await audit(['openapi.yaml'], { cwd: d, checks: [basic] });
    expect(r.findings).toEqual([]);
    expect(r.diagnostics.map((x) => `${x.level} ${x.line}:${x.column} ${x.message.replace(/"[^"]*"/, '"…"')}`)).toEqual([
      `warning 6:16 cannot resolve $ref "…": ../${outside.split('/').pop()}/secret.yaml: outside the project folder ${d}; not read`,
      `warning 7:16 cannot resolve $ref "…": ../${outside.split('/').pop()}/secret.yaml: outside the project folder ${d}; not read`,
    ]);
  });

  it('writes sizes in units people read', () => {
    expect(formatSize(50 * 1024 * 1024)).toBe('50.0 MB');
    expect(formatSize(2048)).toBe('2 KB');
    expect(formatSize(100)).toBe('100 B');
  });
});

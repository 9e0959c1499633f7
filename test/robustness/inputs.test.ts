// Odd inputs: malformed YAML/JSON, files that are not OpenAPI, binary, empty, scalar, list, too big.
// Every one must become a one-line diagnostic (or a quiet skip when found by walking a folder) and never
// stop the other files from being audited.

import { closeSync, openSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/core/index.ts';
import { allChecks, auditWith, errors, fileLocation, OAS3_WITH_BASIC, type TempDir, tempDir } from './helpers.ts';

let t: TempDir;
beforeAll(async () => {
  t = tempDir();
  await allChecks();
});
afterAll(() => t.cleanup());

const MALFORMED_YAML = `openapi: 3.0.3
info:
  title: Broken
  version: '1'
paths:
  /a:
    get: {}
   bad: indentation
`;

const DUPLICATE_KEY_YAML = `openapi: 3.0.3
info:
  title: x
  title: y
paths: {}
`;

const MALFORMED_JSON = '{\n  "openapi": "3.0.3",\n  "info": {"title": "x", "version": "1"},\n  "paths": {,}\n}\n';

describe('malformed YAML and JSON', () => {
  it('reports malformed YAML with file and line:col, and audits nothing', async () => {
    t.write('yaml/bad.yaml', MALFORMED_YAML);
    const r = await auditWith(t.dir, ['yaml/bad.yaml']);
    expect(r.scanned).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.diagnostics).toEqual([
      { level: 'error', message: 'invalid YAML: bad indentation of a mapping entry', file: 'yaml/bad.yaml', line: 8, column: 4 },
    ]);
    // Nothing could be audited: the CLI exits 2 (input error), whatever --fail-on says.
    expect(exitCodeFor(r, 'none')).toBe(2);
  });

  it('reports a duplicated mapping key at the second key', async () => {
    t.write('yaml/dup.yaml', DUPLICATE_KEY_YAML);
    const r = await auditWith(t.dir, ['yaml/dup.yaml']);
    expect(r.diagnostics).toEqual([
      { level: 'error', message: 'invalid YAML: duplicated mapping key', file: 'yaml/dup.yaml', line: 4, column: 3 },
    ]);
  });

  it('reports tabs used for indentation', async () => {
    t.write('yaml/tab.yaml', 'openapi: 3.0.3\ninfo:\n\ttitle: x\npaths: {}\n');
    const r = await auditWith(t.dir, ['yaml/tab.yaml']);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ level: 'error', file: 'yaml/tab.yaml', line: 3, column: 1 });
    expect(r.diagnostics[0].message).toMatch(/^invalid YAML: .*tab/);
  });

  it('reports malformed JSON with file and line:col', async () => {
    t.write('json/bad.json', MALFORMED_JSON);
    const r = await auditWith(t.dir, ['json/bad.json']);
    expect(r.scanned).toEqual([]);
    expect(r.diagnostics).toEqual([{ level: 'error', message: 'invalid JSON: ValueExpected', file: 'json/bad.json', line: 4, column: 13 }]);
    expect(exitCodeFor(r, 'none')).toBe(2);
  });

  it('reports truncated JSON at its end', async () => {
    const text = '{\n  "openapi": "3.0.3",\n  "info": {"title": "x"';
    t.write('json/truncated.json', text);
    const r = await auditWith(t.dir, ['json/truncated.json']);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ level: 'error', file: 'json/truncated.json', line: 3 });
    expect(r.diagnostics[0].message).toMatch(/^invalid JSON: /);
  });

  it('still audits the good files next to broken ones (explicit and in a folder)', async () => {
    t.write('mixed/a-bad.yaml', MALFORMED_YAML);
    t.write('mixed/b-bad.json', MALFORMED_JSON);
    t.write('mixed/c-good.yaml', OAS3_WITH_BASIC);
    for (const inputs of [['mixed'], ['mixed/a-bad.yaml', 'mixed/b-bad.json', 'mixed/c-good.yaml']]) {
      const r = await auditWith(t.dir, inputs);
      expect(r.scanned).toEqual(['mixed/c-good.yaml']);
      expect(errors(r).map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(['mixed/a-bad.yaml:8:4', 'mixed/b-bad.json:4:13']);
      const basic = r.findings.filter((f) => f.ruleId === 'http-basic-auth');
      expect(basic.map((f) => `${fileLocation(f).file}:${fileLocation(f).startLine}:${fileLocation(f).startColumn}`)).toEqual([
        'mixed/c-good.yaml:8:5',
      ]);
      // Something was audited: the exit code follows the findings, not the broken inputs.
      expect(exitCodeFor(r, 'none')).toBe(0);
      expect(exitCodeFor(r, 'medium')).toBe(1);
    }
  });

  it('names a missing input without stopping the others', async () => {
    t.write('missing/good.yaml', OAS3_WITH_BASIC);
    const r = await auditWith(t.dir, ['missing/nope.yaml', 'missing/good.yaml']);
    expect(r.scanned).toEqual(['missing/good.yaml']);
    expect(r.diagnostics).toEqual([
      { level: 'error', message: 'no such file, directory or glob match: missing/nope.yaml', file: 'missing/nope.yaml' },
    ]);
  });
});

describe('files that are not OpenAPI definitions', () => {
  const NOT_OPENAPI = 'name: my-service\nreplicas: 3\nimage: nginx:1.27\n';

  it('reports a non-OpenAPI YAML file named on the command line as an error', async () => {
    t.write('notoas/k8s.yaml', NOT_OPENAPI);
    const r = await auditWith(t.dir, ['notoas/k8s.yaml']);
    expect(r.scanned).toEqual([]);
    expect(r.skipped).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ level: 'error', file: 'notoas/k8s.yaml' });
    expect(r.diagnostics[0].message).toMatch(/^not an OpenAPI definition/);
    expect(exitCodeFor(r, 'none')).toBe(2);
  });

  it('quietly skips non-OpenAPI files found in a folder and lists them in result.skipped', async () => {
    t.write('dir/k8s.yaml', NOT_OPENAPI);
    t.write('dir/package.json', '{"name": "x", "version": "1.0.0"}\n');
    t.write('dir/api.yaml', OAS3_WITH_BASIC);
    const r = await auditWith(t.dir, ['dir']);
    expect(r.scanned).toEqual(['dir/api.yaml']);
    expect(r.diagnostics).toEqual([]);
    expect(r.skipped.map((s) => s.file).sort()).toEqual(['dir/k8s.yaml', 'dir/package.json']);
    for (const s of r.skipped) expect(s.reason).toMatch(/^not an OpenAPI/);
  });

  it('treats a file with an unknown version the same way (explicit: error at 1:1; folder: skipped)', async () => {
    t.write('ver/old.yaml', "swagger: '1.2'\ninfo: {title: x}\n");
    const explicit = await auditWith(t.dir, ['ver/old.yaml']);
    expect(explicit.diagnostics).toHaveLength(1);
    expect(explicit.diagnostics[0]).toMatchObject({ level: 'error', file: 'ver/old.yaml', line: 1, column: 1 });
    expect(explicit.diagnostics[0].message).toMatch(/not an OpenAPI 2\.0 or 3\.x definition/);
    const walked = await auditWith(t.dir, ['ver']);
    expect(walked.diagnostics).toEqual([]);
    expect(walked.skipped.map((s) => s.file)).toEqual(['ver/old.yaml']);
  });

  it('reports a binary file named explicitly and skips one found in a folder', async () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) % 256;
    // Starts like a definition, so only the binary test can tell.
    bytes.set(new TextEncoder().encode('openapi: 3.0.3\n'), 0);
    t.write('bin/blob.yaml', bytes);
    const explicit = await auditWith(t.dir, ['bin/blob.yaml']);
    expect(explicit.diagnostics).toEqual([
      { level: 'error', message: 'binary file, not YAML or JSON', file: 'bin/blob.yaml', line: undefined, column: undefined },
    ]);
    expect(explicit.scanned).toEqual([]);
    const walked = await auditWith(t.dir, ['bin']);
    expect(walked.diagnostics).toEqual([]);
    expect(walked.skipped).toEqual([{ file: 'bin/blob.yaml', reason: 'binary file, not YAML or JSON' }]);
  });

  it('reports an empty file named explicitly, skips it in a folder', async () => {
    t.write('empty/empty.yaml', '');
    t.write('empty/blank.json', '\n   \n');
    const explicit = await auditWith(t.dir, ['empty/empty.yaml', 'empty/blank.json']);
    expect(explicit.scanned).toEqual([]);
    // In the order given on the command line.
    expect(errors(explicit).map((d) => d.file)).toEqual(['empty/empty.yaml', 'empty/blank.json']);
    for (const d of explicit.diagnostics) expect(d.message).toMatch(/^not an OpenAPI/);
    const walked = await auditWith(t.dir, ['empty']);
    expect(walked.diagnostics).toEqual([]);
    expect(walked.skipped.map((s) => s.file)).toEqual(['empty/blank.json', 'empty/empty.yaml']);
  });

  // These pass the cheap "has a top-level openapi field" text test, so they reach the parser.
  it.each([
    ['a YAML scalar', 'shape/scalar.yaml', "'openapi: 3.0.3'\n"],
    ['a YAML flow list', 'shape/list.yaml', '["openapi": "3.0.3"]\n'],
    ['a YAML block list', 'shape/block-list.yaml', '- openapi: 3.0.3\n"openapi": x\n'],
    ['a JSON list', 'shape/list.json', '[{"openapi": "3.0.3", "info": {}, "paths": {}}]\n'],
    ['a JSON string', 'shape/string.json', '"openapi: 3.0.3"\n'],
    ['a JSON null', 'shape/null.json', 'null\n'],
  ])('reports %s given explicitly and audits nothing', async (_what, name, text) => {
    t.write(name, text);
    const r = await auditWith(t.dir, [name]);
    expect(r.scanned).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d).toMatchObject({ level: 'error', file: name });
    expect(d.message).toMatch(/^(not an OpenAPI|invalid YAML)/);
    expect(exitCodeFor(r, 'none')).toBe(2);
  });

  it('skips scalar and list documents found in a folder without an error', async () => {
    const r = await auditWith(t.dir, ['shape/*.json']);
    expect(r.diagnostics).toEqual([]);
    expect(r.scanned).toEqual([]);
    expect(r.skipped.map((s) => s.file)).toEqual(['shape/list.json', 'shape/null.json', 'shape/string.json']);
  });
});

describe('a file above the size limit', () => {
  const SIZE = 50 * 1024 * 1024;

  it('refuses a 50 MB definition quickly, with a one-line diagnostic naming the limit', async () => {
    // A real 50 MB definition (paths repeated), generated here and never committed.
    const path = t.write('big/huge.yaml', '');
    const fd = openSync(path, 'w');
    writeSync(fd, 'openapi: 3.0.3\ninfo: {title: huge, version: "1"}\npaths:\n');
    const chunk = Array.from({ length: 2000 }, (_, i) => `  /p${i}:\n    get:\n      responses: {'200': {description: ok}}\n`).join('');
    let written = 0;
    for (let i = 0; written < SIZE; i++) written += writeSync(fd, chunk.replace(/\/p/g, `/c${i}p`));
    closeSync(fd);

    const started = performance.now();
    const r = await auditWith(t.dir, ['big/huge.yaml']);
    const ms = performance.now() - started;

    expect(r.scanned).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect(d.level).toBe('error');
    expect(d.file).toBe('big/huge.yaml');
    expect(d.message).not.toContain('\n');
    expect(d.message).toMatch(/^file is 50\.\d MB, above the 32\.0 MB limit \(raise it with --max-file-size\)$/);
    expect(exitCodeFor(r, 'none')).toBe(2);
    // The size is read from the file system before the file is: refusing it costs no parsing.
    expect(ms).toBeLessThan(500);
  });

  it('checks the size before reading: a sparse 50 MB file full of NUL bytes is refused for its size, not as binary', async () => {
    const path = t.write('big/sparse.json', '{"openapi": "3.0.3"}\n');
    const fd = openSync(path, 'r+');
    writeSync(fd, ' ', SIZE - 1);
    closeSync(fd);
    const r = await auditWith(t.dir, ['big/sparse.json']);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].message).toMatch(/above the 32\.0 MB limit/);
  });

  it('refuses big files found in a folder too, and audits the rest', async () => {
    t.write('big/small.yaml', OAS3_WITH_BASIC);
    const r = await auditWith(t.dir, ['big']);
    expect(r.scanned).toEqual(['big/small.yaml']);
    expect(errors(r).map((d) => d.file)).toEqual(['big/huge.yaml', 'big/sparse.json']);
  });

  it('honours a lower limit given in options', async () => {
    t.write('limit/api.yaml', OAS3_WITH_BASIC);
    const r = await auditWith(t.dir, ['limit/api.yaml'], [], { limits: { maxFileBytes: 100 } });
    expect(r.scanned).toEqual([]);
    expect(r.diagnostics[0].message).toMatch(/^file is \d+ B, above the 100 B limit/);
  });
});

describe('positions in unusual but valid text', () => {
  const basicAt = async (name: string, text: string) => {
    t.write(name, text);
    const r = await auditWith(t.dir, [name]);
    expect(errors(r)).toEqual([]);
    return r.findings
      .filter((f) => f.ruleId === 'http-basic-auth')
      .map((f) => `${fileLocation(f).startLine}:${fileLocation(f).startColumn}-${fileLocation(f).endLine}:${fileLocation(f).endColumn}`);
  };

  it('points at the JSON member whose value counts when a key is duplicated (the last one, as JSON.parse does)', async () => {
    const text =
      '{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {},\n"components": {"securitySchemes": {\n  "a": {"type": "http", "scheme": "bearer"},\n  "a": {"type": "http", "scheme": "basic"}\n}}}\n';
    expect(await basicAt('pos/dup.json', text)).toEqual(['4:3-4:6']);
  });

  it('counts columns the same with CRLF line ends', async () => {
    const text = OAS3_WITH_BASIC.replace(/\n/g, '\r\n');
    expect(await basicAt('pos/crlf.yaml', text)).toEqual(['8:5-8:14']);
  });

  it('ignores a UTF-8 byte order mark', async () => {
    expect(await basicAt('pos/bom.yaml', `\ufeff${OAS3_WITH_BASIC}`)).toEqual(['8:5-8:14']);
  });
});

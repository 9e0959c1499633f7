// $ref edge cases: unresolvable, circular (in one file and across files), and multi-file definitions
// whose findings sit inside a referenced file.

import { closeSync, openSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allChecks,
  auditWith,
  errors,
  fileLocation,
  propertyReporter,
  type TempDir,
  tempDir,
  testCheck,
  visitCounter,
  warnings,
} from './helpers.ts';

let t: TempDir;
beforeAll(async () => {
  t = tempDir();
  await allChecks();
});
afterAll(() => t.cleanup());

const at = (f: { location: unknown }) => {
  const l = fileLocation(f as Parameters<typeof fileLocation>[0]);
  return `${l.file}:${l.startLine}:${l.startColumn} ${l.pointer}`;
};

describe('unresolvable $ref', () => {
  const DOC = `openapi: 3.0.3
info: {title: x, version: '1'}
paths:
  /pets:
    get:
      parameters:
        - $ref: '#/components/parameters/Nope'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: './missing.yaml#/Pet'
components:
  securitySchemes:
    basicAuth: {type: http, scheme: basic}
    ghost:
      $ref: '#/components/securitySchemes/doesNotExist'
`;

  it('warns with the file and the position of each broken $ref, and audits the rest', async () => {
    t.write('unresolved/api.yaml', DOC);
    const { check, counts } = visitCounter();
    const r = await auditWith(t.dir, ['unresolved/api.yaml'], [check]);
    expect(r.scanned).toEqual(['unresolved/api.yaml']);
    expect(errors(r)).toEqual([]);
    const w = warnings(r)
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)
      .sort();
    expect(w).toEqual([
      'unresolved/api.yaml:14:23 cannot resolve $ref "./missing.yaml#/Pet": unresolved/missing.yaml: cannot read file (ENOENT)',
      'unresolved/api.yaml:19:13 cannot resolve $ref "#/components/securitySchemes/doesNotExist": nothing at that pointer',
      'unresolved/api.yaml:7:17 cannot resolve $ref "#/components/parameters/Nope": nothing at that pointer',
    ]);
    // The audit went on: the operation was visited and the Basic scheme next to the broken one reported.
    expect(counts.operation).toBe(1);
    expect(r.findings.filter((f) => f.ruleId === 'http-basic-auth').map(at)).toEqual([
      'unresolved/api.yaml:17:5 /components/securitySchemes/basicAuth',
    ]);
  });

  it('warns once per broken $ref even when many operations use it', async () => {
    const ops = Array.from(
      { length: 20 },
      (_, i) =>
        `  /p${i}:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Gone'}}}}\n`,
    ).join('');
    t.write('unresolved/many.yaml', `openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n${ops}`);
    const { check } = visitCounter();
    const r = await auditWith(t.dir, ['unresolved/many.yaml'], [check]);
    expect(r.scanned).toEqual(['unresolved/many.yaml']);
    // One warning per $ref site (20 sites), not one per visit of the same site.
    const w = warnings(r).filter((d) => d.message.includes('#/components/schemas/Gone'));
    expect(w).toHaveLength(20);
    expect(new Set(w.map((d) => d.line)).size).toBe(20);
  });

  it('never fetches a remote $ref, and says so', async () => {
    t.write(
      'unresolved/remote.yaml',
      `openapi: 3.0.3
info: {title: x, version: '1'}
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema:
              $ref: 'https://example.invalid/schemas.yaml#/User'
      responses: {'200': {description: ok}}
`,
    );
    const { check } = visitCounter();
    const r = await auditWith(t.dir, ['unresolved/remote.yaml'], [check]);
    expect(r.scanned).toEqual(['unresolved/remote.yaml']);
    const remote = warnings(r).filter((d) => d.message.startsWith('remote $ref'));
    expect(remote.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(['unresolved/remote.yaml:10:21']);
  });

  it('warns about a $ref to a file that is not YAML or JSON', async () => {
    const bytes = new Uint8Array([0x6f, 0x70, 0, 0, 1, 2, 3]);
    t.write('unresolved/blob.bin', bytes);
    t.write(
      'unresolved/to-binary.yaml',
      `openapi: 3.0.3
info: {title: x, version: '1'}
paths: {}
components:
  securitySchemes:
    s:
      $ref: './blob.bin'
`,
    );
    const r = await auditWith(t.dir, ['unresolved/to-binary.yaml']);
    expect(r.scanned).toEqual(['unresolved/to-binary.yaml']);
    expect(warnings(r).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'unresolved/to-binary.yaml:7:13 cannot resolve $ref "./blob.bin": unresolved/blob.bin: binary file, not YAML or JSON',
    ]);
  });
  it('refuses a $ref to a file above the size limit without reading it', async () => {
    const big = t.write('unresolved/huge.yaml', 'Basic: {type: http, scheme: basic}\n');
    const fd = openSync(big, 'r+');
    writeSync(fd, ' ', 50 * 1024 * 1024 - 1);
    closeSync(fd);
    t.write(
      'unresolved/to-huge.yaml',
      `openapi: 3.0.3
info: {title: x, version: '1'}
paths: {}
components:
  securitySchemes:
    s: {$ref: './huge.yaml#/Basic'}
`,
    );
    const started = performance.now();
    const r = await auditWith(t.dir, ['unresolved/to-huge.yaml']);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.scanned).toEqual(['unresolved/to-huge.yaml']);
    expect(warnings(r).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'unresolved/to-huge.yaml:6:15 cannot resolve $ref "./huge.yaml#/Basic": unresolved/huge.yaml: file is 50.0 MB, above the 32.0 MB limit (raise it with --max-file-size)',
    ]);
  });

  it('warns about a $ref with broken percent-encoding instead of failing the checks that follow it', async () => {
    t.write(
      'unresolved/encoding.yaml',
      `openapi: 3.0.3
info: {title: x, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '%E0%A4%A'}
components:
  securitySchemes:
    basicAuth: {type: http, scheme: basic}
`,
    );
    const { check, counts } = visitCounter();
    const r = await auditWith(t.dir, ['unresolved/encoding.yaml'], [check]);
    expect(r.scanned).toEqual(['unresolved/encoding.yaml']);
    expect(r.diagnostics.filter((d) => d.ruleId)).toEqual([]);
    expect(warnings(r).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'unresolved/encoding.yaml:11:30 cannot resolve $ref "%E0%A4%A": invalid percent-encoding',
    ]);
    expect(counts.operation).toBe(1);
    expect(r.findings.filter((f) => f.ruleId === 'http-basic-auth').map(at)).toEqual([
      'unresolved/encoding.yaml:14:5 /components/securitySchemes/basicAuth',
    ]);
  });
});

describe('circular $refs', () => {
  const CYCLES = `openapi: 3.0.3
info: {title: x, version: '1'}
paths:
  /nodes:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Node'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Loop'}
components:
  securitySchemes:
    basicAuth: {type: http, scheme: basic}
  schemas:
    Node:
      type: object
      properties:
        password: {type: string}
        next: {$ref: '#/components/schemas/Node'}
        children:
          type: array
          items: {$ref: '#/components/schemas/Tree'}
    Tree:
      type: object
      properties:
        parent: {$ref: '#/components/schemas/Node'}
        self: {$ref: '#/components/schemas/Tree'}
    Loop:
      $ref: '#/components/schemas/Loop2'
    Loop2:
      $ref: '#/components/schemas/Loop'
`;

  it('terminates on schema cycles and $ref-only loops, and still reports', async () => {
    t.write('cycles/api.yaml', CYCLES);
    const { check, counts } = visitCounter();
    const found: string[] = [];
    const pw = testCheck('test-password-property', () => ({
      schema(v) {
        if (v.propertyName === 'password') found.push(`${v.ref.doc.file}#${v.ref.pointer}`);
      },
    }));
    const started = performance.now();
    const r = await auditWith(t.dir, ['cycles/api.yaml'], [check, pw]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.scanned).toEqual(['cycles/api.yaml']);
    expect(errors(r)).toEqual([]);
    // Node, password, next (=Node, already seen), children, Tree, items... each schema once per direction.
    expect(counts.schema).toBeGreaterThan(0);
    expect(counts.schema).toBeLessThan(20);
    expect(found).toEqual(['cycles/api.yaml#/components/schemas/Node/properties/password']);
    // The $ref-only loop is named, at the place where the chain gave up.
    const loop = warnings(r).filter((d) => /cycle|hops/.test(d.message));
    expect(loop).toHaveLength(1);
    expect(loop[0].file).toBe('cycles/api.yaml');
    expect(loop[0].line).toBeGreaterThanOrEqual(33);
    expect(r.findings.filter((f) => f.ruleId === 'http-basic-auth').map(at)).toEqual([
      'cycles/api.yaml:18:5 /components/securitySchemes/basicAuth',
    ]);
  });

  it('terminates on a cycle across two files', async () => {
    t.write(
      'xcycle/root.yaml',
      `openapi: 3.0.3
info: {title: x, version: '1'}
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: './a.yaml#/A'}
      responses: {'204': {description: ok}}
components:
  securitySchemes:
    basicAuth: {$ref: './b.yaml#/Basic'}
`,
    );
    t.write('xcycle/a.yaml', "A:\n  type: object\n  properties:\n    b: {$ref: './b.yaml#/B'}\n");
    t.write(
      'xcycle/b.yaml',
      "B:\n  type: object\n  properties:\n    a: {$ref: './a.yaml#/A'}\n    ping: {$ref: './b.yaml#/Pong'}\nPong: {$ref: './a.yaml#/Ping'}\nBasic: {type: http, scheme: basic}\n",
    );
    const { check, counts } = visitCounter();
    const r = await auditWith(t.dir, ['xcycle/root.yaml'], [check]);
    expect(r.scanned).toEqual(['xcycle/root.yaml']);
    expect(errors(r)).toEqual([]);
    expect(counts.schema).toBe(2);
    expect(warnings(r).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'xcycle/b.yaml:6:14 cannot resolve $ref "./a.yaml#/Ping": nothing at that pointer',
    ]);
    expect(r.findings.filter((f) => f.ruleId === 'http-basic-auth').map(at)).toEqual(['xcycle/b.yaml:7:1 /Basic']);
  });
});

describe('multi-file definitions', () => {
  it('places findings inside the referenced file, at the right line', async () => {
    t.write(
      'multi/openapi.yaml',
      `openapi: 3.0.3
info: {title: Multi, version: '1'}
paths:
  /users:
    $ref: './paths/users.yaml'
components:
  securitySchemes:
    bearer: {$ref: './components/security.yaml#/bearer'}
    legacy: {$ref: './components/security.yaml#/legacy'}
`,
    );
    t.write(
      'multi/paths/users.yaml',
      `post:
  summary: Create a user
  requestBody:
    content:
      application/json:
        schema:
          $ref: '../components/schemas.yaml#/User'
  responses:
    '201':
      description: created
`,
    );
    t.write(
      'multi/components/schemas.yaml',
      `User:
  type: object
  properties:
    name:
      type: string
    password:
      type: string
`,
    );
    t.write(
      'multi/components/security.yaml',
      `# Shared security schemes
bearer:
  type: http
  scheme: bearer
legacy:
  type: http
  scheme: basic
`,
    );
    const check = propertyReporter('password');
    const { check: counter, counts } = visitCounter();
    const r = await auditWith(t.dir, ['multi/openapi.yaml'], [check, counter]);
    expect(r.scanned).toEqual(['multi/openapi.yaml']);
    expect(r.diagnostics).toEqual([]);
    expect(counts.operation).toBe(1);
    expect(r.findings.filter((f) => f.ruleId === 'test-property-reporter').map(at)).toEqual([
      'multi/components/schemas.yaml:6:5 /User/properties/password',
    ]);
    expect(r.findings.filter((f) => f.ruleId === 'http-basic-auth').map(at)).toEqual(['multi/components/security.yaml:5:1 /legacy']);
    for (const f of r.findings) expect(fileLocation(f).startLine).toBeGreaterThanOrEqual(1);
  });

  it('decodes percent-encoded file names in $refs', async () => {
    t.write(
      'encoded/openapi.yaml',
      `openapi: 3.0.3
info: {title: x, version: '1'}
paths: {}
components:
  securitySchemes:
    basicAuth: {$ref: './shared%20schemes/auth.yaml#/basic'}
`,
    );
    t.write('encoded/shared schemes/auth.yaml', 'basic:\n  type: http\n  scheme: basic\n');
    const r = await auditWith(t.dir, ['encoded/openapi.yaml']);
    expect(r.diagnostics).toEqual([]);
    expect(r.findings.filter((f) => f.ruleId === 'http-basic-auth').map(at)).toEqual(['encoded/shared schemes/auth.yaml:1:1 /basic']);
  });
});

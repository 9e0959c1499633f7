// Hostile inputs built to exhaust time or memory: YAML alias bombs ("billion laughs"), in plain data and
// inside schemas, too many aliases, and nesting far deeper than any real definition.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allChecks,
  auditWith,
  errors,
  fileLocation,
  OAS3_WITH_BASIC,
  propertyReporter,
  type TempDir,
  tempDir,
  visitCounter,
} from './helpers.ts';

let t: TempDir;
beforeAll(async () => {
  t = tempDir();
  await allChecks();
});
afterAll(() => t.cleanup());

const HEADER = "openapi: 3.0.3\ninfo: {title: bomb, version: '1'}\n";

/** 9 levels of 9 aliases: 9^9 = 387 million "lol"s if anything expanded it. */
function billionLaughs(levels = 9): string {
  const lines = [`x-l0: &l0 [${Array(9).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++)
    lines.push(
      `x-l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n');
}

/** The same bomb made of schemas: each level has 9 properties that alias the level below. */
function schemaBomb(levels = 9): string {
  const lines = ['components:', '  schemas:', '    s0: &s0 {type: string, maxLength: 10}'];
  for (let i = 1; i <= levels; i++) {
    const props = Array.from({ length: 9 }, (_, k) => `p${k}: *s${i - 1}`).join(', ');
    lines.push(`    s${i}: &s${i} {type: object, properties: {${props}}}`);
  }
  return lines.join('\n');
}

async function bounded<T>(run: () => Promise<T>): Promise<{ value: T; ms: number; heapMB: number }> {
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started, heapMB: (process.memoryUsage().heapUsed - heap) / 1048576 };
}

describe('YAML alias bombs', () => {
  it('audits a billion-laughs document fast and in bounded memory', async () => {
    t.write('laughs/api.yaml', `${HEADER}paths: {}\n${billionLaughs()}\n`);
    const { check, counts } = visitCounter();
    const { value: r, ms, heapMB } = await bounded(() => auditWith(t.dir, ['laughs/api.yaml'], [check]));
    expect(r.scanned).toEqual(['laughs/api.yaml']);
    expect(errors(r)).toEqual([]);
    // Shared nodes are walked once: 9 strings plus the header's scalars, not 9^9.
    expect(counts.scalar).toBeLessThan(50);
    expect(ms).toBeLessThan(2000);
    expect(heapMB).toBeLessThan(200);
  });

  it('walks a schema alias bomb in linear time (each shared schema once)', async () => {
    // Anchors come before their aliases: components first.
    const text = `${HEADER}${schemaBomb()}
paths:
  /bomb:
    post:
      requestBody:
        content:
          application/json:
            schema: *s9
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: *s9
`;
    t.write('schemabomb/api.yaml', text);
    const { check, counts } = visitCounter();
    const { value: r, ms, heapMB } = await bounded(() => auditWith(t.dir, ['schemabomb/api.yaml'], [check]));
    expect(r.scanned).toEqual(['schemabomb/api.yaml']);
    expect(errors(r)).toEqual([]);
    // 10 distinct schemas, visited once per direction.
    expect(counts.schema).toBeLessThanOrEqual(20);
    expect(ms).toBeLessThan(3000);
    expect(heapMB).toBeLessThan(200);
  });

  it('reports where an aliased schema is defined, not one finding per alias', async () => {
    const text = `${HEADER}${schemaBomb(3)}
    Account:
      type: object
      properties:
        password: {type: string}
        a: *s3
paths:
  /accounts:
    post:
      requestBody:
        content:
          application/json:
            schema: &acc {$ref: '#/components/schemas/Account'}
      responses:
        '200': {description: ok, content: {application/json: {schema: *acc}}}
`;
    t.write('schemabomb/located.yaml', text);
    const r = await auditWith(t.dir, ['schemabomb/located.yaml'], [propertyReporter('password')]);
    expect(errors(r)).toEqual([]);
    const found = r.findings.filter((f) => f.ruleId === 'test-property-reporter').map((f) => fileLocation(f));
    expect(found.map((l) => `${l.startLine}:${l.startColumn} ${l.pointer}`)).toEqual([
      '12:9 /components/schemas/Account/properties/password',
    ]);
  });

  it('shares one operation object under many paths without blowing up', async () => {
    const paths = Array.from({ length: 2000 }, (_, i) => `  /p${i}: *item`).join('\n');
    const text = `${HEADER}x-item: &item
  get:
    parameters: [{name: id, in: query, schema: {type: string}}]
    responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {a: {type: string}}}}}}}
paths:
${paths}
`;
    t.write('shared-op/api.yaml', text);
    const { check, counts } = visitCounter();
    const { value: r, ms } = await bounded(() => auditWith(t.dir, ['shared-op/api.yaml'], [check]));
    expect(r.scanned).toEqual(['shared-op/api.yaml']);
    expect(errors(r)).toEqual([]);
    expect(counts.operation).toBe(2000);
    expect(ms).toBeLessThan(5000);
  });

  it('refuses a document with more aliases than the limit, with the position', async () => {
    t.write('aliases/api.yaml', `${HEADER}paths: {}\nx-a: &a 1\nx-b: [${Array(10_001).fill('*a').join(',')}]\n`);
    t.write('aliases/ok.yaml', OAS3_WITH_BASIC);
    const r = await auditWith(t.dir, ['aliases']);
    expect(r.scanned).toEqual(['aliases/ok.yaml']);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      level: 'error',
      file: 'aliases/api.yaml',
      message: 'invalid YAML: aliases exceeded maxAliases (10000)',
      line: 5,
    });
  });
});

describe('deep nesting', () => {
  const DEPTH = 100_000;

  it('refuses deeply nested YAML flow collections with the position, and audits the other files', async () => {
    t.write('deep/flow.yaml', `${HEADER}paths: {}\nx-deep: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`);
    t.write('deep/ok.yaml', OAS3_WITH_BASIC);
    const { value: r, ms } = await bounded(() => auditWith(t.dir, ['deep/flow.yaml', 'deep/ok.yaml']));
    expect(ms).toBeLessThan(2000);
    expect(r.scanned).toEqual(['deep/ok.yaml']);
    expect(r.diagnostics).toEqual([
      { level: 'error', message: 'invalid YAML: nesting exceeded maxDepth (256)', file: 'deep/flow.yaml', line: 4, column: 264 },
    ]);
  });

  it('refuses deeply nested YAML block mappings', async () => {
    const lines = [HEADER.trim(), 'paths: {}', 'x-deep:'];
    for (let i = 1; i < 1000; i++) lines.push(`${' '.repeat(i)}a:`);
    lines.push(`${' '.repeat(1000)}b: 1`);
    t.write('deep/block.yaml', `${lines.join('\n')}\n`);
    const r = await auditWith(t.dir, ['deep/block.yaml']);
    expect(r.scanned).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      level: 'error',
      file: 'deep/block.yaml',
      message: 'invalid YAML: nesting exceeded maxDepth (256)',
    });
    expect(r.diagnostics[0].line).toBeGreaterThan(256);
  });

  it('refuses deeply nested JSON like YAML, instead of failing inside the checks', async () => {
    const json = `{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {},
"components": {"securitySchemes": {"basicAuth": {"type": "http", "scheme": "basic"}}},
"x-deep": ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}
`;
    t.write('deep/deep.json', json);
    const { value: r, ms } = await bounded(() => auditWith(t.dir, ['deep/deep.json']));
    expect(ms).toBeLessThan(2000);
    // No check may be blamed for the input's shape.
    expect(r.diagnostics.filter((d) => d.ruleId)).toEqual([]);
    expect(r.scanned).toEqual([]);
    expect(r.diagnostics).toEqual([
      { level: 'error', message: 'invalid JSON: nesting exceeded maxDepth (256)', file: 'deep/deep.json', line: 3, column: 266 },
    ]);
  });

  it('audits JSON nested just under the limit, with exact positions', async () => {
    const depth = 200;
    const json = `{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {},
"components": {"securitySchemes": {"basicAuth": {"type": "http", "scheme": "basic"}}},
"x-deep": ${'['.repeat(depth)}${']'.repeat(depth)}}
`;
    t.write('deep/ok.json', json);
    const r = await auditWith(t.dir, ['deep/ok.json']);
    expect(errors(r)).toEqual([]);
    expect(r.scanned).toEqual(['deep/ok.json']);
    const basic = r.findings.filter((f) => f.ruleId === 'http-basic-auth').map((f) => fileLocation(f));
    expect(basic.map((l) => `${l.startLine}:${l.startColumn}`)).toEqual(['2:36']);
  });

  it('bounds the schema walk on legal but very deep schemas', async () => {
    // 200 nested object properties, all legal YAML (block style stays under the parser's limit at 2 levels per schema).
    let schema = '{type: string}';
    for (let i = 0; i < 120; i++) schema = `{type: object, properties: {p${i}: ${schema}}}`;
    const text = `${HEADER}paths:
  /deep:
    post:
      requestBody: {content: {application/json: {schema: ${schema}}}}
      responses: {'204': {description: ok}}
`;
    t.write('deep/schema.yaml', text);
    const { check, counts } = visitCounter();
    const { value: r, ms } = await bounded(() => auditWith(t.dir, ['deep/schema.yaml'], [check]));
    expect(ms).toBeLessThan(2000);
    expect(r.scanned).toEqual(['deep/schema.yaml']);
    expect(errors(r)).toEqual([]);
    expect(counts.schema).toBeGreaterThan(0);
    expect(counts.schema).toBeLessThanOrEqual(121);
  });
});

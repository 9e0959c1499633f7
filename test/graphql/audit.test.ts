/**
 * `rampart audit` on GraphQL schemas: every design check flags its unsafe fixture at exact positions
 * (SDL through graphql-js locations, introspection JSON through the JSON text) and none flags its safe
 * twin; a broken SDL file is one diagnostic with file:line:col, and the run goes on.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/index.ts';
import { audit } from '../../src/engines/design/engine.ts';

const checks = fileURLToPath(new URL('../../src/checks/graphql/', import.meta.url));

async function run(id: string, fixture: string): Promise<Finding[]> {
  const r = await audit([`${checks}${id}/fixtures/${fixture}`], { cwd: `${checks}${id}`, rules: [id] });
  expect(r.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  expect(r.scanned).toHaveLength(1);
  return r.findings;
}

const at = (f: Finding) =>
  f.location.kind === 'file'
    ? `${f.location.startLine}:${f.location.startColumn}-${f.location.endColumn} ${f.evidence?.snippet}${f.location.pointer ? ` ${f.location.pointer}` : ''} ${f.severity}`
    : '';

const CASES: [string, string, string[]][] = [
  ['graphql-sensitive-field', 'unsafe.graphql', ['8:3-15 User.passwordHash high', '9:3-9 User.apiKey medium', '10:3-6 User.ssn medium']],
  ['graphql-sensitive-field', 'unsafe.introspection.json', ['20:23-33 User.password /data/__schema/types/1/fields/1 high']],
  ['graphql-mutation-without-auth', 'unsafe.graphql', ['15:3-13 Mutation.deleteUser high', '20:3-10 Mutation.setRole high']],
  ['graphql-list-without-pagination', 'unsafe.graphql', ['2:3-8 Query.users medium', '4:3-9 Query.search medium', '9:3-9 User.orders low']],
  [
    'graphql-url-argument',
    'unsafe.graphql',
    ['4:11-14 Query.preview(url:) medium', '9:16-22 Mutation.importAvatar(source:) medium', '13:3-11 WebhookInput.callback medium'],
  ],
  [
    'graphql-raw-filter-argument',
    'unsafe.graphql',
    [
      '4:10-15 Query.orders(where:) medium',
      '5:9-15 Query.users(filter:) medium',
      '6:10-18 Query.report(rawQuery:) medium',
      '10:3-6 SearchInput.sql medium',
    ],
  ],
  [
    'graphql-debug-field',
    'unsafe.graphql',
    [
      '2:3-8 Query.debug medium',
      '3:3-17 Query._internalState medium',
      '4:3-12 Query.systemEnv medium',
      '9:3-17 Mutation.evalExpression medium',
      '14:3-12 User.debugInfo low',
    ],
  ],
];

describe('GraphQL design checks', () => {
  it.each(CASES)('%s flags %s at exact positions', async (id, fixture, expected) => {
    const findings = await run(id, fixture);
    expect(findings.map(at).sort()).toEqual([...expected].sort());
    for (const f of findings) {
      expect(f.ruleId).toBe(id);
      expect(f.message).not.toMatch(/\{\{/);
      expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it.each([
    ['graphql-sensitive-field', 'safe.graphql'],
    ['graphql-mutation-without-auth', 'safe.graphql'],
    ['graphql-mutation-without-auth', 'safe.no-directives.graphql'],
    ['graphql-list-without-pagination', 'safe.graphql'],
    ['graphql-url-argument', 'safe.graphql'],
    ['graphql-raw-filter-argument', 'safe.graphql'],
    ['graphql-debug-field', 'safe.graphql'],
  ])('%s does not flag %s', async (id, fixture) => {
    expect((await run(id, fixture)).map(at)).toEqual([]);
  });

  it('says what is wrong and how to fix it, naming the field', async () => {
    const [f] = await run('graphql-mutation-without-auth', 'unsafe.graphql');
    expect(f?.message).toBe(
      'Mutation.deleteUser has no auth directive although the schema guards other fields with @auth: unless its resolver checks the caller, anyone can call it. Add @auth (or the role it needs).',
    );
  });

  it('keeps fingerprints when unrelated lines move', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-gql-'));
    const sdl = 'type Query { me: User }\ntype User { id: ID! passwordHash: String }\n';
    writeFileSync(join(dir, 'a.graphql'), sdl);
    const before = await audit([join(dir, 'a.graphql')], { cwd: dir, rules: ['graphql-sensitive-field'] });
    writeFileSync(join(dir, 'a.graphql'), `# a comment\n\n${sdl}`);
    const after = await audit([join(dir, 'a.graphql')], { cwd: dir, rules: ['graphql-sensitive-field'] });
    expect(after.findings.map((f) => f.fingerprint)).toEqual(before.findings.map((f) => f.fingerprint));
    expect(after.findings[0]?.location).toMatchObject({ startLine: 4 });
  });

  it('reports invalid SDL as one diagnostic with file:line:col and audits the other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-gql-'));
    writeFileSync(join(dir, 'bad.graphql'), 'type Query {\n  me: User\n  broken(: String\n}\n');
    writeFileSync(join(dir, 'good.gql'), 'type Query { debug: String }\n');
    const r = await audit([dir], { cwd: dir });
    expect(r.diagnostics).toEqual([
      { level: 'error', message: 'invalid GraphQL SDL: Expected Name, found ":".', file: 'bad.graphql', line: 3, column: 10 },
    ]);
    expect(r.scanned).toEqual(['good.gql']);
    expect(r.findings.map((f) => f.ruleId)).toContain('graphql-debug-field');
  });

  it('reads introspection JSON in both shapes and rejects JSON that is neither OpenAPI nor introspection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-gql-'));
    const schema = {
      queryType: { name: 'Query' },
      types: [{ kind: 'OBJECT', name: 'Query', fields: [{ name: '_debug', args: [], type: { kind: 'SCALAR', name: 'String' } }] }],
    };
    writeFileSync(join(dir, 'bare.json'), JSON.stringify({ __schema: schema }, null, 2));
    writeFileSync(join(dir, 'broken.json'), '{ "__schema": { "types": 3 } }');
    const r = await audit([join(dir, 'bare.json'), join(dir, 'broken.json')], { cwd: dir });
    expect(r.findings.map((f) => `${f.ruleId} ${f.location.kind === 'file' ? f.location.pointer : ''}`)).toEqual([
      'graphql-debug-field /__schema/types/0/fields/0',
    ]);
    expect(r.diagnostics).toEqual([
      {
        level: 'error',
        message: 'not a GraphQL introspection result (no "__schema" with a "types" list)',
        file: 'broken.json',
        line: 1,
        column: 1,
      },
    ]);
  });
});

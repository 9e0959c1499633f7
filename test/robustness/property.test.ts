// Property-based robustness: real definitions (petstore, uspto, ...) mutated at random — keys deleted,
// values replaced with the wrong type, $refs to random places injected, nodes shared (YAML aliases, even
// cycles), deep nesting — and random documents built from OpenAPI words. Whatever the input, audit()
// must return a RunResult, in bounded time, with every finding at a real file position.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import * as jsyaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { RunResult } from '../../src/core/index.ts';
import { allChecks, auditWith, fileLocation, type TempDir, tempDir } from './helpers.ts';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'openapi');
const SEED_FILES = ['oai__petstore.yaml', 'oai__petstore.json', 'oai__uspto.yaml', 'oai__link-example.yaml', 'oai__webhook-example.yaml'];
/** Without the shared corpus, the bundled examples serve as seeds. */
const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

const NUM_RUNS = Number(process.env.ROBUSTNESS_RUNS ?? 200);
/** One audit of a petstore-sized document takes milliseconds; a second means something went quadratic. */
const MAX_AUDIT_MS = 3000;

type Json = unknown;
type Path = (string | number)[];

let t: TempDir;
let seeds: { name: string; value: Json }[];
let counter = 0;

beforeAll(async () => {
  t = tempDir('rampart-prop-');
  await allChecks();
  const sources = existsSync(CORPUS)
    ? SEED_FILES.map((f) => join(CORPUS, f)).filter(existsSync)
    : readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .map((f) => join(EXAMPLES, f));
  seeds = sources.map((p) => ({ name: p, value: jsyaml.load(readFileSync(p, 'utf8')) }));
  // A sibling file for external $refs to land in.
  t.write(
    'shared/other.yaml',
    'Pet:\n  type: object\n  properties:\n    id: {type: integer}\n    password: {type: string}\nBasic: {type: http, scheme: basic}\nLoop: {$ref: "#/Loop"}\n',
  );
});
afterAll(() => t.cleanup());

// ------------------------------------------------------------------------------------------ mutations

/** Every path into the value (shared nodes once), up to a cap. */
function pathsOf(root: Json, cap = 4000): Path[] {
  const out: Path[] = [[]];
  const seen = new Set<object>();
  const stack: { v: Json; p: Path }[] = [{ v: root, p: [] }];
  while (stack.length && out.length < cap) {
    const { v, p } = stack.pop() as { v: Json; p: Path };
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    const entries: [string | number, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [k, x] of entries) {
      out.push([...p, k]);
      stack.push({ v: x, p: [...p, k] });
    }
  }
  return out;
}

function getPath(root: Json, p: Path): Json {
  let v = root;
  for (const k of p) v = v !== null && typeof v === 'object' ? (v as Record<string | number, Json>)[k] : undefined;
  return v;
}

function setPath(root: Json, p: Path, value: Json, remove = false): Json {
  if (p.length === 0) return remove ? {} : value;
  const parent = getPath(root, p.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return root;
  const k = p[p.length - 1];
  if (remove) {
    if (Array.isArray(parent) && typeof k === 'number') parent.splice(k, 1);
    else delete (parent as Record<string | number, Json>)[k];
  } else (parent as Record<string | number, Json>)[k] = value;
  return root;
}

const pointerOf = (p: Path) => (p.length ? `#/${p.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}` : '#');

const wrongValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.string({ maxLength: 20 }),
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom('http://', 'https://user:pass@10.0.0.1/', '3.1.0', '2.0', '', '{id}', '$ref', '#/'),
  fc.jsonValue({ maxDepth: 3 }),
);

const refTarget = fc.oneof(
  fc.constantFrom(
    '#',
    '#/',
    '#/nope',
    '#/components/schemas/Missing',
    './shared/other.yaml#/Pet',
    './shared/other.yaml#/Basic',
    './shared/other.yaml#/Loop',
    './shared/other.yaml',
    './missing.yaml#/x',
    '../../../../../etc/hostname',
    'https://example.invalid/x.yaml#/A',
    '#/paths/~1pets',
    '#/paths/%7Bbad',
    '#/a~2b',
    '%E0%A4%A',
    'shared/other.yaml#/Pet/properties/password',
  ),
  fc.string({ maxLength: 20 }).map((s) => `#/${s}`),
);

const oddKey = fc.constantFrom(
  '$ref',
  '__proto__',
  'constructor',
  'x-rampart-ignore',
  'allOf',
  'properties',
  'items',
  'additionalProperties',
  'security',
  'servers',
  'securitySchemes',
  'parameters',
  'requestBody',
  'responses',
  'content',
  'schema',
  'callbacks',
  'webhooks',
  'get',
  'post',
  '',
);

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'ref'; at: number; target: string | number }
  | { kind: 'nest'; at: number; depth: number; array: boolean }
  | { kind: 'share'; at: number; from: number }
  | { kind: 'addKey'; at: number; key: string; value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: wrongValue }),
  // A $ref either to a random existing pointer (number) or to a hostile target (string).
  fc.record({ kind: fc.constant('ref' as const), at: fc.nat(), target: fc.oneof(fc.nat(), refTarget) }),
  fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 300 }), array: fc.boolean() }),
  // Makes two places hold the same object: YAML aliases, and cycles when `from` is an ancestor.
  fc.record({ kind: fc.constant('share' as const), at: fc.nat(), from: fc.nat() }),
  fc.record({ kind: fc.constant('addKey' as const), at: fc.nat(), key: oddKey, value: wrongValue }),
);

function mutate(doc: Json, m: Mutation): Json {
  const paths = pathsOf(doc);
  const at = paths[m.at % paths.length];
  switch (m.kind) {
    case 'delete':
      return setPath(doc, at, undefined, true);
    case 'replace':
      return setPath(doc, at, structuredClone(m.value));
    case 'ref': {
      const target = typeof m.target === 'number' ? pointerOf(paths[m.target % paths.length]) : m.target;
      return setPath(doc, at, { $ref: target });
    }
    case 'nest': {
      let v = getPath(doc, at);
      for (let i = 0; i < m.depth; i++) v = m.array ? [v] : { a: v };
      return setPath(doc, at, v);
    }
    case 'share':
      return setPath(doc, at, getPath(doc, paths[m.from % paths.length]));
    case 'addKey': {
      const node = getPath(doc, at);
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
        Object.defineProperty(node, m.key, { value: structuredClone(m.value), enumerable: true, writable: true, configurable: true });
      }
      return doc;
    }
  }
}

/** JSON when possible (no cycles), else YAML, which writes shared nodes as anchors and aliases. */
function serialize(value: Json, format: 'json' | 'yaml'): { text: string; ext: string } {
  if (format === 'json') {
    try {
      return { text: JSON.stringify(value, null, 1) ?? 'null', ext: 'json' };
    } catch {
      // cyclic: fall through to YAML
    }
  }
  return { text: new YAML.Document(value, { aliasDuplicateObjects: true }).toString({ lineWidth: 0 }), ext: 'yaml' };
}

// ----------------------------------------------------------------------------------------- properties

/** What must hold for any input: a well-formed result that accounts for the file, and real positions. */
function assertSound(r: RunResult, file: string): void {
  expect(Array.isArray(r.findings)).toBe(true);
  expect(Array.isArray(r.diagnostics)).toBe(true);
  expect(r.tool.name).toBe('rampart');
  expect(r.command).toBe('audit');
  // Named explicitly: either audited, or refused with an error naming it; never silently dropped.
  const refused = r.diagnostics.some((d) => d.level === 'error' && d.file === file && !d.ruleId);
  expect(r.scanned.includes(file) !== refused).toBe(true);
  expect(r.skipped).toEqual([]);
  for (const d of r.diagnostics) {
    expect(typeof d.message).toBe('string');
    expect(d.message).not.toContain('\n');
    if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
  }
  for (const f of r.findings) {
    const l = fileLocation(f);
    // The input itself or a file it references: a path that exists, relative to the working directory.
    expect(existsSync(resolve(t.dir, l.file))).toBe(true);
    expect(l.startLine).toBeGreaterThanOrEqual(1);
    expect(l.startColumn).toBeGreaterThanOrEqual(1);
    expect(l.endLine).toBeGreaterThanOrEqual(l.startLine);
    expect(typeof f.fingerprint).toBe('string');
  }
}

async function auditText(text: string, ext: string): Promise<{ r: RunResult; file: string; ms: number }> {
  const file = `case-${++counter}.${ext}`;
  t.write(file, text);
  const started = performance.now();
  const r = await auditWith(t.dir, [file]);
  return { r, file, ms: performance.now() - started };
}

// Documents as text, built lazily (the seeds are read in beforeAll).
const mutatedDoc = fc
  .tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.constantFrom('json' as const, 'yaml' as const))
  .map(([seedIndex, mutations, format]) => {
    let doc = structuredClone(seeds[seedIndex % seeds.length].value);
    for (const m of mutations) doc = mutate(doc, m);
    return serialize(doc, format);
  });

const WORDS = [
  'openapi',
  'swagger',
  'info',
  'paths',
  'components',
  'schemas',
  'securitySchemes',
  'security',
  'servers',
  'url',
  'parameters',
  'requestBody',
  'responses',
  'content',
  'application/json',
  'schema',
  'type',
  'properties',
  'items',
  'allOf',
  'oneOf',
  'anyOf',
  'additionalProperties',
  '$ref',
  'get',
  'post',
  'delete',
  'callbacks',
  'webhooks',
  'flows',
  'implicit',
  'tokenUrl',
  'scopes',
  'in',
  'name',
  'scheme',
  'basic',
  'readOnly',
  'writeOnly',
  '200',
  '/users/{id}',
  'x-rampart-ignore',
  'securityDefinitions',
  'definitions',
  'host',
  'schemes',
  'basePath',
];
const word = fc.oneof(
  fc.constantFrom(
    ...WORDS,
    'http://a',
    'https://b',
    'object',
    'string',
    'array',
    'integer',
    'query',
    'header',
    'oauth2',
    'http',
    'apiKey',
    '#/components/schemas/A',
  ),
  fc.integer({ min: -2, max: 500 }),
  fc.boolean(),
  fc.constant(null),
);
/** Random trees made of OpenAPI words, so they reach deep into the model and the checks. */
const randomDoc = fc
  .tuple(
    fc.object({ key: fc.constantFrom(...WORDS), values: [word], maxDepth: 6, maxKeys: 6 }),
    fc.constantFrom('3.0.3', '3.1.0', '2.0'),
    fc.constantFrom('json' as const, 'yaml' as const),
  )
  .map(([body, version, format]) => serialize({ ...body, [version === '2.0' ? 'swagger' : 'openapi']: version }, format));

async function sound({ text, ext }: { text: string; ext: string }): Promise<void> {
  const { r, file, ms } = await auditText(text, ext);
  assertSound(r, file);
  expect(ms).toBeLessThan(MAX_AUDIT_MS);
}

describe('audit() on hostile documents', () => {
  it('mutated real definitions: never throws, returns a sound RunResult, in bounded time', async () => {
    await fc.assert(fc.asyncProperty(mutatedDoc, sound), { numRuns: NUM_RUNS });
  });

  it('random documents of OpenAPI words: never throws, returns a sound RunResult, in bounded time', async () => {
    await fc.assert(fc.asyncProperty(randomDoc, sound), { numRuns: NUM_RUNS });
  });

  // The engine turns a throwing check into a diagnostic, but a check should not throw in the first place:
  // fast-check shrinks the input that makes one throw to a small example for whoever fixes it.
  it('no registered check throws on them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedDoc, randomDoc), async ({ text, ext }) => {
        const { r } = await auditText(text, ext);
        const failed = r.diagnostics.filter((d) => d.ruleId);
        if (failed.length) throw new Error(`${failed.map((d) => d.message).join('; ')}\n--- input (${ext}) ---\n${text}`);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

/**
 * Answers too big to read: a real graphql-js server whose deep introspection answer (about 2 MB) is
 * larger than the probe's 1 MiB response limit, its twin that keeps graphql-js's introspection depth
 * rule, and a server that answers every query with a huge flat type list (cut too, but not the deep query).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, execute, MaxIntrospectionDepthRule, parse, specifiedRules, validate } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { probeGraphql } from '../../../engines/graphql/probe.ts';

const id = 'graphql-circular-introspection';
// 16 fields back to the same type: every round of the probe's query multiplies the answer by 16.
const schema = buildSchema(`type Node { ${Array.from({ length: 16 }, (_, i) => `f${i}: Node`).join(' ')} } type Query { root: Node }`);

type Mode = 'no-depth-rule' | 'graphql-js-defaults' | 'flat-dump';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

async function start(mode: Mode): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', async () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (mode === 'flat-dump') {
        // The introspection result's first bytes, then a flat list far past the limit: nothing nested.
        res.end(`{"data":{"__schema":{"types":[${Array(60_000).fill('{"name":"Node","fields":null}').join(',')}]}}}`);
        return;
      }
      const document = parse((JSON.parse(body || '{}') as { query?: string }).query ?? '{__typename}');
      const rules = mode === 'graphql-js-defaults' ? specifiedRules : specifiedRules.filter((r) => r !== MaxIntrospectionDepthRule);
      const errors = validate(schema, document, rules);
      res.end(
        JSON.stringify(errors.length ? { errors: errors.map((e) => ({ message: e.message })) } : await execute({ schema, document })),
      );
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const probeIt = async (mode: Mode) => {
  const r = await probeGraphql({ target: await start(mode), config: {}, cwd: process.cwd(), rules: [id], identities: [], run: {} });
  expect(r.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  return r.findings.filter((f) => f.ruleId === id);
};

describe(id, () => {
  it('flags a deep introspection answer cut at the response limit, saying where it was cut', async () => {
    const [f, ...rest] = await probeIt('no-depth-rule');
    expect(rest).toEqual([]);
    expect(f?.location).toMatchObject({ kind: 'http', method: 'POST', path: '/graphql' });
    expect(f?.message).toBe(
      'An introspection query going 4 times around `__Type.fields → __Field.type` (11 levels) was answered with more than the probe reads: the answer was truncated at 1048576 bytes, its nested introspection data already that deep. Introspection types are recursive, so without a depth limit anyone can make the server build huge answers. Disable introspection or limit depth.',
    );
    expect(f?.evidence?.response).toMatch(/^HTTP\/1\.1 200 OK\n/);
    expect(f?.evidence?.response).toContain('{"data":{"__schema":{"types":[{"fields":[{"type":{"fields":[');
    expect(f?.evidence?.response).toMatch(/\n… \(body cut by the probe body limit at 1048576 bytes\)$/);
  });

  it("does not flag graphql-js's own introspection depth rule refusing the query", async () => {
    expect(await probeIt('graphql-js-defaults')).toEqual([]);
  });

  it('does not flag a huge answer that is not the deep query run (a flat type list)', async () => {
    expect(await probeIt('flat-dump')).toEqual([]);
  });
});

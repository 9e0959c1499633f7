/**
 * The Postman export replayed for real: `rampart probe` runs against the demo shop on 127.0.0.1, its
 * findings become a collection, and each request is sent again (variables filled in from fresh logins)
 * with its test script run as Postman would. On the vulnerable shop every test fails (the flaws are
 * there); on the hardened twin the same tests pass.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApi, type DemoApi } from '../../examples/demo-api/index.ts';
import { loadConfig } from '../../src/core/index.ts';
import { probe } from '../../src/engines/probe/engine.ts';
import { render } from '../../src/reporters/index.ts';
import { type PostmanCollection, postmanProblems, runTests, send } from './postman-helpers.ts';

const demo = fileURLToPath(new URL('../../examples/demo-api/', import.meta.url));
const PASSWORDS: Record<string, string> = { alice: 'alice-demo-password', bob: 'bob-demo-password', carol: 'carol-demo-password' };

let vulnerable: DemoApi;
let hardened: DemoApi;
let collection: PostmanCollection;

/** `{{baseUrl}}` and `{{<identity>_token}}` for one running shop, from real logins. */
async function variables(api: DemoApi): Promise<Record<string, string>> {
  const vars: Record<string, string> = { baseUrl: api.url };
  for (const [name, password] of Object.entries(PASSWORDS)) {
    const res = await fetch(`${api.url}/api/v2/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: name, password }),
    });
    vars[`${name}_token`] = ((await res.json()) as { access_token: string }).access_token;
  }
  return vars;
}

/** Every tested request replayed: `rule METHOD path: test passed|failed`. */
async function replay(api: DemoApi): Promise<string[]> {
  const vars = await variables(api);
  const out: string[] = [];
  for (const item of collection.item.filter((i) => i.event)) {
    for (const t of runTests(item, await send(item, vars))) out.push(`${item.name}: ${t.passed ? 'passed' : 'failed'}`);
  }
  return out;
}

beforeAll(async () => {
  vulnerable = await createDemoApi({ hardened: false });
  hardened = await createDemoApi({ hardened: true });
  const { config } = loadConfig(`${demo}rampart.yaml`, demo, { env: process.env });
  const result = await probe({ target: vulnerable.url, openapi: `${demo}openapi.yaml`, config, cwd: demo });
  collection = JSON.parse(render('postman', result)) as PostmanCollection;
}, 120_000);

afterAll(async () => {
  await vulnerable?.close();
  await hardened?.close();
});

describe('Postman export of the demo shop’s findings', () => {
  it('is a valid collection with one request per proven flaw and no credential in it', () => {
    expect(postmanProblems(collection)).toEqual([]);
    expect(collection.item.length).toBeGreaterThanOrEqual(30);
    const text = JSON.stringify(collection);
    for (const p of Object.values(PASSWORDS)) expect(text).not.toContain(p);
    expect(text).toContain('{{bob_token}}');
    expect(collection.variable.filter((v) => v.key !== 'baseUrl').every((v) => v.value === '')).toBe(true);
  });

  it('fails every test while the flaws are there', async () => {
    const results = await replay(vulnerable);
    expect(results.length).toBeGreaterThanOrEqual(10);
    expect(results.filter((r) => r.endsWith('passed'))).toEqual([]);
  }, 60_000);

  it('passes them on the hardened twin', async () => {
    const results = await replay(hardened);
    expect(results.filter((r) => r.endsWith('failed'))).toEqual([]);
  }, 60_000);
});

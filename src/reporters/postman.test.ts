import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTILE, hostileResult } from '../../test/reports/hostile.ts';
import { type PostmanCollection, postmanProblems, runTests } from '../../test/reports/postman-helpers.ts';
import type { Finding } from '../core/index.ts';
import { fingerprintOf } from '../core/index.ts';
import { loadPostmanFile } from '../engines/probe/inputs/postman.ts';
import { render } from './index.ts';
import { parseCurl } from './postman-curl.ts';
import { makeResult } from './testing.ts';

const ORIGIN = 'http://127.0.0.1:8080';

function live(
  ruleId: string,
  method: string,
  path: string,
  concrete: string,
  evidence: Finding['evidence'],
  extra: Partial<Finding> = {},
): Finding {
  const location = { kind: 'http' as const, method, path, url: `${ORIGIN}${concrete}` };
  return {
    ruleId,
    stage: 'probe',
    severity: 'high',
    confidence: 'high',
    title: `${ruleId} title`,
    message: `${ruleId} message`,
    owasp: ['API1:2023'],
    cwe: ['CWE-639'],
    location,
    evidence,
    remediation: `${ruleId} fix`,
    fingerprint: fingerprintOf(ruleId, location, concrete),
    ...extra,
  };
}

const BOB_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyIn0.c2lnbmF0dXJlLW9mLWJvYg';

/** Findings as probe writes them: masked credentials in the request text, shell variables in curl. */
const bola = live('bola', 'GET', '/orders/{id}', '/orders/4?expand=items', {
  request: `GET /orders/4?expand=items HTTP/1.1\nhost: 127.0.0.1:8080\naccept: application/json\nauthorization: Bearer eyJh…(648 chars)`,
  response: 'HTTP/1.1 200 OK\ncontent-type: application/json\n\n{"id":4,"user_id":1}',
  curl: `curl -i -sS '${ORIGIN}/orders/4?expand=items' -H 'accept: application/json' -H 'authorization: Bearer '"$BOB_TOKEN"`,
  identities: ['alice', 'bob'],
});
const massAssignment = live('mass-assignment', 'POST', '/orders', '/orders', {
  request:
    'POST /orders HTTP/1.1\nhost: 127.0.0.1:8080\ncontent-type: application/json\nx-api-key: sk_l…(24 chars)\n\n{"note":"it\'s","role":"admin"}',
  response: 'HTTP/1.1 201 Created\n\n{"role":"admin"}',
  curl: `curl -i -sS -X POST '${ORIGIN}/orders' -H 'content-type: application/json' -H 'x-api-key: '"$ALICE_API_KEY" --data-raw '{"note":"it'\\''s","role":"admin"}'`,
  identities: ['alice'],
});
/** No curl: the request text is all there is, with the credential masked. */
const cors = live(
  'cors-misconfiguration',
  'GET',
  '/health',
  '/health',
  {
    request: `GET /health HTTP/1.1\nhost: 127.0.0.1:8080\nauthorization: Bearer ${BOB_JWT.slice(0, 4)}…(55 chars)\norigin: https://evil.example");pm.globals.set("x",1);("`,
    response: 'HTTP/1.1 200 OK\naccess-control-allow-origin: https://evil.example\n\n{}',
    identities: ['carol'],
  },
  { severity: 'medium' },
);

function collection(findings: Finding[]): PostmanCollection {
  return JSON.parse(render('postman', makeResult({ command: 'probe', findings }))) as PostmanCollection;
}

describe('postman reporter', () => {
  it('writes a valid v2.1 collection: one request per live finding, {{baseUrl}} URLs, identity variables', () => {
    const c = collection([bola, massAssignment, cors]);
    expect(postmanProblems(c)).toEqual([]);
    expect(c.item.map((i) => i.name)).toEqual([
      '[high] bola: GET /orders/{id}',
      '[high] mass-assignment: POST /orders',
      '[medium] cors-misconfiguration: GET /health',
    ]);
    const [get, post, noCurl] = c.item;
    expect(get.request.method).toBe('GET');
    expect(get.request.url).toEqual({
      raw: '{{baseUrl}}/orders/4?expand=items',
      host: ['{{baseUrl}}'],
      path: ['orders', '4'],
      query: [{ key: 'expand', value: 'items' }],
    });
    expect(get.request.header).toEqual([
      { key: 'accept', value: 'application/json', type: 'text' },
      { key: 'authorization', value: 'Bearer {{bob_token}}', type: 'text' },
    ]);
    expect(post.request.header).toContainEqual({ key: 'x-api-key', value: '{{alice_api_key}}', type: 'text' });
    expect(post.request.body).toEqual({ mode: 'raw', raw: `{"note":"it's","role":"admin"}`, options: { raw: { language: 'json' } } });
    // Without curl the masked credential of the request text becomes the identity's variable.
    expect(noCurl.request.header).toContainEqual({ key: 'authorization', value: 'Bearer {{carol_token}}', type: 'text' });
    expect(c.variable.map((v) => [v.key, v.value])).toEqual([
      ['baseUrl', ORIGIN],
      ['alice_api_key', ''],
      ['bob_token', ''],
      ['carol_token', ''],
    ]);
    expect(get.request.description).toContain('bola message');
    expect(get.request.description).toContain('**How to fix:** bola fix');
    expect(get.request.description).toContain('Identities involved: alice, bob.');
    expect(get.request.description).toContain('HTTP/1.1 200 OK');
    const text = JSON.stringify(c);
    expect(text).not.toContain('…(');
    expect(text).not.toContain(BOB_JWT.slice(0, 12));
  });

  it('adds a test that fails while the flaw is there and passes once it is fixed', () => {
    const [get, post, noCurl] = collection([bola, massAssignment, cors]).item;
    expect(runTests(get, { code: 200, headers: {}, body: '{"id":4}' })).toEqual([{ name: expect.stringContaining('bola'), passed: false }]);
    expect(runTests(get, { code: 404, headers: {}, body: '' })).toEqual([{ name: expect.stringContaining('bola'), passed: true }]);
    // Mass assignment cannot be judged from the status alone: no test, and the description says so.
    expect(post.event).toBeUndefined();
    expect(post.request.description).toContain('No automatic test');
    // The hostile Origin header stays a string inside the script.
    const origin = 'https://evil.example");pm.globals.set("x",1);("';
    expect(runTests(noCurl, { code: 200, headers: { 'Access-Control-Allow-Origin': origin }, body: '' })[0].passed).toBe(false);
    expect(runTests(noCurl, { code: 200, headers: {}, body: '' })[0].passed).toBe(true);
  });

  it('skips a DELETE replay test (the object is gone) and findings that are not HTTP, naming them', () => {
    const del = live('bola', 'DELETE', '/orders/{id}', '/orders/7', {
      ...bola.evidence,
      curl: bola.evidence?.curl?.replace("-sS '", "-sS -X DELETE '"),
    });
    const c = collection([del, ...hostileResult().findings]);
    expect(postmanProblems(c)).toEqual([]);
    expect(c.item.map((i) => i.request.method)).toEqual(['DELETE', 'GET']);
    expect(c.item[0].event).toBeUndefined();
    expect(c.info.description).toContain('6 findings not in this collection');
    const none = collection(hostileResult().findings.filter((f) => f.location.kind !== 'http'));
    expect(none.item).toEqual([]);
    expect(none.info.description).toMatch(/^No finding of `rampart probe` .* carries an HTTP request to replay/);
    expect(postmanProblems(none)).toEqual([]);
    expect(c.info.description).toContain('- critical `test-admin-anonymous` at specs/shop.yaml:9:5');
    expect(c.info.description).toContain('- high `aws-access-key-id` at config/');
    // The hostile finding's request is kept as data, verbatim.
    expect(c.item[1].request.url.raw).toContain(`q=${HOSTILE.slice(0, 38)}`);
  });

  it('is read back by Rampart’s own Postman input as the same endpoints', () => {
    const c = collection([bola, massAssignment, cors]);
    const dir = mkdtempSync(join(tmpdir(), 'rampart-postman-'));
    writeFileSync(join(dir, 'findings.postman_collection.json'), JSON.stringify(c));
    const load = loadPostmanFile('findings.postman_collection.json', new URL(ORIGIN), dir);
    expect(load.diagnostics).toEqual([]);
    expect(load.endpoints.map((e) => `${e.method} ${e.path}`).sort()).toEqual(['GET /health', 'GET /orders/{id}', 'POST /orders']);
  });

  it('reads back the curl commands of probe evidence', () => {
    expect(parseCurl(`curl -i -sS -X PUT 'http://h/x?a=1' -H 'authorization: Bearer '"$A_TOKEN" --data-raw '{"q":"it'\\''s"}'`)).toEqual({
      method: 'PUT',
      url: [{ text: 'http://h/x?a=1' }],
      headers: [{ name: [{ text: 'authorization' }], value: [{ text: 'Bearer ' }, { variable: 'A_TOKEN' }] }],
      body: [{ text: `{"q":"it's"}` }],
    });
    expect(parseCurl(`curl 'unterminated`)).toBeUndefined();
    expect(parseCurl('wget http://h/')).toBeUndefined();
  });
});

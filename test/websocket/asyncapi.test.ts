/** `rampart audit` on AsyncAPI 2 and 3 documents: every WebSocket flaw at its exact place, nothing on the safe twins. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Finding } from '../../src/core/index.ts';
import { audit } from '../../src/engines/design/engine.ts';
import { auditAsyncApi, claimsAsyncApi } from '../../src/engines/websocket/language.ts';
import { DEFAULT_LIMITS } from '../../src/formats/structured.ts';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));

const where = (findings: Finding[]) =>
  findings
    .map((f) =>
      f.location.kind === 'file' ? `${f.ruleId} ${f.location.startLine}:${f.location.startColumn} ${f.location.pointer}` : f.ruleId,
    )
    .sort();

async function run(file: string) {
  return audit([`${dir}${file}`], { cwd: dir });
}

describe('AsyncAPI audit', () => {
  it('claims documents with a top-level asyncapi key only', () => {
    expect(claimsAsyncApi('asyncapi: 3.0.0\ninfo: {}\n')).toBe(true);
    expect(claimsAsyncApi('{ "asyncapi": "2.6.0" }')).toBe(true);
    expect(claimsAsyncApi('info:\n  asyncapi: 2.6.0\n')).toBe(false);
    expect(claimsAsyncApi('openapi: 3.1.0\n')).toBe(false);
  });

  it('finds every planted flaw of an AsyncAPI 2 document at its exact place', async () => {
    const r = await run('chat.v2.unsafe.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.scanned).toEqual(['chat.v2.unsafe.yaml']);
    expect(where(r.findings)).toEqual([
      'websocket-cleartext-server 8:15 /servers/production/protocol',
      'websocket-message-unbounded 37:11 /components/messages/Post/payload/properties/text',
      'websocket-sensitive-field-in-message 48:15 /components/messages/Event/payload/properties/author/properties/password_hash',
      'websocket-server-without-security 6:3 /servers/production',
      'websocket-token-in-query-binding 20:13 /channels/~1rooms~1{roomId}/bindings/ws/query/properties/token',
    ]);
    const hash = r.findings.find((f) => f.ruleId === 'websocket-sensitive-field-in-message');
    expect(hash?.message).toBe(
      'Property "password_hash" (payload.author.password_hash) of message "Event" of server-sent operation "roomEvents" (channel /rooms/{roomId}) sends a password hash to the socket\'s clients; every subscriber of the channel may receive it.',
    );
    expect(hash?.location).toMatchObject({ file: 'chat.v2.unsafe.yaml', endLine: 48, endColumn: 28 });
    expect(r.checks.map((c) => c.id)).toContain('websocket-cleartext-server');
  });

  it('finds every planted flaw of an AsyncAPI 3 document at its exact place', async () => {
    const r = await run('chat.v3.unsafe.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(where(r.findings)).toEqual([
      'websocket-cleartext-server 9:15 /servers/production/protocol',
      'websocket-message-unbounded 19:13 /channels/room/messages/post/payload/properties/tags',
      'websocket-sensitive-field-in-message 29:13 /channels/room/messages/event/payload/properties/api_key',
      'websocket-server-without-security 6:3 /servers/production',
      'websocket-token-in-query-binding 36:13 /channels/room/bindings/ws/query/properties/access_token',
    ]);
  });

  it('reports nothing on the safe twins (YAML and JSON)', async () => {
    for (const f of ['chat.v2.safe.yaml', 'chat.v3.safe.json']) {
      const r = await run(f);
      expect(r.diagnostics, f).toEqual([]);
      expect(r.scanned, f).toEqual([f]);
      expect(
        r.findings.map((x) => x.message),
        f,
      ).toEqual([]);
    }
  });

  it('gives one diagnostic with file:line:col for bad YAML and an unknown version, and goes on with the other files', async () => {
    const r = await audit([`${dir}broken.yaml`, `${dir}old-version.yaml`, `${dir}chat.v3.unsafe.yaml`], { cwd: dir });
    expect(r.diagnostics).toEqual([
      { level: 'error', message: 'invalid YAML: bad indentation of a mapping entry', file: 'broken.yaml', line: 8, column: 14 },
      {
        level: 'error',
        message: 'not an AsyncAPI 2.x or 3.x document (the "asyncapi" field must be a version such as "2.6.0" or "3.0.0")',
        file: 'old-version.yaml',
        line: 1,
        column: 11,
      },
    ]);
    expect(r.scanned).toEqual(['chat.v3.unsafe.yaml']);
    expect(r.findings.length).toBe(5);
  });

  it('keeps fingerprints stable when unrelated lines move', async () => {
    const text = readFileSync(`${dir}chat.v2.unsafe.yaml`, 'utf8');
    const input = {
      absPath: `${dir}chat.v2.unsafe.yaml`,
      file: 'chat.v2.unsafe.yaml',
      projectFile: 'chat.v2.unsafe.yaml',
      config: {},
      limits: DEFAULT_LIMITS,
    };
    const a = await auditAsyncApi({ ...input, text });
    const b = await auditAsyncApi({ ...input, text: text.replace('info:', '# moved down\n# by two lines\ninfo:') });
    expect(a.findings.length).toBe(5);
    expect(b.findings.map((f) => f.fingerprint)).toEqual(a.findings.map((f) => f.fingerprint));
    expect(b.findings.map((f) => (f.location.kind === 'file' ? f.location.startLine : 0))).toEqual(
      a.findings.map((f) => (f.location.kind === 'file' ? f.location.startLine + 2 : 0)),
    );
    expect(new Set(a.findings.map((f) => f.fingerprint)).size).toBe(a.findings.length);
  });

  it('survives $ref cycles, dangling and external $refs and odd shapes without throwing', async () => {
    const text = [
      'asyncapi: 2.6.0',
      'info: { title: Odd, version: 1.0.0 }',
      'servers:',
      '  a: { $ref: "#/servers/a" }',
      '  b: 42',
      '  c: { url: "wss://c.example.com", protocol: wss, security: "yes" }',
      'channels:',
      '  /loop:',
      '    publish:',
      '      message: { $ref: "#/components/messages/Loop" }',
      '    subscribe:',
      '      message: { $ref: "other.yaml#/components/messages/X" }',
      '  /null: null',
      '  /dangling:',
      '    publish: { $ref: "#/nowhere" }',
      'components:',
      '  messages:',
      '    Loop:',
      '      payload: { $ref: "#/components/schemas/Node" }',
      '  schemas:',
      '    Node:',
      '      type: object',
      '      additionalProperties: false',
      '      properties:',
      '        next: { $ref: "#/components/schemas/Node" }',
      '        label: { type: string }',
      '',
    ].join('\n');
    const r = await auditAsyncApi({
      absPath: `${dir}odd.yaml`,
      file: 'odd.yaml',
      projectFile: 'odd.yaml',
      text,
      config: {},
      limits: DEFAULT_LIMITS,
    });
    expect(r.diagnostics).toEqual([]);
    expect(where(r.findings)).toEqual([
      'websocket-message-unbounded 26:9 /components/schemas/Node/properties/label',
      'websocket-server-without-security 6:3 /servers/c',
    ]);
  });

  it('honours x-rampart-ignore with a reason on the node or above it, and warns about one without', async () => {
    const text = [
      'asyncapi: 3.0.0',
      'info: { title: Ticker, version: 1.0.0 }',
      'servers:',
      '  public:',
      '    host: ticker.example.com',
      '    protocol: wss',
      '    x-rampart-ignore:',
      '      - rule: websocket-server-without-security',
      '        reason: public market data, no user data',
      '  beta:',
      '    host: beta.example.com',
      '    protocol: ws',
      '    x-rampart-ignore: [websocket-cleartext-server]',
      '',
    ].join('\n');
    const r = await auditAsyncApi({
      absPath: `${dir}ticker.yaml`,
      file: 'ticker.yaml',
      projectFile: 'ticker.yaml',
      text,
      config: {},
      limits: DEFAULT_LIMITS,
    });
    expect(where(r.findings)).toEqual([
      'websocket-cleartext-server 12:15 /servers/beta/protocol',
      'websocket-server-without-security 10:3 /servers/beta',
    ]);
    expect(r.diagnostics).toEqual([
      {
        level: 'warning',
        message: 'x-rampart-ignore for "websocket-cleartext-server" has no reason and is not applied: add reason: "why this is acceptable"',
        file: 'ticker.yaml',
        line: 13,
        column: 5,
      },
    ]);
  });

  it('runs through `rampart audit` with one-line errors and exit codes', async () => {
    let stdout = '';
    let stderr = '';
    const io = {
      cwd: dir,
      stdout: (t: string) => {
        stdout += t;
      },
      stderr: (t: string) => {
        stderr += t;
      },
    };
    expect(await main(['audit', 'chat.v3.unsafe.yaml', '--format', 'json'], io)).toBe(1);
    const report = JSON.parse(stdout) as { findings: Finding[] };
    expect(report.findings.map((f) => f.ruleId).sort()).toContain('websocket-token-in-query-binding');
    stdout = '';
    expect(await main(['audit', 'chat.v2.safe.yaml', '--format', 'json'], io)).toBe(0);
    stdout = '';
    stderr = '';
    expect(await main(['audit', 'broken.yaml'], io)).toBe(2);
    expect(stdout).toContain('broken.yaml:8:14  invalid YAML: bad indentation of a mapping entry');
    expect(stdout + stderr).not.toMatch(/\n\s+at /);
  });
});

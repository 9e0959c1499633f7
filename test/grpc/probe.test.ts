/** `rampart probe --grpc` end to end against the real grpc-js shop server on 127.0.0.1. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HARDENED, startShopServer, VULNERABLE } from '../../src/checks/grpc/_kit/server.ts';
import type { Finding } from '../../src/core/index.ts';
import { openChannel, PING, rawUnary } from '../../src/engines/grpc/probe/connect.ts';
import { probeGrpc } from '../../src/engines/grpc/probe/engine.ts';
import { grpcurl } from '../../src/engines/grpc/probe/evidence.ts';
import { parseTarget } from '../../src/engines/grpc/probe/target.ts';
import { runGrpcProbe } from '../../src/engines/grpc/testing.ts';

const where = (findings: Finding[]) =>
  findings.map((f) => `${f.ruleId} ${f.location.kind === 'http' ? f.location.path : ''} ${f.severity}`).sort();
const RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

describe('rampart probe --grpc', () => {
  it('finds every planted flaw of the vulnerable server, learning its methods through reflection', async () => {
    const r = await runGrpcProbe({ server: VULNERABLE, proto: false });
    expect(r.diagnostics).toEqual([]);
    expect(where(r.findings)).toEqual([
      'grpc-auth-not-enforced /shop.v1.Users/ListUsers high',
      'grpc-auth-not-enforced /shop.v1.Users/WatchUsers high',
      'grpc-error-leaks-internals /shop.v1.Users/GetUser medium',
      'grpc-invalid-token-accepted /shop.v1.Admin/GetStats high',
      'grpc-oversized-message-accepted /shop.v1.Users/GetUser medium',
      'grpc-plaintext-accepted / low',
      'grpc-reflection-enabled /grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo medium',
    ]);
    expect(r.scanned).toEqual([expect.stringMatching(/^grpc:\/\/127\.0\.0\.1:\d+$/)]);
    // Non-destructive: the delete method was never called.
    expect(r.served).not.toContain('/shop.v1.Users/DeleteUser');
    expect(r.served.length).toBeLessThan(20);
    for (const f of r.findings) {
      expect(f.location).toMatchObject({ kind: 'http', method: 'GRPC' });
      expect(f.evidence?.curl).toMatch(/^grpcurl /);
      expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.stringify(f)).not.toContain('alice-token-7f3a9c21');
    }
  });

  it('reports nothing at medium or above on the hardened twin', async () => {
    const r = await runGrpcProbe({ server: HARDENED, proto: true });
    expect(r.diagnostics).toEqual([]);
    expect(r.checks.length).toBe(6);
    expect(r.findings.filter((f) => RANK[f.severity] >= RANK.medium)).toEqual([]);
    expect(where(r.findings)).toEqual(['grpc-plaintext-accepted / low']);
    // It did call the API (as alice and anonymously), just found nothing.
    expect(r.served).toContain('/shop.v1.Users/ListUsers');
  });

  it('runs the transport checks and says why the rest did not run when there is neither reflection nor --proto', async () => {
    const r = await runGrpcProbe({ server: HARDENED, proto: false });
    expect(where(r.findings)).toEqual(['grpc-plaintext-accepted / low']);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "the server has no reflection and no --proto was given: only transport checks ran (give the service's .proto files with --proto)",
    ]);
  });

  it('talks TLS to a TLS-only server and does not flag plaintext there', async () => {
    const r = await runGrpcProbe({ server: { ...HARDENED, tls: true, auth: 'none' }, proto: true });
    expect(where(r.findings)).toEqual([
      'grpc-auth-not-enforced /shop.v1.Admin/GetStats high',
      'grpc-auth-not-enforced /shop.v1.Users/ListUsers high',
      'grpc-auth-not-enforced /shop.v1.Users/WatchUsers high',
    ]);
    expect(r.scanned).toEqual([expect.stringMatching(/^grpcs:\/\/127\.0\.0\.1:\d+$/)]);
    expect(r.findings[0]?.evidence?.curl).toMatch(/^grpcurl -insecure /);
  });

  it('the test server records every call it received, refused and unimplemented ones too, and each connection', async () => {
    const server = await startShopServer(HARDENED);
    try {
      const client = openChannel(server.address, '127.0.0.1', false);
      const ask = (path: string) => rawUnary({ client, path, body: Buffer.alloc(0), metadata: {}, timeoutMs: 2000 });
      expect((await ask('/shop.v1.Users/ListUsers')).code).toBe(16);
      expect((await ask(PING.path)).code).toBe(12);
      client.close();
      expect(server.received).toEqual(['/shop.v1.Users/ListUsers', PING.path]);
      expect(server.calls).toEqual([]);
      expect(server.connections).toEqual(['plaintext']);
    } finally {
      await server.stop();
    }
  });

  it('stops at the request budget and says so', async () => {
    const r = await runGrpcProbe({ server: VULNERABLE, proto: true }, undefined, 4);
    expect(r.received.length).toBeLessThanOrEqual(4);
    expect(r.diagnostics.map((d) => d.message)).toContain(
      'the request budget (4) ran out; some checks did not finish (raise it with --budget)',
    );
  });

  it('reports a broken --proto file at its line and column and still runs the transport checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-grpc-proto-'));
    writeFileSync(join(dir, 'bad.proto'), 'syntax = "proto3";\nservice S {\n  rpc Get(A) returns (B)\n}\n');
    const srv = await startShopServer(HARDENED);
    try {
      const r = await probeGrpc({
        target: srv.address,
        proto: ['bad.proto'],
        config: {},
        cwd: dir,
        identities: [],
        run: { timeoutMs: 2000 },
      });
      expect(r.diagnostics[0]).toEqual({
        level: 'error',
        message: "not a valid .proto file: expected ';' after ')'",
        file: 'bad.proto',
        line: 3,
        column: 25,
      });
      // The warning names the real cause: the file was given but could not be read.
      expect(r.diagnostics.slice(1).map((d) => d.message)).toEqual([
        'the server has no reflection and no --proto file could be read: only transport checks ran',
      ]);
      expect(r.findings.map((f) => f.ruleId)).toEqual(['grpc-plaintext-accepted']);
    } finally {
      await srv.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('spaces its calls with --rate', async () => {
    const started = Date.now();
    const r = await runGrpcProbe({ server: HARDENED, proto: true }, ['grpc-plaintext-accepted'], undefined, 4);
    // Two transport attempts and reflection v1 and v1alpha: four calls, three gaps of 250 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['grpc-plaintext-accepted']);
  });

  it('reports an unreachable server as one error, nothing scanned', async () => {
    const srv = await startShopServer(HARDENED);
    const address = srv.address;
    await srv.stop();
    const r = await probeGrpc({ target: address, config: {}, cwd: process.cwd(), identities: [], run: { timeoutMs: 2000 } });
    expect(r.scanned).toEqual([]);
    expect(r.diagnostics).toEqual([
      { level: 'error', message: `cannot reach a gRPC server at ${address} (neither TLS nor plaintext answered)` },
    ]);
  });

  it('names credential variables of the reproducer as the HTTP probe does, never a positional $1', () => {
    const metadata = { authorization: 'Bearer s3cret-value-123' };
    const cmd = grpcurl(
      {
        method: { path: '/a.S/Get', service: 'a.S', name: 'Get' },
        requestJson: '{}',
        requestBytes: 0,
        metadata,
        identity: '1st-user',
        trailers: {},
      },
      {
        target: 'h:1',
        plaintext: true,
        identities: [{ name: '1st-user', metadata }],
        redactor: { secrets: [], headerNames: [], queryNames: [] },
        protoFlags: [],
      },
    );
    expect(cmd).toBe(`grpcurl -plaintext -H "authorization: Bearer $_1ST_USER_TOKEN" -d '{}' h:1 a.S/Get`);
  });

  it('reads HOST:PORT targets and classifies their network', () => {
    expect(parseTarget('localhost:50051')).toMatchObject({ address: 'localhost:50051', loopback: true, tlsOnly: false });
    expect(parseTarget('grpcs://[::1]:443')).toMatchObject({ address: '[::1]:443', host: '::1', loopback: true, tlsOnly: true });
    expect(parseTarget('10.1.2.3:9000')).toMatchObject({ loopback: false, privateNetwork: true });
    expect(parseTarget('api.example.com:443')).toMatchObject({ loopback: false, privateNetwork: false });
    expect(parseTarget('[fd00::5]:50051')).toMatchObject({ loopback: false, privateNetwork: true });
    expect(parseTarget('orders.internal:50051')).toMatchObject({ loopback: false, privateNetwork: true });
    expect(parseTarget('orders:50051')).toMatchObject({ loopback: false, privateNetwork: true });
    expect(parseTarget('0.0.0.0:50051')).toMatchObject({ loopback: true, privateNetwork: false });
    expect(parseTarget('8.8.8.8:443')).toMatchObject({ loopback: false, privateNetwork: false });
    expect(() => parseTarget('http://x:1')).toThrow(
      '--grpc: "http://x:1" is not HOST:PORT (e.g. localhost:50051 or grpcs://api.example.com:443)',
    );
    expect(() => parseTarget('x:70000')).toThrow('--grpc: port 70000 is out of range');
  });
});

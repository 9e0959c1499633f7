/** `rampart audit api.proto` and `rampart probe --grpc HOST:PORT` on the command line. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARDENED, type RunningServer, startShopServer, VALID_TOKEN, VULNERABLE } from '../../src/checks/grpc/_kit/server.ts';
import type { RunResult } from '../../src/core/index.ts';
import { SHOP_PROTO } from '../../src/engines/grpc/testing.ts';
import { rampart, tempDir } from '../cli/helpers.ts';

const json = (stdout: string) => JSON.parse(stdout) as RunResult;
const fixture = (check: string, file: string) => new URL(`../../src/checks/grpc/${check}/fixtures/${file}`, import.meta.url);

describe('rampart audit on .proto files', () => {
  it('audits a .proto file named on the command line, with positions, and fails on high findings', async () => {
    const dir = tempDir();
    copyFileSync(fixture('grpc-sensitive-field-in-response', 'unsafe.proto'), join(dir, 'accounts.proto'));
    const r = await rampart(['audit', 'accounts.proto', '--rule', 'grpc-sensitive-field-in-response', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const result = json(r.stdout);
    expect(result.scanned).toEqual(['accounts.proto']);
    expect(result.findings[0]).toMatchObject({
      ruleId: 'grpc-sensitive-field-in-response',
      stage: 'design',
      location: {
        kind: 'file',
        file: 'accounts.proto',
        startLine: 17,
        startColumn: 10,
        pointer: '/messages/acme.users.v1.Account/fields/password_hash',
      },
    });
  });

  it('picks .proto files up in a directory walk and follows their imports', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'messages.proto'),
      'syntax = "proto3";\npackage p;\nmessage Account {\n  string password = 1;\n}\nmessage Req {}\n',
    );
    writeFileSync(
      join(dir, 'service.proto'),
      'syntax = "proto3";\npackage p;\nimport "messages.proto";\nservice S {\n  rpc Get(Req) returns (Account);\n}\n',
    );
    const r = await rampart(['audit', '.', '--rule', 'grpc-sensitive-field-in-response', '--format', 'json'], { cwd: dir });
    const result = json(r.stdout);
    expect(result.scanned.sort()).toEqual(['messages.proto', 'service.proto']);
    // The field lives in messages.proto; service.proto is what makes it a response.
    expect(
      result.findings.map((f) => f.location.kind === 'file' && `${f.location.file}:${f.location.startLine}:${f.location.startColumn}`),
    ).toEqual(['messages.proto:4:10']);
  });

  it('reads a Google API service configuration found in a directory walk', async () => {
    const dir = tempDir();
    copyFileSync(fixture('grpc-reflection-service-declared', 'unsafe-service-config.yaml'), join(dir, 'api_config.yaml'));
    const r = await rampart(['audit', '.', '--format', 'json'], { cwd: dir });
    const result = json(r.stdout);
    expect(result.scanned).toEqual(['api_config.yaml']);
    expect(
      result.findings.map((f) => f.location.kind === 'file' && `${f.ruleId} ${f.location.startLine}:${f.location.startColumn}`),
    ).toEqual(['grpc-reflection-service-declared 8:11', 'grpc-reflection-service-declared 9:11']);
  });

  it('reports a broken .proto as one line naming file, line and column, and exits 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.proto'), 'syntax = "proto3";\nmessage A {\n  string x = 1\n}\n');
    const r = await rampart(['audit', 'broken.proto', '--no-color'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toContain("broken.proto:3:15  not a valid .proto file: expected ';' after '1'");
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at /);
  });

  it('lists the gRPC checks in rampart rules', async () => {
    const r = await rampart(['rules', '--format', 'json']);
    const text = r.stdout;
    for (const id of [
      'grpc-sensitive-field-in-response',
      'grpc-method-without-auth',
      'grpc-reflection-enabled',
      'grpc-oversized-message-accepted',
    ]) {
      expect(text).toContain(id);
    }
  });
});

describe('rampart probe --grpc', () => {
  let vulnerable: RunningServer;
  let hardened: RunningServer;
  let dir: string;
  beforeAll(async () => {
    vulnerable = await startShopServer(VULNERABLE);
    hardened = await startShopServer(HARDENED);
    // Its own folder: tempDir() of the CLI helpers is emptied after each test.
    dir = mkdtempSync(join(tmpdir(), 'rampart-grpc-cli-'));
    writeFileSync(join(dir, 'rampart.config.yaml'), `probe:\n  identities:\n    - name: alice\n      bearer: \${ALICE_TOKEN}\n`);
    copyFileSync(SHOP_PROTO, join(dir, 'shop.proto'));
  });
  afterAll(async () => {
    await vulnerable.stop();
    await hardened.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = { ALICE_TOKEN: VALID_TOKEN };

  it('probes the vulnerable server through reflection, exits 1 and writes SARIF with the proof', async () => {
    const r = await rampart(['probe', '--grpc', vulnerable.address, '--format', 'sarif', '--output', 'out.sarif', '--quiet'], {
      cwd: dir,
      env,
    });
    expect(r.code).toBe(1);
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string; properties?: { curl?: string } }[] }[];
    };
    const results = sarif.runs[0]?.results ?? [];
    expect(new Set(results.map((x) => x.ruleId))).toEqual(
      new Set([
        'grpc-plaintext-accepted',
        'grpc-reflection-enabled',
        'grpc-auth-not-enforced',
        'grpc-invalid-token-accepted',
        'grpc-error-leaks-internals',
        'grpc-oversized-message-accepted',
      ]),
    );
    expect(readFileSync(join(dir, 'out.sarif'), 'utf8')).not.toContain(VALID_TOKEN);
  });

  it('exits 0 on the hardened twin with --proto (only the low loopback plaintext note)', async () => {
    const r = await rampart(['probe', '--grpc', hardened.address, '--proto', 'shop.proto', '--format', 'json', '--quiet'], {
      cwd: dir,
      env,
    });
    expect(r.code).toBe(0);
    expect(json(r.stdout).findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['grpc-plaintext-accepted low']);
  });

  it('runs only the checks named with --rule', async () => {
    const r = await rampart(['probe', '--grpc', vulnerable.address, '--rule', 'grpc-reflection-enabled', '--format', 'json', '--quiet'], {
      cwd: dir,
      env,
    });
    expect(json(r.stdout).findings.map((f) => f.ruleId)).toEqual(['grpc-reflection-enabled']);
  });

  it('exits 2 with one line when nothing answers', async () => {
    const srv = await startShopServer(HARDENED);
    const address = srv.address;
    await srv.stop();
    const r = await rampart(['probe', '--grpc', address, '--timeout', '2000', '--quiet'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`rampart: cannot reach a gRPC server at ${address} (neither TLS nor plaintext answered)\n`);
  });

  it('exits 2 on a target that is not HOST:PORT', async () => {
    const r = await rampart(['probe', '--grpc', 'http://example.com/x', '--quiet'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'rampart: --grpc: "http://example.com/x" is not HOST:PORT (e.g. localhost:50051 or grpcs://api.example.com:443)\n',
    );
  });
});

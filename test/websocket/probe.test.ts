/**
 * `rampart probe --websocket` against a real ws server on 127.0.0.1: every planted flaw of the
 * vulnerable configuration found, nothing at medium or above on the hardened twin, and the CLI path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeFixture } from '../../src/checks/websocket/_kit/run.ts';
import {
  ALICE_PASSWORD,
  HARDENED,
  type RunningWsServer,
  startWsServer,
  VULNERABLE,
  WS_IDENTITIES,
  type WsServerConfig,
} from '../../src/checks/websocket/_kit/server.ts';
import { main } from '../../src/cli/main.ts';
import { severityRank } from '../../src/core/index.ts';
import { probeWebSocket } from '../../src/engines/websocket/probe.ts';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** Runs `fn` against a fresh server, stopped afterwards whatever happens. */
async function withServer(cfg: WsServerConfig, fn: (server: RunningWsServer) => Promise<void>): Promise<void> {
  const server = await startWsServer(cfg);
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('WebSocket probe', () => {
  it('finds every planted flaw of the vulnerable server', { timeout: 60_000 }, async () => {
    const r = await probeFixture({ server: VULNERABLE });
    expect(r.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(r.scanned).toHaveLength(1);
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual([
      'websocket-cross-site-hijacking',
      'websocket-message-flood-accepted',
      'websocket-oversized-message-accepted',
      'websocket-token-in-query-accepted',
      'websocket-verbose-error-frames',
    ]);
    for (const f of r.findings) {
      expect(f.location).toMatchObject({ kind: 'http', method: 'GET', path: '/socket' });
      expect(f.evidence?.curl).toMatch(/^websocat /);
    }
    // No credential of any identity appears in any finding.
    const text = JSON.stringify(r.findings);
    for (const secret of ['alice-session-7f3a9c2e51b8d406', 'bob-token-4e8d1a6c93f27b50']) expect(text).not.toContain(secret);
    expect(new Set(r.findings.map((f) => f.fingerprint)).size).toBe(r.findings.length);
  });

  it('reports nothing at medium or above on the hardened server', { timeout: 60_000 }, async () => {
    const r = await probeFixture({ server: HARDENED });
    expect(r.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(r.scanned).toHaveLength(1);
    expect(r.findings.filter((f) => severityRank(f.severity) >= severityRank('medium')).map((f) => f.message)).toEqual([]);
  });

  it('logs in through an identity login flow over HTTP and rides the session cookie it sets', { timeout: 30_000 }, async () => {
    await withServer(VULNERABLE, async (server) => {
      const r = await probeWebSocket({
        target: server.url,
        config: {},
        cwd: process.cwd(),
        rules: ['websocket-cross-site-hijacking'],
        identities: [
          {
            name: 'alice',
            login: {
              request: { method: 'POST', path: '/login', json: { username: 'alice', password: '{{password}}' } },
              token: { from: 'cookie', name: 'session' },
              use: { in: 'cookie', name: 'session' },
            },
            vars: { password: ALICE_PASSWORD },
          },
        ],
        run: { timeoutMs: 3000 },
      });
      expect(r.diagnostics).toEqual([]);
      expect(r.findings.map((f) => f.ruleId)).toEqual(['websocket-cross-site-hijacking']);
      const text = JSON.stringify(r.findings);
      expect(text).not.toContain('alice-session-7f3a9c2e51b8d406');
      expect(text).not.toContain(ALICE_PASSWORD);
    });
  });

  it('stops at the budget: connections and frames both count', { timeout: 30_000 }, async () => {
    await withServer(VULNERABLE, async (server) => {
      const r = await probeWebSocket({
        target: server.url,
        config: {},
        cwd: process.cwd(),
        identities: WS_IDENTITIES,
        run: { budget: 30, timeoutMs: 2000 },
      });
      expect(r.findings.map((f) => f.ruleId)).not.toContain('websocket-message-flood-accepted');
      expect(r.diagnostics.some((d) => /budget/.test(d.message))).toBe(true);
    });
  });

  it('says why when the target cannot be probed, and never throws', async () => {
    const port = await closedPort();
    const down = await probeWebSocket({
      target: `ws://127.0.0.1:${port}/socket`,
      config: {},
      cwd: process.cwd(),
      identities: [],
      run: { timeoutMs: 2000 },
    });
    expect(down.scanned).toEqual([]);
    expect(down.diagnostics).toEqual([
      { level: 'error', message: `cannot reach ws://127.0.0.1:${port}/socket: connect ECONNREFUSED 127.0.0.1:${port}` },
    ]);
    const ftp = await probeWebSocket({ target: 'ftp://example.com/x', config: {}, cwd: process.cwd(), identities: [], run: {} });
    expect(ftp.diagnostics[0].message).toBe('--websocket ftp://example.com/x: must be a ws:// or wss:// URL');
  });

  it('runs through `rampart probe --websocket` with the config identities, reports and exit codes', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-ws-cli-'));
    temps.push(dir);
    // `${NAME}` in the config reads the environment: the secrets stay out of the file.
    const config = [
      'probe:',
      '  identities:',
      '    - name: alice',
      `      cookie: session=${'$'}{ALICE_COOKIE}`,
      '    - name: bob',
      `      bearer: ${'$'}{BOB_TOKEN}`,
      '',
    ].join('\n');
    writeFileSync(join(dir, 'rampart.config.yaml'), config);
    const env = { ALICE_COOKIE: 'alice-session-7f3a9c2e51b8d406', BOB_TOKEN: 'bob-token-4e8d1a6c93f27b50' };
    const cli = async (argv: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await main(argv, {
        cwd: dir,
        env,
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
      });
      return { code, stdout, stderr };
    };
    await withServer(VULNERABLE, async (vulnerable) => {
      const r = await cli([
        'probe',
        '--websocket',
        vulnerable.url,
        '--rule',
        'websocket-cross-site-hijacking',
        '--format',
        'json',
        '--timeout',
        '3000',
      ]);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as { findings: { ruleId: string; evidence: { curl: string } }[] };
      expect(report.findings.map((f) => f.ruleId)).toEqual(['websocket-cross-site-hijacking']);
      expect(report.findings[0].evidence.curl).toContain('"$ALICE_COOKIE"');
      expect(r.stdout).not.toContain('alice-session-7f3a9c2e51b8d406');
    });
    await withServer(HARDENED, async (hardened) => {
      const r = await cli(['probe', '--websocket', hardened.url, '--rule', 'websocket-cross-site-hijacking', '--format', 'json']);
      expect(r.code).toBe(0);
    });
    const port = await closedPort();
    const down = await cli(['probe', '--websocket', `ws://127.0.0.1:${port}/socket`]);
    expect(down.code).toBe(2);
    expect(down.stderr).toBe(`rampart: cannot reach ws://127.0.0.1:${port}/socket: connect ECONNREFUSED 127.0.0.1:${port}\n`);
  });
});

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, type ShopServerConfig, startShopServer, VALID_TOKEN } from '../../checks/grpc/_kit/server.ts';
import { grpcDesignChecks } from '../../checks/grpc/registry.ts';
import type { Finding, RunResult } from '../../core/index.ts';
import { DEFAULT_LIMITS } from '../../formats/structured.ts';
import type { IdentityConfig } from '../probe/types.ts';
import { auditProto, auditServiceConfig } from './design.ts';
import { probeGrpc } from './probe/engine.ts';

/** A probe check fixture: a configuration of the shop test server, and how the probe sees it. */
export interface GrpcFixture {
  server: ShopServerConfig;
  /** Identities of the probe config (default: alice with the server's valid token). */
  identities?: IdentityConfig[];
  /** Give the probe the shop's .proto file (servers without reflection need it to be called at all). */
  proto?: boolean;
}

export const ALICE: IdentityConfig = { name: 'alice', bearer: VALID_TOKEN };
export const SHOP_PROTO = fileURLToPath(new URL('../../checks/grpc/_kit/shop.proto', import.meta.url));

/** What the test server saw of a probe: handlers run, every call received, connections by transport. */
export interface ServerSaw {
  served: string[];
  received: string[];
  connections: RunningServer['connections'];
}

/** Starts the fixture's server on 127.0.0.1, probes it (only `rules` when given) and stops it. */
export async function runGrpcProbe(fixture: GrpcFixture, rules?: string[], budget?: number, rate?: number): Promise<RunResult & ServerSaw> {
  const server = await startShopServer(fixture.server);
  try {
    const result = await probeGrpc({
      target: server.address,
      proto: fixture.proto === false ? undefined : [SHOP_PROTO],
      config: {},
      cwd: process.cwd(),
      rules,
      identities: fixture.identities ?? [ALICE],
      run: { timeoutMs: 5000, budget, rate },
    });
    return { ...result, served: server.calls, received: server.received, connections: server.connections };
  } finally {
    await server.stop();
  }
}

/** One check against the fixture's server: its findings and what the server saw (safe twins assert both). */
export async function runGrpcCheckSeen(id: string, fixture: GrpcFixture): Promise<{ findings: Finding[] } & ServerSaw> {
  const { findings, diagnostics, served, received, connections } = await runGrpcProbe(fixture, [id]);
  const errors = diagnostics.filter((d) => d.level === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('; '));
  return { findings, served, received, connections };
}

export async function runGrpcCheck(id: string, fixture: GrpcFixture): Promise<Finding[]> {
  return (await runGrpcCheckSeen(id, fixture)).findings;
}

/** Audits one fixture beside a check's test with that check only: a .proto file or a service configuration. */
export async function runProtoCheck(id: string, testUrl: string, fixture: string, audit = auditProto): Promise<Finding[]> {
  const dir = dirname(fileURLToPath(testUrl));
  const absPath = join(dir, 'fixtures', fixture);
  const check = (await grpcDesignChecks()).find((c) => c.id === id);
  if (!check) throw new Error(`no design check ${id}`);
  const result = audit(
    {
      absPath,
      file: `fixtures/${fixture}`,
      projectFile: `fixtures/${fixture}`,
      text: readFileSync(absPath, 'utf8'),
      config: {},
      limits: DEFAULT_LIMITS,
    },
    [check],
  );
  if (result.diagnostics.length) throw new Error(`fixture ${fixture}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.findings;
}

export function runServiceConfigCheck(id: string, testUrl: string, fixture: string): Promise<Finding[]> {
  return runProtoCheck(id, testUrl, fixture, auditServiceConfig);
}

/** `line:col pointer` of each finding, sorted by position, for exact assertions. */
export function protoPositions(findings: Finding[]): string[] {
  return findings
    .map((f) => (f.location.kind === 'file' ? `${f.location.startLine}:${f.location.startColumn} ${f.location.pointer}` : ''))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || (a < b ? -1 : 1));
}

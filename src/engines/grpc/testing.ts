import { fileURLToPath } from 'node:url';
import { type ShopServerConfig, startShopServer, VALID_TOKEN } from '../../checks/grpc/_kit/server.ts';
import type { Finding, RunResult } from '../../core/index.ts';
import type { IdentityConfig } from '../probe/types.ts';
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

/** Starts the fixture's server on 127.0.0.1, probes it (only `rules` when given) and stops it. */
export async function runGrpcProbe(fixture: GrpcFixture, rules?: string[]): Promise<RunResult> {
  const server = await startShopServer(fixture.server);
  try {
    return await probeGrpc({
      target: server.address,
      proto: fixture.proto === false ? undefined : [SHOP_PROTO],
      config: {},
      cwd: process.cwd(),
      rules,
      identities: fixture.identities ?? [ALICE],
      run: { timeoutMs: 5000 },
    });
  } finally {
    await server.stop();
  }
}

export async function runGrpcCheck(id: string, fixture: GrpcFixture): Promise<Finding[]> {
  const result = await runGrpcProbe(fixture, [id]);
  const errors = result.diagnostics.filter((d) => d.level === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('; '));
  return result.findings;
}

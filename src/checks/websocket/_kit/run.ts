import type { Finding, RunResult } from '../../../core/index.ts';
import type { IdentityConfig } from '../../../engines/probe/types.ts';
import { probeWebSocket } from '../../../engines/websocket/probe.ts';
import { type ServerSaw, startWsServer, WS_IDENTITIES, type WsServerConfig } from './server.ts';

/** A probe fixture: the server's configuration and the options the check runs with. */
export interface WsFixture {
  server: WsServerConfig;
  options?: Record<string, unknown>;
  /** The probe's identities (default: alice's session cookie and bob's bearer token). */
  identities?: IdentityConfig[];
}

export type { ServerSaw } from './server.ts';

/** Starts the fixture's server, probes it with the given checks (and options), stops it. */
export async function probeFixture(fixture: WsFixture, ids?: string[]): Promise<RunResult & ServerSaw> {
  const server = await startWsServer(fixture.server);
  try {
    // `$wssPort` in the options stands for the port the TLS twin got.
    const options = Object.fromEntries(Object.entries(fixture.options ?? {}).map(([k, v]) => [k, v === '$wssPort' ? server.wssPort : v]));
    const rules = Object.fromEntries((ids ?? []).map((id) => [id, { options }]));
    const result = await probeWebSocket({
      target: server.url,
      config: { rules },
      cwd: process.cwd(),
      rules: ids,
      identities: fixture.identities ?? WS_IDENTITIES,
      run: { timeoutMs: 3000 },
    });
    return { ...result, upgrades: server.upgrades, closes: server.closes, errorReplies: server.errorReplies };
  } finally {
    await server.close();
  }
}

/** Findings of one check against a fixture's server. */
export async function runWsProbeCheck(id: string, fixture: WsFixture): Promise<Finding[]> {
  const r = await probeFixture(fixture, [id]);
  const errors = r.diagnostics.filter((d) => d.level === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('; '));
  return r.findings;
}

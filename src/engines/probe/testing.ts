import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STANDARD_IDENTITIES } from '../../checks/probe/_kit/app.ts';
import type { Config, Finding, RunResult } from '../../core/index.ts';
import { type ProbeRunOptions, probe } from './engine.ts';
import type { IdentityConfig, ProbeCheck, ProbeOptions } from './types.ts';

/**
 * The test harness of probe checks: a fixture is a real HTTP(S) server on 127.0.0.1 with (unsafe) or
 * without (safe) the flaw, its OpenAPI definition and identities. `runProbeCheck` starts it, probes it
 * with the check(s) and returns the findings; the server is always closed afterwards.
 */
export interface ProbeFixture {
  /** The fixture server (started on 127.0.0.1:0). */
  handler: RequestListener;
  /**
   * The definition: an object, or a file path (absolute, a `file:` URL, or relative to `base`,
   * the fixture module's `import.meta.url`).
   */
  openapi?: Record<string, unknown> | string;
  /** The fixture module's `import.meta.url`, for a relative `openapi` path. */
  base?: string;
  /** Default: STANDARD_IDENTITIES (alice, bob users; carol admin). */
  identities?: IdentityConfig[];
  /** Serve over TLS with a throwaway self-signed certificate. */
  https?: boolean;
  options?: Partial<ProbeOptions>;
}

export function defineFixture(f: ProbeFixture): ProbeFixture {
  return f;
}

export interface RunProbeCheckOptions {
  /** Options for the check(s) under test (as `rules.<id>.options` in the config). */
  checkOptions?: Record<string, unknown>;
  /** Return even when the run has error diagnostics (default: throw). */
  allowErrors?: boolean;
  /** More engine options (tests of the engine). */
  engine?: Partial<ProbeRunOptions>;
}

let certPromise: Promise<{ key: string; cert: string }> | undefined;

/** A self-signed certificate for 127.0.0.1 and localhost, made once per process. */
export function fixtureCertificate(): Promise<{ key: string; cert: string }> {
  certPromise ??= import('selfsigned').then(async (m) => {
    const selfsigned = (m as { default?: typeof import('selfsigned') }).default ?? m;
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: false },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    return { key: pems.private, cert: pems.cert };
  });
  return certPromise;
}

/** Starts `handler` on 127.0.0.1:0; returns its URL and a close function that never leaves it running. */
export async function startFixtureServer(
  handler: RequestListener,
  https = false,
): Promise<{ url: string; close(): Promise<void>; server: Server }> {
  const server: Server = https ? createHttpsServer(await fixtureCertificate(), handler) : createHttpServer(handler);
  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `${https ? 'https' : 'http'}://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Probes a fixture; the full run result (engine tests). */
export async function runProbeFixture(
  check: ProbeCheck | ProbeCheck[],
  fixture: ProbeFixture,
  opts: RunProbeCheckOptions = {},
): Promise<RunResult> {
  const checks = Array.isArray(check) ? check : [check];
  const srv = await startFixtureServer(fixture.handler, fixture.https);
  let dir: string | undefined;
  try {
    let openapi: string | undefined;
    if (fixture.openapi && typeof fixture.openapi === 'object') {
      dir = mkdtempSync(join(tmpdir(), 'rampart-fixture-'));
      openapi = join(dir, 'openapi.json');
      writeFileSync(openapi, JSON.stringify(fixture.openapi));
    } else if (typeof fixture.openapi === 'string') {
      const o = fixture.openapi;
      openapi = o.startsWith('file:')
        ? fileURLToPath(o)
        : isAbsolute(o)
          ? o
          : fixture.base
            ? fileURLToPath(new URL(o, fixture.base))
            : resolve(o);
    }
    const config: Config = {};
    if (opts.checkOptions) {
      config.rules = Object.fromEntries(checks.map((c) => [c.id, { options: opts.checkOptions }]));
    }
    const result = await probe({
      target: srv.url,
      openapi,
      identities: fixture.identities ?? STANDARD_IDENTITIES,
      checks,
      config,
      run: { rate: 0, timeoutMs: 5000, ...fixture.options },
      ...opts.engine,
    });
    const errors = result.diagnostics.filter((d) => d.level === 'error');
    if (errors.length && !opts.allowErrors) throw new Error(`probe of the fixture failed: ${errors.map((d) => d.message).join('; ')}`);
    return result;
  } finally {
    await srv.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the check(s) against the fixture; the run's findings. Throws when a check failed. */
export async function runProbeCheck(
  check: ProbeCheck | ProbeCheck[],
  fixture: ProbeFixture,
  opts: RunProbeCheckOptions = {},
): Promise<Finding[]> {
  return (await runProbeFixture(check, fixture, opts)).findings;
}

/** Sorted `METHOD /template` of the findings, e.g. `GET /orders/{orderId}`. */
export function probePositions(findings: Finding[]): string[] {
  return findings.map((f) => (f.location.kind === 'http' ? `${f.location.method} ${f.location.path}` : '')).sort();
}

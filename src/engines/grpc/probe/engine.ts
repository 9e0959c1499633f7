import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { Metadata } from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { grpcProbeChecks } from '../../../checks/grpc/registry.ts';
import {
  checkFailed,
  checkMetaOf,
  type Diagnostic,
  type Finding,
  fingerprintOf,
  type RunResult,
  ruleConfig,
  sha256,
} from '../../../core/index.ts';
import { finishRun } from '../../../core/result.ts';
import type { Redactor } from '../../probe/evidence.ts';
import type { IdentityConfig } from '../../probe/types.ts';
import type { ProtocolProbeOptions } from '../../protocols/types.ts';
import { findingOf } from '../design.ts';
import { parseProto } from '../proto/parse.ts';
import { ProtoSyntaxError } from '../proto/tokenize.ts';
import { MAX_REQUEST_BYTES, methodsOf, openChannel, PING, rawServerStream, rawUnary } from './connect.ts';
import { type EvidenceContext, evidenceOf } from './evidence.ts';
import { REFLECTION_VERSIONS, reflect, reflectionTypes } from './reflection.ts';
import { type GrpcTarget, parseTarget } from './target.ts';
import type { CallOptions, GrpcCall, GrpcIdentity, GrpcMethod, GrpcProbeContext } from './types.ts';

const DEFAULT_BUDGET = 2000;
const DEFAULT_TIMEOUT_MS = 10_000;
/** Methods probed per run. */
const MAX_METHODS = 200;
/** Strings longer than this are shortened in evidence JSON. */
const EVIDENCE_STRING = 200;

/** Identities of the probe config as gRPC metadata; login flows are HTTP and do not apply. */
export function grpcIdentities(configs: IdentityConfig[], diagnostics: Diagnostic[]): GrpcIdentity[] {
  const out: GrpcIdentity[] = [];
  for (const c of configs) {
    const md: Record<string, string> = {};
    if (c.bearer) md.authorization = `Bearer ${c.bearer}`;
    if (c.basic) md.authorization = `Basic ${Buffer.from(`${c.basic.username}:${c.basic.password}`).toString('base64')}`;
    if (c.apiKey?.in === 'header') md[c.apiKey.name.toLowerCase()] = c.apiKey.value;
    if (c.cookie) md.cookie = c.cookie;
    for (const [k, v] of Object.entries(c.headers ?? {})) md[k.toLowerCase()] = v;
    if (Object.keys(md).length === 0) {
      diagnostics.push({
        level: 'warning',
        message: `identity "${c.name}" has no static credential gRPC can send (bearer, basic, header API key, headers); it is not used`,
      });
      continue;
    }
    out.push({ name: c.name, metadata: md });
  }
  return out;
}

/** JSON for evidence: long strings and bytes shortened so a 5 MB request stays a few hundred bytes. */
function jsonOf(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'string' && v.length > EVIDENCE_STRING) return `${v.slice(0, 40)}…(${v.length} chars)`;
    return v;
  });
}

/** Loads --proto files (imports resolved beside each file, then from the working directory). */
function loadProtos(files: string[], cwd: string, diagnostics: Diagnostic[]): protobuf.Root | undefined {
  const abs: string[] = [];
  for (const f of files) {
    const p = resolve(cwd, f);
    if (!existsSync(p)) {
      diagnostics.push({ level: 'error', message: 'no such .proto file', file: f });
      continue;
    }
    try {
      parseProto(readFileSync(p, 'utf8'), f);
      abs.push(p);
    } catch (e) {
      const pos = e instanceof ProtoSyntaxError ? { line: e.line, column: e.column } : {};
      diagnostics.push({ level: 'error', message: `not a valid .proto file: ${(e as Error).message}`, file: f, ...pos });
    }
  }
  if (abs.length === 0) return undefined;
  const root = new protobuf.Root();
  const dirs = [...new Set([...abs.map(dirname), cwd])];
  root.resolvePath = (origin, target) => {
    if (target.startsWith('/') && existsSync(target)) return target;
    for (const d of [origin ? dirname(origin) : cwd, ...dirs]) {
      const p = resolve(d, target);
      if (existsSync(p)) return p;
    }
    // protobufjs knows google/protobuf/*.proto itself; other missing imports (validate rules) are skipped.
    return target.startsWith('google/protobuf/') ? target : (null as unknown as string);
  };
  try {
    root.loadSync(abs, { keepCase: true });
    root.resolveAll();
    return root;
  } catch (e) {
    diagnostics.push({ level: 'error', message: `cannot load the .proto files: ${(e as Error).message}` });
    return undefined;
  }
}

export async function probeGrpc(opts: ProtocolProbeOptions): Promise<RunResult> {
  const started = Date.now();
  const diagnostics: Diagnostic[] = [];
  const findings: Finding[] = [];
  const all = await grpcProbeChecks();
  const checks = all.filter((c) => ruleConfig(opts.config, c.id).enabled && (!opts.rules || opts.rules.includes(c.id)));
  const done = (scanned: string[]) =>
    finishRun(
      {
        command: 'probe',
        started,
        findings,
        checks: checks.map(checkMetaOf),
        diagnostics,
        scanned,
        skipped: [],
        suppressed: { inline: 0, baseline: 0, config: all.length - checks.length },
      },
      opts.baseline,
    );

  let target: GrpcTarget;
  try {
    target = parseTarget(opts.target);
  } catch (e) {
    diagnostics.push({ level: 'error', message: (e as Error).message });
    return done([]);
  }
  const budget = opts.run.budget ?? DEFAULT_BUDGET;
  const timeoutMs = opts.run.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let sent = 0;
  const canSend = () => sent < budget;
  const progress = (what: string) => opts.onProgress?.({ sent, budget, what });
  // --rate N: at most N calls a second (calls are sequential, so spacing them is enough).
  const gap = opts.run.rate && opts.run.rate > 0 ? 1000 / opts.run.rate : 0;
  let last = 0;
  const pace = async () => {
    const wait = last + gap - Date.now();
    if (gap && wait > 0) await new Promise((r) => setTimeout(r, wait));
    last = Date.now();
  };

  // Transport first: which of plaintext and TLS the server accepts.
  const tryTransport = async (tls: boolean): Promise<{ client: grpc.Client; call: GrpcCall } | undefined> => {
    const client = openChannel(target.address, target.host, tls);
    await pace();
    sent++;
    progress(tls ? 'TLS' : 'plaintext');
    const r = await rawUnary({ client, path: PING.path, body: Buffer.alloc(0), metadata: {}, timeoutMs: Math.min(timeoutMs, 5000) });
    const call: GrpcCall = {
      method: PING,
      requestJson: '{}',
      requestBytes: 0,
      metadata: {},
      trailers: r.trailers,
      code: r.code,
      details: r.details,
      error: r.error,
    };
    // The probe's method exists nowhere: UNIMPLEMENTED (or any status) proves gRPC; UNAVAILABLE is the transport failing.
    if (r.code === undefined || r.code === 14 || r.code === 4) {
      client.close();
      return undefined;
    }
    return { client, call };
  };
  const tls = await tryTransport(true);
  const plain = target.tlsOnly && tls ? undefined : await tryTransport(false);
  const channel = tls ?? plain;
  if (!channel) {
    diagnostics.push({ level: 'error', message: `cannot reach a gRPC server at ${target.address} (neither TLS nor plaintext answered)` });
    return done([]);
  }
  if (tls && plain) plain.client.close();
  const client = channel.client;
  const scheme = tls ? 'grpcs' : 'grpc';

  const identities = grpcIdentities(opts.identities, diagnostics);
  const redactor: Redactor = {
    secrets: identities.flatMap((i) => Object.values(i.metadata).flatMap((v) => [v, v.replace(/^(?:Bearer|Basic)\s+/i, '')])),
    headerNames: [...new Set(identities.flatMap((i) => Object.keys(i.metadata)))],
    queryNames: [],
  };

  // The API's methods: from --proto when given, else from server reflection.
  let root: protobuf.Root | undefined;
  const protoFlags: string[] = [];
  if (opts.proto?.length) {
    root = loadProtos(opts.proto, opts.cwd, diagnostics);
    for (const f of opts.proto)
      protoFlags.push('-import-path', relative(opts.cwd, dirname(resolve(opts.cwd, f))) || '.', '-proto', f.split('/').pop() as string);
  }
  let reflection: GrpcProbeContext['reflection'];
  for (const version of REFLECTION_VERSIONS) {
    if (!canSend()) break;
    progress(`reflection ${version}`);
    const r = await reflect(client, version, timeoutMs, new Metadata(), async () => {
      if (!canSend()) return false;
      await pace();
      sent++;
      return true;
    });
    if (!r) continue;
    const t = reflectionTypes(version);
    reflection = {
      version,
      services: r.services,
      call: {
        method: { path: t.path, service: t.service, name: 'ServerReflectionInfo' },
        requestJson: '{"list_services": ""}',
        requestBytes: 3,
        metadata: {},
        trailers: {},
        code: 0,
        responseJson: JSON.stringify({ list_services_response: { service: r.services.map((name) => ({ name })) } }),
      },
    };
    if (r.problem) diagnostics.push({ level: 'warning', message: `server reflection (${version}): ${r.problem}` });
    root ??= r.root;
    break;
  }
  // Unary and server-streaming methods: one request each. Client streams are left out.
  const methods = root ? methodsOf(root, MAX_METHODS).filter((m) => !m.clientStreaming) : [];
  if (!root) {
    diagnostics.push({
      level: 'warning',
      message: opts.proto?.length
        ? 'the server has no reflection and no --proto file could be read: only transport checks ran'
        : "the server has no reflection and no --proto was given: only transport checks ran (give the service's .proto files with --proto)",
    });
  }

  const ev: EvidenceContext = { target: target.address, plaintext: !tls, identities, redactor, protoFlags: reflection ? [] : protoFlags };
  const calls: GrpcCall[] = [];
  const anonymous = new Map<string, Promise<GrpcCall>>();
  const call = async (method: GrpcMethod, message: Record<string, unknown> | Buffer, o: CallOptions = {}): Promise<GrpcCall> => {
    const ident = o.identity ? identities.find((i) => i.name === o.identity) : undefined;
    const metadata = { ...(ident?.metadata ?? {}), ...(o.metadata ?? {}) };
    let body: Buffer;
    let requestJson: string;
    if (Buffer.isBuffer(message)) {
      body = message;
      requestJson = `{} (plus ${message.length} bytes of an unknown field)`;
    } else {
      body = Buffer.from(method.request.encode(method.request.fromObject(message)).finish());
      requestJson = jsonOf(message);
    }
    const out: GrpcCall = { method, requestJson, requestBytes: body.length, metadata, identity: ident?.name, trailers: {} };
    if (!canSend()) {
      out.error = 'request budget exhausted';
      return out;
    }
    if (body.length > MAX_REQUEST_BYTES) {
      out.error = 'request larger than the probe sends';
      return out;
    }
    await pace();
    sent++;
    progress(method.path);
    const r = await (method.serverStreaming ? rawServerStream : rawUnary)({ client, path: method.path, body, metadata, timeoutMs });
    Object.assign(out, { code: r.code, details: r.details, trailers: r.trailers, error: r.error });
    if (r.response) {
      try {
        out.responseJson = jsonOf(
          method.response.toObject(method.response.decode(r.response), { longs: String, enums: String, bytes: String }),
        );
      } catch (e) {
        out.responseJson = `(${r.response.length} bytes that do not decode as ${method.response.fullName}: ${(e as Error).message})`;
      }
    }
    calls.push(out);
    return out;
  };

  const reported = new Set<string>();
  for (const check of [...checks.filter((c) => c.phase !== 'last'), ...checks.filter((c) => c.phase === 'last')]) {
    const rc = ruleConfig(opts.config, check.id);
    const ctx: GrpcProbeContext = {
      target: target.address,
      host: target.host,
      loopback: target.loopback,
      privateNetwork: target.privateNetwork,
      transport: tls ? 'tls' : 'plaintext',
      tls: tls?.call,
      plaintext: plain?.call,
      reflection,
      methods,
      identities,
      options: { ...check.defaultOptions, ...rc.options },
      call,
      anonymous(method) {
        let p = anonymous.get(method.path);
        if (!p) {
          p = call(method, {});
          anonymous.set(method.path, p);
        }
        return p;
      },
      calls: () => calls,
      report(r) {
        // gRPC is HTTP/2 POST to this URL (h2c without TLS): reporters group and link findings by its origin.
        const url = `${tls ? 'https' : 'http'}://${target.address}${r.path}`;
        const location = { kind: 'http' as const, method: 'GRPC', path: r.path, url };
        const fingerprint = fingerprintOf(check.id, location, sha256(r.messageId));
        if (reported.has(fingerprint)) return;
        reported.add(fingerprint);
        const first = r.calls[0] as GrpcCall;
        findings.push(
          findingOf(
            check,
            rc.severity ?? r.severity ?? check.severity,
            r,
            location,
            fingerprint,
            evidenceOf(first, ev, r.reproducer, r.dataWord),
          ),
        );
      },
    };
    try {
      await check.run(ctx);
    } catch (e) {
      diagnostics.push(checkFailed(check.id, e));
    }
  }
  client.close();
  if (!canSend())
    diagnostics.push({
      level: 'warning',
      message: `the request budget (${budget}) ran out; some checks did not finish (raise it with --budget)`,
    });
  progress('done');
  return done([`${scheme}://${target.address}`]);
}

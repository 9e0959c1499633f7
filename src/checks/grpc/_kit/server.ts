import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { descriptor, type ReflectionVersion, reflectionTypes } from '../../../engines/grpc/probe/reflection.ts';

/**
 * The gRPC test server: one small shop API (./shop.proto) on 127.0.0.1, whose flaws are switched on
 * one by one. The vulnerable configuration has them all; the hardened twin none.
 */
export interface ShopServerConfig {
  /** Serve server reflection v1alpha (implemented here with protobufjs descriptors). */
  reflection: boolean;
  /**
   * `verify`: an interceptor checks `authorization: Bearer alice-token` on every call. `presence`: no
   * interceptor; only Admin checks that some authorization entry exists. `none`: nothing is checked.
   */
  auth: 'verify' | 'presence' | 'none';
  /** Errors carry the stack trace and the database message. */
  verboseErrors: boolean;
  /** grpc.max_receive_message_length; -1 removes the limit. */
  maxReceiveBytes: number;
  /** Serve TLS only (a throwaway self-signed certificate made with openssl). */
  tls?: boolean;
}

export const HARDENED: ShopServerConfig = { reflection: false, auth: 'verify', verboseErrors: false, maxReceiveBytes: 64 * 1024 };
export const VULNERABLE: ShopServerConfig = { reflection: true, auth: 'presence', verboseErrors: true, maxReceiveBytes: -1 };

export const VALID_TOKEN = 'alice-token-7f3a9c21';
export const PROTO_FILE = new URL('./shop.proto', import.meta.url);

const root = protobuf.parse(readFileSync(PROTO_FILE, 'utf8'), { keepCase: true }).root;
root.resolveAll();

type Handler = (req: Record<string, unknown>, md: grpc.Metadata) => Record<string, unknown>;

class Failure extends Error {
  readonly code: grpc.status;
  constructor(code: grpc.status, message: string) {
    super(message);
    this.code = code;
  }
}

const USERS = [
  { id: 'u1', name: 'Alice', email: 'alice@example.com' },
  { id: 'u2', name: 'Bob', email: 'bob@example.com' },
];

function lookup(id: string, cfg: ShopServerConfig): Record<string, unknown> {
  if (cfg.verboseErrors) {
    // The planted flaw: the query is built by concatenation and the driver's error goes back as is.
    const sql = `SELECT * FROM users WHERE id = '${id}'`;
    if ((sql.match(/'/g) ?? []).length % 2 === 1) throw new Error(`SQLITE_ERROR: near "'": syntax error in ${sql}`);
  } else if (!/^[\w-]{0,64}$/.test(id)) throw new Failure(grpc.status.INVALID_ARGUMENT, 'id must be letters, digits, - or _');
  const u = USERS.find((x) => x.id === id);
  if (!u) throw new Failure(grpc.status.NOT_FOUND, 'no such user');
  return u;
}

function handlers(cfg: ShopServerConfig): Record<string, Handler> {
  return {
    '/shop.v1.Users/GetUser': (req) => lookup(String(req.id ?? ''), cfg),
    '/shop.v1.Users/ListUsers': () => ({ users: USERS }),
    '/shop.v1.Users/WatchUsers': () => ({ stream: USERS }),
    '/shop.v1.Users/DeleteUser': () => {
      throw new Failure(grpc.status.FAILED_PRECONDITION, 'the test server never deletes');
    },
    '/shop.v1.Admin/GetStats': (_req, md) => {
      // `presence`: the planted flaw checks that a token is there, not that it is valid.
      if (cfg.auth === 'presence' && md.get('authorization').length === 0) throw new Failure(grpc.status.UNAUTHENTICATED, 'missing token');
      return { users: USERS.length, orders: 5 };
    },
  };
}

function toStatus(e: unknown, cfg: ShopServerConfig): Partial<grpc.StatusObject> {
  if (e instanceof Failure) return { code: e.code, details: e.message };
  if (cfg.verboseErrors) return { code: grpc.status.INTERNAL, details: (e as Error).stack ?? String(e) };
  return { code: grpc.status.INTERNAL, details: 'internal error' };
}

function addShop(server: grpc.Server, cfg: ShopServerConfig, log: string[]): void {
  const impl = handlers(cfg);
  for (const svc of [root.lookupService('shop.v1.Users'), root.lookupService('shop.v1.Admin')]) {
    const definition: Record<string, grpc.MethodDefinition<Record<string, unknown>, Record<string, unknown>>> = {};
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const m of svc.methodsArray) {
      const path = `/${svc.fullName.slice(1)}/${m.name}`;
      const req = m.resolvedRequestType as protobuf.Type;
      const res = m.resolvedResponseType as protobuf.Type;
      definition[m.name] = {
        path,
        requestStream: false,
        responseStream: m.responseStream === true,
        requestSerialize: (v: Record<string, unknown>) => Buffer.from(req.encode(req.fromObject(v)).finish()),
        requestDeserialize: (b: Buffer) => req.toObject(req.decode(b)),
        responseSerialize: (v: Record<string, unknown>) => Buffer.from(res.encode(res.fromObject(v)).finish()),
        responseDeserialize: (b: Buffer) => res.toObject(res.decode(b)),
      };
      if (m.responseStream) {
        // A watch: sends what there is and ends (the probe reads the first message and cancels).
        implementation[m.name] = (call: grpc.ServerWritableStream<Record<string, unknown>, unknown>) => {
          log.push(path);
          for (const item of (impl[path] as Handler)(call.request, call.metadata).stream as unknown[]) call.write(item);
          call.end();
        };
        continue;
      }
      implementation[m.name] = (call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>, cb: grpc.sendUnaryData<unknown>) => {
        log.push(path);
        try {
          cb(null, (impl[path] as Handler)(call.request, call.metadata));
        } catch (e) {
          cb(toStatus(e, cfg));
        }
      };
    }
    server.addService(definition, implementation);
  }
}

/** Server reflection v1alpha over the shop's descriptors (no reflection package is installed). */
function addReflection(server: grpc.Server, version: ReflectionVersion): void {
  const t = reflectionTypes(version);
  const files = root.toDescriptor('proto3').file.map((f) => Buffer.from(descriptor.FileDescriptorProto.encode(f).finish()));
  const services = ['shop.v1.Users', 'shop.v1.Admin', t.service];
  const definition: grpc.ServiceDefinition = {
    ServerReflectionInfo: {
      path: t.path,
      requestStream: true,
      responseStream: true,
      requestSerialize: (v: Record<string, unknown>) => Buffer.from(t.request.encode(t.request.fromObject(v)).finish()),
      requestDeserialize: (b: Buffer) => t.request.toObject(t.request.decode(b)),
      responseSerialize: (v: Record<string, unknown>) => Buffer.from(t.response.encode(t.response.fromObject(v)).finish()),
      responseDeserialize: (b: Buffer) => t.response.toObject(t.response.decode(b)),
    },
  };
  server.addService(definition, {
    ServerReflectionInfo: (call: grpc.ServerDuplexStream<Record<string, unknown>, Record<string, unknown>>) => {
      call.on('data', (req: Record<string, unknown>) => {
        if (req.list_services !== undefined)
          call.write({ original_request: req, list_services_response: { service: services.map((name) => ({ name })) } });
        else if (req.file_containing_symbol !== undefined || req.file_by_filename !== undefined)
          call.write({ original_request: req, file_descriptor_response: { file_descriptor_proto: files } });
        else
          call.write({ original_request: req, error_response: { error_code: grpc.status.UNIMPLEMENTED, error_message: 'not supported' } });
      });
      call.on('end', () => call.end());
    },
  });
}

/** Checks the bearer token on every call before any handler runs, denying by default. */
const authInterceptor: grpc.ServerInterceptor = (method, call) =>
  // The usual allowlist: the framework's reflection and health services skip authentication.
  /^\/grpc\.(?:reflection|health)\./.test(method.path)
    ? new grpc.ServerInterceptingCall(call)
    : new grpc.ServerInterceptingCall(call, {
        start(next) {
          next({
            onReceiveMetadata(md, mdNext) {
              if (md.get('authorization')[0] !== `Bearer ${VALID_TOKEN}`) {
                call.sendStatus({ code: grpc.status.UNAUTHENTICATED, details: 'unauthenticated', metadata: new grpc.Metadata() });
                return;
              }
              mdNext(md);
            },
          });
        },
      });

function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-grpc-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RunningServer {
  /** 127.0.0.1:PORT */
  address: string;
  /** Paths of the API methods whose handler ran, in order. */
  calls: string[];
  /**
   * Paths of every call the server received, in order: served, refused by the auth interceptor or the
   * size limit, and unimplemented ones (a "no finding" test proves the probe asked something with it).
   */
  received: string[];
  /** Each TCP connection, by what its first bytes spoke (a plaintext try at a TLS-only server shows here). */
  connections: Array<'tls' | 'plaintext'>;
  stop(): Promise<void>;
}

type HandlerLookup = (path: string) => unknown;

/**
 * grpc-js looks every incoming call's path up here, unknown ones included, before any interceptor runs;
 * there is no public hook that sees unimplemented calls. Fails loudly if a grpc-js upgrade renames it.
 */
function recordReceived(server: grpc.Server, received: string[]): void {
  const internals = server as unknown as { _retrieveHandler?: HandlerLookup };
  const lookup = internals._retrieveHandler;
  if (typeof lookup !== 'function') throw new Error("grpc-js has no Server._retrieveHandler any more: update the test kit's call recorder");
  internals._retrieveHandler = (path) => {
    received.push(path);
    return lookup.call(server, path);
  };
}

/** Listens itself and hands each connection to grpc-js, noting whether it opened with a TLS handshake. */
async function listen(server: grpc.Server, creds: grpc.ServerCredentials, connections: RunningServer['connections']) {
  const injector = server.createConnectionInjector(creds);
  const sockets = new Set<Socket>();
  const listener = createServer((socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      // 0x16: a TLS handshake record; a plaintext HTTP/2 client starts with "PRI * HTTP/2.0".
      connections.push(first[0] === 0x16 ? 'tls' : 'plaintext');
      socket.unshift(first);
      injector.injectConnection(socket);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (listener.address() as { port: number }).port,
    // A client that connected and never spoke is no gRPC session: forceShutdown would not end it.
    close: () => {
      listener.close();
      for (const s of sockets) s.destroy();
    },
  };
}

export async function startShopServer(cfg: ShopServerConfig): Promise<RunningServer> {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': cfg.maxReceiveBytes,
    interceptors: cfg.auth === 'verify' ? [authInterceptor] : [],
  });
  const calls: string[] = [];
  const received: string[] = [];
  const connections: RunningServer['connections'] = [];
  recordReceived(server, received);
  addShop(server, cfg, calls);
  if (cfg.reflection) addReflection(server, 'v1alpha');
  let creds = grpc.ServerCredentials.createInsecure();
  if (cfg.tls) {
    const { key, cert } = selfSigned();
    creds = grpc.ServerCredentials.createSsl(null, [{ private_key: key, cert_chain: cert }], false);
  }
  const listener = await listen(server, creds, connections);
  return {
    address: `127.0.0.1:${listener.port}`,
    calls,
    received,
    connections,
    // Force: a reflection stream the probe cancelled must not hold the test up.
    stop: async () => {
      server.forceShutdown();
      listener.close();
    },
  };
}

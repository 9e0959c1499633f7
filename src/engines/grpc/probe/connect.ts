import { isIP } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import type { GrpcCall, GrpcMethod } from './types.ts';

/** Responses above this size are refused by the probe's own channel (bounded memory). */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Requests the probe may send: the oversized-message check sends a few MB. */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': MAX_RESPONSE_BYTES,
  'grpc.max_send_message_length': MAX_REQUEST_BYTES,
  'grpc.enable_retries': 0,
  'grpc.service_config_disable_resolution': 1,
  'grpc.initial_reconnect_backoff_ms': 200,
  'grpc.max_reconnect_backoff_ms': 1000,
};

export function openChannel(address: string, host: string, tls: boolean): grpc.Client {
  // TLS only to learn whether the server speaks it: the probe is no certificate validator.
  const creds = tls
    ? grpc.credentials.createSsl(null, null, null, { rejectUnauthorized: false, checkServerIdentity: () => undefined })
    : grpc.credentials.createInsecure();
  // An IP address is no TLS server name (RFC 6066); Node warns when one is sent as SNI.
  const sni = tls && isIP(host) ? { 'grpc.ssl_target_name_override': 'rampart.invalid' } : {};
  return new grpc.Client(address, creds, { ...CHANNEL_OPTIONS, ...sni });
}

/** A method nobody implements: any gRPC status back means the transport works. */
export const PING: GrpcCall['method'] = { path: '/rampart.probe.v1.Probe/Ping', service: 'rampart.probe.v1.Probe', name: 'Ping' };

export interface RawResult {
  code?: number;
  details?: string;
  trailers: Record<string, string>;
  response?: Buffer;
  error?: string;
}

const identity = (b: Buffer) => b;

/** What both call shapes take: a method path, the encoded request, metadata, a deadline. */
export interface RawCall {
  client: grpc.Client;
  path: string;
  body: Buffer;
  metadata: Record<string, string>;
  timeoutMs: number;
}

function metadataOf(record: Record<string, string>): grpc.Metadata {
  const md = new grpc.Metadata();
  for (const [k, v] of Object.entries(record)) md.add(k, v);
  return md;
}

/** One unary call with raw bytes; resolves with the status, never rejects. */
export function rawUnary({ client, path, body, metadata, timeoutMs }: RawCall): Promise<RawResult> {
  const md = metadataOf(metadata);
  return new Promise((resolve) => {
    let trailers: Record<string, string> = {};
    const call = client.makeUnaryRequest(path, identity, identity, body, md, { deadline: Date.now() + timeoutMs }, (err, value) => {
      if (err) {
        const transport =
          err.code === grpc.status.UNAVAILABLE &&
          /No connection established|Connection dropped|failed to connect|ECONNREFUSED|ECONNRESET|Protocol error/i.test(err.details);
        resolve({
          code: transport ? undefined : err.code,
          details: err.details,
          trailers: textOf(err.metadata),
          error: transport ? `cannot reach the server: ${err.details}` : undefined,
        });
      } else resolve({ code: 0, details: '', trailers, response: value });
    });
    call.on('status', (s: grpc.StatusObject) => {
      trailers = textOf(s.metadata);
    });
  });
}

/**
 * A server-streaming call: reads the first message and cancels, so a stream that never ends (a watch)
 * costs one message. Resolves with OK when a message or a clean end came back.
 */
export function rawServerStream({ client, path, body, metadata, timeoutMs }: RawCall): Promise<RawResult> {
  const md = metadataOf(metadata);
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: RawResult) => {
      if (done) return;
      done = true;
      resolve(r);
    };
    const call = client.makeServerStreamRequest(path, identity, identity, body, md, { deadline: Date.now() + timeoutMs });
    call.on('data', (value: Buffer) => {
      finish({ code: 0, details: '', trailers: {}, response: value });
      call.cancel();
    });
    call.on('error', (err: grpc.ServiceError) => finish({ code: err.code, details: err.details, trailers: textOf(err.metadata) }));
    call.on('status', (s: grpc.StatusObject) => finish({ code: s.code, details: s.details, trailers: textOf(s.metadata) }));
  });
}

/** Trailing metadata as text; binary values (`-bin`) keep their printable runs (status details carry text). */
function textOf(md: grpc.Metadata | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!md) return out;
  for (const [k, v] of Object.entries(md.getMap())) {
    if (k === 'content-type') continue;
    out[k] = Buffer.isBuffer(v)
      ? v
          .toString('latin1')
          .replace(/[^\x20-\x7e\n]+/g, ' ')
          .trim()
      : String(v);
  }
  return out;
}

/** Methods of every service in a root, the framework's own services left out. */
export function methodsOf(root: protobuf.Root, max: number): GrpcMethod[] {
  const out: GrpcMethod[] = [];
  const walk = (ns: protobuf.NamespaceBase) => {
    for (const obj of ns.nestedArray) {
      if (out.length >= max) return;
      if (obj instanceof protobuf.Service) {
        const service = obj.fullName.replace(/^\./, '');
        if (/^grpc\.(?:reflection|health)\./.test(service)) continue;
        for (const m of obj.methodsArray) {
          m.resolve();
          if (!m.resolvedRequestType || !m.resolvedResponseType || out.length >= max) continue;
          out.push({
            service,
            name: m.name,
            path: `/${service}/${m.name}`,
            request: m.resolvedRequestType,
            response: m.resolvedResponseType,
            clientStreaming: m.requestStream === true,
            serverStreaming: m.responseStream === true,
          });
        }
      } else if (obj instanceof protobuf.Namespace) walk(obj);
    }
  };
  walk(root);
  return out;
}

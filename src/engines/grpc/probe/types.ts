import type protobuf from 'protobufjs';
import type { CheckMeta, Severity } from '../../../core/index.ts';

/** A method of the server under test, with the types to encode its request and decode its response. */
export interface GrpcMethod {
  /** `shop.v1.Users`. */
  service: string;
  name: string;
  /** `/shop.v1.Users/GetUser`, as on the wire. */
  path: string;
  request: protobuf.Type;
  response: protobuf.Type;
  clientStreaming: boolean;
  serverStreaming: boolean;
}

/** One call and its outcome: what checks judge and findings carry as proof. */
export interface GrpcCall {
  method: GrpcMethod | { path: string; service: string; name: string };
  /** The request as JSON (what grpcurl's `-d` takes); big values shortened. */
  requestJson: string;
  requestBytes: number;
  /** Metadata sent, credentials included (evidence redacts them). */
  metadata: Record<string, string>;
  identity?: string;
  /** gRPC status code (0 = OK) and message; undefined when no status came back. */
  code?: number;
  details?: string;
  /** Trailing metadata as text (binary values decoded as far as they are printable). */
  trailers: Record<string, string>;
  /** The response as JSON, when the call succeeded. */
  responseJson?: string;
  /** Why nothing came back: a transport error, the deadline, the budget. */
  error?: string;
}

/** An identity of the probe config as metadata (`authorization: Bearer ...`). */
export interface GrpcIdentity {
  name: string;
  metadata: Record<string, string>;
}

export interface CallOptions {
  /** An identity's name; omitted: anonymous. */
  identity?: string;
  /** Extra metadata (lower-case keys) added after the identity's. */
  metadata?: Record<string, string>;
}

export interface GrpcReport {
  /** The method the finding is about; omitted for server-wide findings (transport, reflection). */
  path: string;
  messageId: string;
  data?: Record<string, unknown>;
  severity?: Severity;
  /** The call that proves it (the first is the evidence). */
  calls: GrpcCall[];
  /** Replaces the grpcurl command built from the call (a reproducer that needs more than one call). */
  reproducer?: string;
  /** The grpcurl `-d` argument as a shell word, when the request is too big to print. */
  dataWord?: string;
}

export interface GrpcProbeContext {
  /** HOST:PORT as given (scheme removed). */
  target: string;
  host: string;
  /** Loopback (127.0.0.0/8, ::1, localhost): a test or local server. */
  loopback: boolean;
  /** Private address ranges (10/8, 172.16/12, 192.168/16, fc00::/7) or a single-label host name. */
  privateNetwork: boolean;
  /** The channel the probe talks on. */
  transport: 'plaintext' | 'tls';
  /** What the server accepted when the probe connected (with the call that proved each). */
  plaintext?: GrpcCall;
  tls?: GrpcCall;
  /** Server reflection, when it answered. */
  reflection?: { version: string; services: string[]; call: GrpcCall };
  /** Unary and server-streaming methods of the API (the framework's health and reflection services left out). */
  methods: GrpcMethod[];
  identities: GrpcIdentity[];
  options: Record<string, unknown>;
  /** One call with a deadline, counted against the budget; never throws. */
  call(method: GrpcMethod, message: Record<string, unknown> | Buffer, opts?: CallOptions): Promise<GrpcCall>;
  /** The anonymous call with an empty request, made once per method and shared by the checks. */
  anonymous(method: GrpcMethod): Promise<GrpcCall>;
  /** Every call made so far (passive checks read them). */
  calls(): GrpcCall[];
  report(r: GrpcReport): void;
}

/** A live check of a gRPC server: metadata plus one function. */
export interface GrpcProbeCheck extends CheckMeta {
  stage: 'probe';
  /** `last` runs after every other check (passive checks that read the others' calls). */
  phase?: 'normal' | 'last';
  run(ctx: GrpcProbeContext): Promise<void>;
}

export function defineGrpcProbeCheck(c: GrpcProbeCheck): GrpcProbeCheck {
  return c;
}

/** gRPC status names, for messages and evidence. */
export const STATUS_NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

export function statusName(code: number | undefined): string {
  return code === undefined ? 'no status' : `${STATUS_NAMES[code] ?? 'UNKNOWN'} (${code})`;
}

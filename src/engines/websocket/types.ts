/**
 * The contracts between the WebSocket engine and its checks: AsyncAPI checks (stage `design`) judge a
 * read document and report JSON pointers; probe checks (stage `probe`) open real connections to the
 * endpoint and report the sessions that prove the flaw.
 */
import type { CheckMeta, Confidence, Severity } from '../../core/index.ts';
import type { Identity } from '../probe/types.ts';
import type { AsyncApiDoc } from './asyncapi.ts';

export interface AsyncApiReport {
  pointer: string;
  messageId: string;
  data?: Record<string, unknown>;
  /** Highlight the key (default) or the value. */
  part?: 'key' | 'value';
  severity?: Severity;
  /** A short excerpt shown as evidence. */
  evidence?: string;
  /** What makes the finding distinct at its pointer (default: message id + data). */
  fingerprintKey?: string;
}

export interface AsyncApiContext {
  options: Record<string, unknown>;
  report(r: AsyncApiReport): void;
}

export interface AsyncApiCheck extends CheckMeta {
  stage: 'design';
  check(api: AsyncApiDoc, ctx: AsyncApiContext): void;
}

export function defineAsyncApiCheck(c: Omit<AsyncApiCheck, 'stage'>): AsyncApiCheck {
  return { ...c, stage: 'design' };
}

/** One frame of a session, as evidence shows it. */
export interface Frame {
  dir: 'sent' | 'received';
  /** Text, or `<binary N bytes>`; cut for evidence. */
  text: string;
  /** The text as received, up to 64 KiB, for checks that read it (never shown whole). */
  data: string;
  /** Length in bytes of the whole frame. */
  bytes: number;
}

export interface UpgradeResult {
  /** 101 when the upgrade was accepted; 0 when no HTTP answer came. */
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The start of the body of a refused upgrade. */
  body?: string;
}

/** An open (or refused) WebSocket connection made by the engine. */
export interface WsSession {
  /** The URL connected to (credentials in it redacted in evidence). */
  url: string;
  /** Headers sent with the upgrade request (lower case). */
  sentHeaders: Record<string, string>;
  /** The identity whose credentials were sent, if any. */
  identity?: string;
  upgrade: UpgradeResult;
  /** True after a 101 while the connection is still open. */
  readonly open: boolean;
  /** Close code and reason, once closed (1006 when the connection dropped without a close frame). */
  readonly closed?: { code: number; reason: string };
  /** Network problem or budget exhausted: why there is no upgrade. */
  error?: string;
  frames: Frame[];
  /** Sends one text or binary frame (counted against the budget); false when it could not be sent. */
  send(data: string | Buffer): boolean;
  /** Frames received after `since` (index into `frames`), waiting up to `ms` for the first one. */
  receive(ms: number, since?: number): Promise<Frame[]>;
  /** Resolves when the connection is closed or after `ms`. */
  waitClose(ms: number): Promise<{ code: number; reason: string } | undefined>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Identity whose credentials go with the upgrade (headers, cookies, query); null: none. */
  as: string | null;
  /** The Origin header: default the target's own origin; null sends none. */
  origin?: string | null;
  /** Connect over TLS (wss://) to this port of the target's host instead of the target itself; anonymous only. */
  tlsPort?: number;
  /** Query parameters added to the target URL. */
  query?: Record<string, string>;
  /**
   * Which of the identity's credentials go with the upgrade: all (default), only its cookies (what a
   * browser sends on a cross-site page), or none (the caller puts a token in `query`).
   */
  credentials?: 'all' | 'cookie' | 'none';
}

export interface WsReport {
  messageId: string;
  data?: Record<string, unknown>;
  severity?: Severity;
  confidence?: Confidence;
  /** The proof, most telling first. */
  sessions: WsSession[];
  identities?: string[];
  fingerprintKey?: string;
}

export interface WsProbeContext {
  /** The ws:// or wss:// URL probed. */
  target: URL;
  /** The check's defaultOptions merged with the config's options. */
  options: Record<string, unknown>;
  identities: Identity[];
  /** Identities that send a session cookie (what cross-site hijacking rides on). */
  cookieIdentities(): string[];
  /** Identities with a bearer or login token that can be moved into the query string. */
  tokenIdentities(): Promise<{ name: string; token: string }[]>;
  /** Identities that authenticate in the query string as configured. */
  queryIdentities(): string[];
  /** Per-wait timeout for replies (ms). */
  replyMs: number;
  signal: AbortSignal;
  connect(opts: ConnectOptions): Promise<WsSession>;
  /** A session the endpoint accepted: the first identity it lets in, else an anonymous one; undefined if none. */
  connectAccepted(): Promise<WsSession | undefined>;
  /** Sends the check's probe message and returns the frames that answered (data), excluding refusals. */
  exchange(session: WsSession, message?: string): Promise<Frame[]>;
  /** Messages the run may still send (connections and frames count). */
  remaining(): number;
  report(r: WsReport): void;
  /** A note for the user (a check that could not run, and why). */
  note(message: string): void;
}

export interface WsProbeCheck extends CheckMeta {
  stage: 'probe';
  /** `last`: after the other checks (floods and huge frames may get the prober throttled or banned). */
  phase?: 'normal' | 'last';
  run(ctx: WsProbeContext): Promise<void>;
}

export function defineWsProbeCheck(c: Omit<WsProbeCheck, 'stage'>): WsProbeCheck {
  return { ...c, stage: 'probe' };
}

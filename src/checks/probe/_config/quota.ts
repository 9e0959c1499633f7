import type { Endpoint, Exchange, ProbeContext, ProbeRequest, Schema } from '../../../engines/probe/types.ts';
import { endpointWords, header, median } from './exchanges.ts';

/**
 * Shared by rate-limit-not-enforced and brute-force-not-prevented: which endpoints are login, OTP and
 * other sensitive flows, bounded bursts through `ctx.send`, and the signs that a limit is enforced.
 */

const LIMIT_WORDS = /too many|rate.?limit|throttl|locked|lockout|try again (?:later|in)|slow down|captcha|temporarily blocked/i;
const RATE_HEADERS = [
  'ratelimit',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-policy',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-rate-limit-limit',
];

/** Why the exchange shows a limit being enforced (429, Retry-After, RateLimit headers, lockout), or undefined. */
export function limitSignal(ex: Exchange): string | undefined {
  const res = ex.response;
  if (!res) return undefined;
  if (res.status === 429) return 'HTTP 429';
  if (res.status === 423) return 'HTTP 423 Locked';
  const retry = header(res, 'retry-after');
  if (retry !== undefined) return `Retry-After: ${retry}`;
  for (const h of RATE_HEADERS) {
    const v = header(res, h);
    if (v !== undefined) return `${h}: ${v}`;
  }
  if (res.status >= 400 && LIMIT_WORDS.test(res.body.slice(0, 2000))) return 'a lockout message';
  return undefined;
}

/**
 * True when later answers are clearly slower than the first ones (throttling or backoff): the median
 * of the last third is over three times the first third's and at least 250 ms longer.
 */
export function slowedDown(exs: Exchange[]): boolean {
  const times = exs.map((x) => x.response?.timeMs ?? 0);
  const third = Math.max(1, Math.floor(times.length / 3));
  const first = median(times.slice(0, third));
  const last = median(times.slice(-third));
  return last > first * 3 && last - first >= 250;
}

export interface BurstResult {
  exchanges: Exchange[];
  /** The first sign of an enforced limit, when one was seen (the burst stops there). */
  limited?: { signal: string; exchange: Exchange; after: number };
  /** The burst could not be completed (budget, stop, network errors): prove nothing. */
  incomplete?: string;
  elapsedMs: number;
}

/**
 * Sends `n` requests made by `make(i)` in waves (at most `wave` at once, and never more than the run's
 * concurrency), through `ctx.send` so the run's budget and rate apply. Stops at the first limit signal.
 */
export async function burst(
  ctx: ProbeContext,
  n: number,
  make: (i: number) => ProbeRequest,
  as: string | null,
  endpoint: Endpoint | undefined,
  wave = 5,
): Promise<BurstResult> {
  const started = Date.now();
  const exchanges: Exchange[] = [];
  const size = Math.max(1, Math.min(wave, ctx.run.concurrency || 1));
  for (let i = 0; i < n; i += size) {
    if (ctx.signal.aborted) return { exchanges, incomplete: 'the run was stopped', elapsedMs: Date.now() - started };
    const batch = await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, k) => ctx.send(make(i + k), as, endpoint)));
    exchanges.push(...batch);
    const bad = batch.find((x) => !x.response);
    if (bad) return { exchanges, incomplete: bad.error ?? 'no response', elapsedMs: Date.now() - started };
    for (const x of batch) {
      const signal = limitSignal(x);
      if (signal) return { exchanges, limited: { signal, exchange: x, after: exchanges.indexOf(x) + 1 }, elapsedMs: Date.now() - started };
    }
  }
  return { exchanges, elapsedMs: Date.now() - started };
}

/** A duration for messages: `40 ms`, `1.3 s`. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Distinct statuses of a burst, e.g. `200` or `401/403`. */
export function statuses(exs: Exchange[]): string {
  return [...new Set(exs.map((x) => x.response?.status ?? 0))].sort().join('/');
}

// ------------------------------------------------------------------------------------------- flows

const USER_FIELD = /^(?:user(?:_?name)?|login|e?-?mail(?:_?address)?|account|handle|phone|identifier|username)$/i;
const PASSWORD_FIELD = /^(?:pass(?:word)?|passwd|pwd|secret|passphrase)$/i;
const CODE_FIELD = /^(?:otp|code|totp|mfa_?code|otp_?code|one_?time_?(?:code|password)|verification_?code|2fa_?code|sms_?code|pin)$/i;

/** The property names of the endpoint's request body (schema properties, else example keys). */
export function bodyFields(e: Endpoint): Record<string, Schema> {
  const schema = e.body?.schema;
  const props = schema?.properties;
  if (props && typeof props === 'object') return props as Record<string, Schema>;
  const ex = e.body?.example;
  if (ex && typeof ex === 'object' && !Array.isArray(ex)) return Object.fromEntries(Object.keys(ex).map((k) => [k, {}]));
  return {};
}

export interface LoginShape {
  user: string;
  password: string;
  /** The user field is an e-mail address. */
  email: boolean;
}

/** A login operation: POST with a user and a password field, named like a login. */
export function loginShape(e: Endpoint): LoginShape | undefined {
  if (e.method !== 'POST') return undefined;
  const fields = bodyFields(e);
  const names = Object.keys(fields);
  const password = names.find((n) => PASSWORD_FIELD.test(n));
  const user = names.find((n) => USER_FIELD.test(n));
  if (!password || !user) return undefined;
  const w = endpointWords(e, true);
  const loginish = ['login', 'signin', 'logon', 'authenticate', 'auth', 'token', 'session', 'sessions', 'oauth'].some((x) => w.has(x));
  const signup = ['register', 'signup', 'users', 'accounts'].some((x) => w.has(x)) && !loginish;
  if (signup) return undefined;
  const schema = fields[user] ?? {};
  return { user, password, email: /mail/i.test(user) || schema.format === 'email' };
}

export interface CodeShape {
  field: string;
  in: 'body' | 'query';
}

/** An OTP / verification-code operation: a code field, named like MFA or verification. */
export function codeShape(e: Endpoint): CodeShape | undefined {
  const w = endpointWords(e, true);
  if (!['otp', 'mfa', '2fa', 'totp', 'verify', 'verification', 'code', 'twofactor', 'confirm'].some((x) => w.has(x))) return undefined;
  const field = Object.keys(bodyFields(e)).find((n) => CODE_FIELD.test(n));
  if (field) return { field, in: 'body' };
  const q = e.parameters.find((p) => p.in === 'query' && CODE_FIELD.test(p.name));
  return q ? { field: q.name, in: 'query' } : undefined;
}

/** Kinds of sensitive business flows a burst is aimed at. */
export type FlowKind = 'login' | 'otp' | 'reset' | 'signup' | 'expensive';

const EXPENSIVE = [
  'export',
  'exports',
  'report',
  'reports',
  'search',
  'upload',
  'uploads',
  'import',
  'imports',
  'bulk',
  'batch',
  'pdf',
  'csv',
];

/**
 * The sensitive flow the endpoint belongs to (login, OTP, password reset, sign-up, expensive operation).
 * Reset, sign-up and expensive operations are named by their path or operation id only: a summary or a
 * tag such as "search" is too broad a hint to aim a burst at.
 */
export function flowKind(e: Endpoint): FlowKind | undefined {
  if (e.method === 'DELETE') return undefined;
  if (loginShape(e)) return 'login';
  if (codeShape(e)) return 'otp';
  const w = endpointWords(e);
  if (e.method === 'POST' && (w.has('reset') || w.has('forgot') || w.has('forgotpassword') || w.has('resetpassword'))) return 'reset';
  if (e.method === 'POST' && (w.has('signup') || w.has('register') || w.has('registration'))) return 'signup';
  if (EXPENSIVE.some((x) => w.has(x))) return 'expensive';
  return undefined;
}

/** A request body with `patch` merged in (JSON or form), or the request as it was. */
export function patchBody(req: ProbeRequest, patch: Record<string, string>): ProbeRequest {
  if (req.form) return { ...req, form: { ...req.form, ...patch } };
  const base = req.json && typeof req.json === 'object' && !Array.isArray(req.json) ? (req.json as Record<string, unknown>) : {};
  return { ...req, json: { ...base, ...patch } };
}

/** A query parameter set on a request path. */
export function withQuery(req: ProbeRequest, name: string, value: string): ProbeRequest {
  const [path, qs] = req.path.split('?') as [string, string | undefined];
  const q = new URLSearchParams(qs ?? '');
  q.set(name, value);
  return { ...req, path: `${path}?${q.toString()}` };
}

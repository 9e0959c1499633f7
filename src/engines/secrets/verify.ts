/**
 * Optional live verification (`rampart secrets --verify`): for a few providers whose documented
 * "who am I" call reads nothing and changes nothing, ask the issuer whether a found credential is live.
 *
 * A secret is only ever sent to its provider's configured base URL (built in, or `secrets.verify.baseUrls`
 * in the config), never to a host taken from the scanned text; redirects are never followed (a redirect
 * elsewhere must not carry the secret); nothing is sent at all unless verification was asked for.
 */
import type { Finding } from '../../core/index.ts';

/** `live`: the issuer accepted it; `revoked`: the issuer rejected it; `unknown`: no clear answer. */
export type Verdict = 'live' | 'revoked' | 'unknown';

export type VerifyProvider = 'github' | 'slack' | 'stripe' | 'sendgrid' | 'openai';

export const DEFAULT_BASE_URLS: Record<VerifyProvider, string> = {
  github: 'https://api.github.com',
  slack: 'https://slack.com',
  stripe: 'https://api.stripe.com',
  sendgrid: 'https://api.sendgrid.com',
  openai: 'https://api.openai.com',
};

export const VERIFY_PROVIDERS = Object.keys(DEFAULT_BASE_URLS) as VerifyProvider[];

/** Each request gives up after this long (the verdict is then `unknown`). */
export const VERIFY_TIMEOUT_MS = 5000;
/** Requests in flight at once. */
export const VERIFY_CONCURRENCY = 4;

interface Verifier {
  provider: VerifyProvider;
  /** The documented read-only call: path under the base URL, method and headers. */
  request(secret: string): { path: string; method: 'GET' | 'POST'; headers: Record<string, string> };
  /** The verdict for a response the call got (not a redirect, not a network error). */
  judge(res: Response): Promise<Verdict>;
}

const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });

/** 2xx live, 401/403 revoked, anything else (429, 5xx...) unknown. */
async function byStatus(res: Response): Promise<Verdict> {
  if (res.status >= 200 && res.status < 300) return 'live';
  if (res.status === 401 || res.status === 403) return 'revoked';
  return 'unknown';
}

// GET /user: https://docs.github.com/en/rest/users/users#get-the-authenticated-user
const github: Verifier = {
  provider: 'github',
  request: (secret) => ({
    path: '/user',
    method: 'GET',
    headers: { ...bearer(secret), Accept: 'application/vnd.github+json', 'User-Agent': 'rampart-secrets-verify' },
  }),
  // A 403 with the rate limit spent says nothing about the token.
  judge: async (res) => (res.status === 403 && res.headers.get('x-ratelimit-remaining') === '0' ? 'unknown' : byStatus(res)),
};

/** Slack's answers that mean the token itself is not accepted. */
const SLACK_REJECTED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

// POST /api/auth.test: https://api.slack.com/methods/auth.test (always HTTP 200; `ok` says the verdict)
const slack: Verifier = {
  provider: 'slack',
  request: (secret) => ({
    path: '/api/auth.test',
    method: 'POST',
    headers: { ...bearer(secret), 'Content-Type': 'application/x-www-form-urlencoded' },
  }),
  judge: async (res) => {
    if (res.status === 401 || res.status === 403) return 'revoked';
    if (res.status < 200 || res.status >= 300) return 'unknown';
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return 'unknown';
    }
    const b = body as { ok?: unknown; error?: unknown };
    if (b?.ok === true) return 'live';
    if (b?.ok === false && typeof b.error === 'string' && SLACK_REJECTED.has(b.error)) return 'revoked';
    return 'unknown';
  },
};

// GET /v1/balance with HTTP Basic "key:": https://docs.stripe.com/api/balance/balance_retrieve
const stripe: Verifier = {
  provider: 'stripe',
  request: (secret) => ({
    path: '/v1/balance',
    method: 'GET',
    headers: { Authorization: `Basic ${Buffer.from(`${secret}:`).toString('base64')}` },
  }),
  // Stripe answers 403 (permission_error) to a valid restricted key that may not read the balance:
  // the key authenticated, so it is live; an unknown or revoked key gets 401.
  judge: async (res) => (res.status === 403 ? 'live' : byStatus(res)),
};

// GET /v3/scopes: https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access
const sendgrid: Verifier = {
  provider: 'sendgrid',
  request: (secret) => ({ path: '/v3/scopes', method: 'GET', headers: bearer(secret) }),
  judge: byStatus,
};

// GET /v1/models: https://platform.openai.com/docs/api-reference/models/list
const openai: Verifier = {
  provider: 'openai',
  request: (secret) => ({ path: '/v1/models', method: 'GET', headers: bearer(secret) }),
  judge: byStatus,
};

/** The rules whose secrets can be verified, by rule id. */
export const VERIFIERS: Readonly<Record<string, Verifier>> = {
  'github-pat': github,
  'github-oauth-token': github,
  'github-app-user-token': github,
  'github-app-installation-token': github,
  'github-fine-grained-pat': github,
  'slack-bot-token': slack,
  'slack-user-token': slack,
  'slack-legacy-token': slack,
  'slack-workspace-token': slack,
  'stripe-live-secret-key': stripe,
  'stripe-live-restricted-key': stripe,
  'sendgrid-api-key': sendgrid,
  'openai-api-key': openai,
};

export interface VerifyOptions {
  /** Per-provider base URLs (config `secrets.verify.baseUrls`); the others use DEFAULT_BASE_URLS. */
  baseUrls?: Partial<Record<VerifyProvider, string>>;
  /** Per-request timeout (default: VERIFY_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Requests in flight at once (default: VERIFY_CONCURRENCY). */
  concurrency?: number;
}

/** The base URL a provider's secrets go to: an http(s) origin, with any path, no trailing slash. */
export function baseUrlFor(provider: VerifyProvider, baseUrls?: VerifyOptions['baseUrls']): string {
  const raw = baseUrls?.[provider] ?? DEFAULT_BASE_URLS[provider];
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`secrets.verify.baseUrls.${provider}: not an http(s) URL`);
  if (url.username || url.password || url.search || url.hash)
    throw new Error(`secrets.verify.baseUrls.${provider}: give a bare base URL (no credentials, query or fragment)`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Asks the issuer about one secret; undefined when its rule has no verifier. Never throws. */
export async function verifySecret(ruleId: string, secret: string, options: VerifyOptions = {}): Promise<Verdict | undefined> {
  const v = Object.hasOwn(VERIFIERS, ruleId) ? VERIFIERS[ruleId] : undefined;
  if (!v) return undefined;
  const { path, method, headers } = v.request(secret);
  const timeout = AbortSignal.timeout(options.timeoutMs ?? VERIFY_TIMEOUT_MS);
  try {
    const res = await fetch(`${baseUrlFor(v.provider, options.baseUrls)}${path}`, {
      method,
      headers,
      redirect: 'manual',
      signal: timeout,
      ...(method === 'POST' ? { body: '' } : {}),
    });
    try {
      // A redirect is never followed: the verdict would come from a host the secret was not meant for.
      if (res.status >= 300 && res.status < 400) return 'unknown';
      return await v.judge(res);
    } finally {
      // Release the connection whatever was read.
      await res.body?.cancel().catch(() => {});
    }
  } catch {
    return 'unknown';
  }
}

/** Whether a finding's rule has a verifier. */
export function verifiable(ruleId: string): boolean {
  return Object.hasOwn(VERIFIERS, ruleId);
}

/**
 * Verifies the secrets of `findings` (each distinct rule + secret once, at most `concurrency` requests at
 * a time) and marks each finding with its verdict. `secretOf` gives a finding's secret, when known.
 */
export async function verifyFindings(
  findings: Finding[],
  secretOf: (f: Finding) => string | undefined,
  options: VerifyOptions = {},
): Promise<Map<Finding, Verdict>> {
  const jobs = new Map<string, { ruleId: string; secret: string; verdict?: Verdict }>();
  const keyOf = new Map<Finding, string>();
  for (const f of findings) {
    if (!verifiable(f.ruleId)) continue;
    const secret = secretOf(f);
    if (secret === undefined) continue;
    const key = `${f.ruleId}\0${f.evidence?.hash ?? ''}\0${secret}`;
    keyOf.set(f, key);
    if (!jobs.has(key)) jobs.set(key, { ruleId: f.ruleId, secret });
  }
  const queue = [...jobs.values()];
  const width = Math.max(1, Math.min(options.concurrency ?? VERIFY_CONCURRENCY, queue.length));
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < queue.length) {
        const job = queue[next++];
        job.verdict = (await verifySecret(job.ruleId, job.secret, options)) ?? 'unknown';
      }
    }),
  );
  const out = new Map<Finding, Verdict>();
  for (const [f, key] of keyOf) {
    const verdict = jobs.get(key)?.verdict ?? 'unknown';
    applyVerdict(f, verdict);
    out.set(f, verdict);
  }
  return out;
}

const PROVIDER_NAMES: Record<VerifyProvider, string> = {
  github: 'GitHub',
  slack: 'Slack',
  stripe: 'Stripe',
  sendgrid: 'SendGrid',
  openai: 'OpenAI',
};

/** Puts the verdict in the finding: severity, confidence, message and evidence (never the secret). */
export function applyVerdict(f: Finding, verdict: Verdict): void {
  const provider = PROVIDER_NAMES[VERIFIERS[f.ruleId]?.provider ?? 'github'];
  const ev = f.evidence ?? {};
  if (verdict === 'live') {
    f.severity = 'critical';
    f.confidence = 'high';
    f.message = `${f.message}; verified live: ${provider} accepted it just now, so revoke it first`;
    f.evidence = { ...ev, snippet: `${ev.snippet ?? ''} [verified live]`.trim() };
  } else if (verdict === 'revoked') {
    f.severity = 'low';
    f.confidence = 'low';
    f.message = `${f.message}; the issuer rejected it (revoked?): ${provider} did not accept it when checked, so remove it anyway`;
    f.evidence = { ...ev, snippet: `${ev.snippet ?? ''} [verification: rejected by ${provider}]`.trim() };
  } else {
    f.evidence = { ...ev, snippet: `${ev.snippet ?? ''} [verification: unknown]`.trim() };
  }
}

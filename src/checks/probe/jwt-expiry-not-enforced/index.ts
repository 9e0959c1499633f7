import type { Endpoint, ProbeContext, ProbeRequest } from '../../../engines/probe/types.ts';
import { defineProbeCheck } from '../../../engines/probe/types.ts';
import { Cracker } from '../_jwt/crack.ts';
import { type DecodedJwt, decodeJwt, expiredClaims, isExpired, isHmacAlg, maskSecret, signHmac, withBrokenSignature } from '../_jwt/jwt.ts';
import { numOption } from '../_jwt/replay.ts';
import { type Sighting, tokenSightings } from '../_jwt/sightings.ts';
import { accepted, endpointFor, findTargets, sendWithToken } from '../_jwt/targets.ts';

/** Parameters that carry a token: `token`, `access_token`, `jwt`, `download_token`... (not CSRF tokens). */
const TOKEN_PARAM = /token|jwt/i;
const NOT_TOKEN_PARAM = /csrf|xsrf/i;
/** Seconds before now the forged tokens expired: far beyond any clock-skew leeway. */
const EXPIRED_AGO = 3600;

/** Where a token handed out in a response is used: a link in that response, or an endpoint with a token parameter. */
interface Consumer {
  key: string;
  endpoint?: Endpoint;
  method: string;
  path: string;
  param: string;
  make(token: string): Promise<ProbeRequest | undefined>;
}

function boundary(ch: string | undefined): boolean {
  return ch === undefined || /["'\s<>(),`]/.test(ch);
}

/** Same-origin links in the response that carry the token (`/api/downloads?token=eyJ…`). */
function linksWith(ctx: ProbeContext, s: Sighting): Consumer[] {
  const body = s.exchange?.response?.body ?? '';
  const out: Consumer[] = [];
  let from = 0;
  for (let i = body.indexOf(s.jwt.token); i >= 0 && out.length < 3; i = body.indexOf(s.jwt.token, from)) {
    from = i + s.jwt.token.length;
    let a = i;
    while (a > 0 && !boundary(body[a - 1])) a--;
    let b = from;
    while (b < body.length && !boundary(body[b])) b++;
    const raw = body.slice(a, b).replace(/\\\//g, '/');
    if (raw === s.jwt.token) continue;
    let url: URL;
    try {
      url = new URL(raw, ctx.target);
    } catch {
      continue;
    }
    if (url.origin !== ctx.target.origin) continue;
    const param = [...url.searchParams].find(([, v]) => v === s.jwt.token)?.[0];
    if (!param) continue;
    const path = `${url.pathname}${url.search}`;
    const endpoint = endpointFor(ctx.endpoints, 'GET', url.pathname);
    out.push({
      key: `GET ${endpoint?.path ?? url.pathname} ${param}`,
      endpoint,
      method: 'GET',
      path: endpoint?.path ?? url.pathname,
      param,
      make: async (token) => ({ method: 'GET', path: path.split(s.jwt.token).join(token) }),
    });
  }
  return out;
}

/** Documented GET operations with a query or header parameter named like a token. */
function tokenParams(ctx: ProbeContext, as: string | null): Consumer[] {
  const out: Consumer[] = [];
  for (const e of ctx.endpoints) {
    if (e.method !== 'GET') continue;
    for (const p of e.parameters) {
      if ((p.in !== 'query' && p.in !== 'header') || !TOKEN_PARAM.test(p.name) || NOT_TOKEN_PARAM.test(p.name)) continue;
      out.push({
        key: `GET ${e.path} ${p.name}`,
        endpoint: e,
        method: 'GET',
        path: e.path,
        param: p.name,
        make: (token) => ctx.build(e, as, { params: { [p.name]: token } }),
      });
    }
  }
  return out;
}

function ago(seconds: number): string {
  return seconds >= 3600 ? `${Math.round(seconds / 3600)} hour${seconds >= 7200 ? 's' : ''}` : `${Math.round(seconds / 60)} minutes`;
}

function expiredCopy(jwt: DecodedJwt, secret: string): string {
  return signHmac(jwt.alg, secret, jwt.header, expiredClaims(jwt.claims, EXPIRED_AGO));
}

export default defineProbeCheck({
  id: 'jwt-expiry-not-enforced',
  title: 'Expired JWT accepted',
  severity: 'high',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-613'],
  messages: {
    identity:
      '{{method}} {{path}} accepted a token of {{identity}} that expired {{ago}} ago ({{how}}), while it refuses anonymous requests and a broken signature: a leaked or stolen token never stops working, whatever its lifetime. Check `exp` (and `nbf`) when verifying, which maintained JWT libraries do by default; never turn it off (`ignoreExpiration`, `verify_exp: False`).',
    param:
      '{{method}} {{path}} accepted a token that expired {{ago}} ago in `{{param}}` (a copy of the one {{source}} returned, re-signed with its cracked secret {{secret}}), while it refuses a broken signature: links and tokens it hands out never expire, so a leaked one works forever. Check `exp` when verifying the token, and keep such tokens short-lived.',
  },
  defaultOptions: { maxTokens: 50, maxCrackMs: 3000, maxEndpoints: 3, expiredTokens: {} },
  docs: {
    description:
      "Replays requests with a validly signed but expired JWT: a copy of an identity's token or of a token an API response handed out (share links, download or reset tokens passed in `token`/`jwt` parameters), re-signed when its HMAC secret is in Rampart's wordlist; or the expired token configured per identity in the `expiredTokens` option. Reported where the expired token is accepted while a broken signature is refused.",
    attack:
      'JWTs are bearer credentials that usually cannot be revoked: expiry is the only thing that ends a leaked token. A verifier that skips `exp` (a disabled check, a custom decoder, a clock set wrong) turns every token that ever leaked through logs, browser history, referrers or shared links into a permanent key to the account or the file.',
    fix: 'Verify `exp` and `nbf` on every token (the default of jsonwebtoken, jose, PyJWT...; remove `ignoreExpiration`/`verify_exp: False`), allow at most a minute of clock skew, keep access and link tokens short-lived, and add a server-side revocation list or token version for logout and password changes.',
  },
  async run(ctx) {
    const cracker = new Cracker({ deadline: Date.now() + numOption(ctx.options, 'maxCrackMs', 3000) });
    const sightings = await tokenSightings(ctx, numOption(ctx.options, 'maxTokens', 50));
    const maxEndpoints = numOption(ctx.options, 'maxEndpoints', 3);

    // Identities' tokens: once per API (expiry is checked by the one verifying middleware).
    const forged: { identity: string; token: string; how: string }[] = [];
    const configured = (ctx.options.expiredTokens ?? {}) as Record<string, unknown>;
    for (const [identity, token] of Object.entries(configured)) {
      const jwt = typeof token === 'string' ? decodeJwt(token) : undefined;
      if (jwt && isExpired(jwt.claims)) forged.push({ identity, token: jwt.token, how: 'configured in the `expiredTokens` option' });
    }
    for (const s of sightings) {
      if (s.source !== 'credentials' || !s.identity || !isHmacAlg(s.jwt.alg) || forged.some((f) => f.identity === s.identity)) continue;
      const secret = cracker.crack(s.jwt);
      if (secret !== undefined)
        forged.push({
          identity: s.identity,
          token: expiredCopy(s.jwt, secret),
          how: `a copy of its token re-signed with the cracked secret ${maskSecret(secret)}`,
        });
    }
    identities: for (const f of forged) {
      const expired = decodeJwt(f.token)!;
      for (const t of await findTargets(ctx, { max: maxEndpoints, identity: f.identity })) {
        if (ctx.signal.aborted) return;
        const x = await sendWithToken(ctx, t, f.token);
        if (!accepted(x, t.genuine)) continue;
        const control = await sendWithToken(ctx, t, withBrokenSignature(expired));
        if (accepted(control, t.genuine)) continue;
        const exp = typeof expired.claims.exp === 'number' ? expired.claims.exp : 0;
        ctx.report({
          endpoint: t.endpoint,
          messageId: 'identity',
          data: {
            method: t.endpoint.method,
            path: t.endpoint.path,
            identity: f.identity,
            how: f.how,
            ago: ago(Math.floor(Date.now() / 1000) - exp),
          },
          exchanges: [x, t.anonymous, control],
          identities: [f.identity],
        });
        break identities;
      }
    }

    // Tokens handed out in responses, replayed where they are used.
    const tested = new Set<string>();
    for (const s of sightings) {
      if (ctx.signal.aborted) return;
      if (s.source !== 'response' || !s.exchange || !isHmacAlg(s.jwt.alg)) continue;
      const consumers = [...linksWith(ctx, s), ...tokenParams(ctx, s.identity ?? null)].filter((c) => !tested.has(c.key));
      if (consumers.length === 0) continue;
      const secret = cracker.crack(s.jwt);
      if (secret === undefined) continue;
      const expired = decodeJwt(expiredCopy(s.jwt, secret))!;
      for (const c of consumers.slice(0, 3)) {
        if (tested.has(c.key)) continue;
        tested.add(c.key);
        const as = s.identity ?? null;
        const send = async (token: string) => {
          const req = await c.make(token);
          return req ? ctx.send(req, as, c.endpoint) : undefined;
        };
        const genuine = await send(s.jwt.token);
        if (!genuine || !accepted(genuine)) continue;
        const x = await send(expired.token);
        if (!x || !accepted(x, genuine)) continue;
        const control = await send(withBrokenSignature(expired));
        if (!control || accepted(control, genuine)) continue;
        const source = s.exchange.endpoint
          ? `${s.exchange.endpoint.method} ${s.exchange.endpoint.path}`
          : `${s.exchange.request.method} ${s.exchange.request.path.split('?')[0]}`;
        ctx.report({
          endpoint: c.endpoint,
          method: c.method,
          path: c.path,
          messageId: 'param',
          data: { method: c.method, path: c.path, param: c.param, ago: ago(EXPIRED_AGO), source, secret: maskSecret(secret) },
          exchanges: [x, control, s.exchange],
          identities: s.identity ? [s.identity] : undefined,
          fingerprintKey: c.param,
        });
      }
    }
  },
});

import { ACCESS_TTL, issueAccessToken, loadUser, unauthorized } from '../auth.ts';
import { findOne } from '../docstore.ts';
import { badRequest, type Ctx, json, type Route, readJson } from '../http.ts';
import { DUMMY_HASH, verifyPassword } from '../passwords.ts';
import { LIMITS, MINUTE, tooMany } from '../security.ts';

/** POST /api/v2/auth/login and the public signing keys. */

async function login(ctx: Ctx): Promise<void> {
  const { app } = ctx;
  const body = readJson(ctx);
  if (!app.hardened) {
    // FLAW(nosql-injection): the credentials go into the (v1, MongoDB-style) query as sent, so a password of
    // {"$ne": null} is an operator that matches any password: no password needed for any account.
    // FLAW(brute-force-not-prevented): no limit on failed attempts, per account or per client.
    const doc = findOne(app.legacyUsers, { username: body.username, password: body.password });
    const user = doc ? loadUser(app, doc.id) : undefined;
    if (!user) throw unauthorized('Invalid username or password');
    json(ctx, 200, { access_token: issueAccessToken(app, user), token_type: 'Bearer', expires_in: ACCESS_TTL });
    return;
  }
  // FIX: credentials must be strings (no operator objects reach a query), and are checked against a salted
  // scrypt hash in constant time.
  const { username, password } = body;
  if (
    typeof username !== 'string' ||
    typeof password !== 'string' ||
    !username ||
    !password ||
    username.length > 64 ||
    password.length > 128
  ) {
    throw badRequest('username and password must be non-empty strings');
  }
  for (const k of Object.keys(body)) if (k !== 'username' && k !== 'password') throw badRequest(`Unknown property: ${k}`);
  // FIX: after 5 failed logins in a minute for a username, or 100 from one client address (credential
  // stuffing), further attempts get 429 with Retry-After, even with the right password.
  const keys = [
    { key: `login-failed:${username.toLowerCase()}`, limit: LIMITS.failedLogins },
    { key: `login-failed-client:${ctx.ip}`, limit: LIMITS.failedLoginsPerClient },
  ];
  for (const { key, limit } of keys) if (app.limiter.count(key, MINUTE) >= limit) throw tooMany(app.limiter.retryAfter(key, MINUTE));
  const row = app.db.prepare('SELECT id, password_hash FROM users WHERE username = ?').get(username) as
    | { id: number; password_hash: string }
    | undefined;
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  const user = ok && row ? loadUser(app, row.id) : undefined;
  if (!user) {
    for (const { key } of keys) app.limiter.add(key);
    throw unauthorized('Invalid username or password');
  }
  json(ctx, 200, { access_token: issueAccessToken(app, user), token_type: 'Bearer', expires_in: ACCESS_TTL });
}

function jwks(ctx: Ctx): void {
  json(ctx, 200, { keys: [ctx.app.keys.jwk] });
}

export const authRoutes: Route[] = [
  { method: 'POST', path: '/api/v2/auth/login', handler: login },
  { method: 'GET', path: '/.well-known/jwks.json', handler: jwks },
];

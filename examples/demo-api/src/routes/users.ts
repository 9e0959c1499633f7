import type { User } from '../app.ts';
import { bearerToken, loadUser, requireAdmin, requireUser, unauthorized } from '../auth.ts';
import { type Ctx, intParam, json, notFound, type Route } from '../http.ts';
import { decodeJwt } from '../jwt.ts';

/** Accounts: the caller's own profile and preferences, profiles by id, the admin user list, and v1 leftovers. */

/** The public shape of a user (the response DTO: never the database row). */
export function userDto(u: User): Record<string, unknown> {
  return { id: u.id, username: u.username, email: u.email, role: u.role, created_at: u.created_at };
}

function me(ctx: Ctx): void {
  json(ctx, 200, userDto(requireUser(ctx)));
}

function preferences(ctx: Ctx): void {
  const { app } = ctx;
  let user: User | undefined;
  if (!app.hardened) {
    // FLAW(jwt-signature-not-verified): this route only decodes the token to find the user; a token with any
    // signature (or an edited `sub`) is believed.
    const claims = decodeJwt(bearerToken(ctx) ?? '')?.claims;
    user = claims ? loadUser(app, claims.sub) : undefined;
    if (!user) throw unauthorized();
  } else {
    // FIX: the same verified authentication as every other route.
    user = requireUser(ctx);
  }
  const p = app.db.prepare('SELECT language, currency, newsletter FROM preferences WHERE user_id = ?').get(user.id) as
    | { language: string; currency: string; newsletter: number }
    | undefined;
  json(ctx, 200, { language: p?.language ?? 'en', currency: p?.currency ?? 'EUR', newsletter: p?.newsletter === 1 });
}

function userById(ctx: Ctx): void {
  const { app } = ctx;
  const caller = requireUser(ctx);
  const id = intParam(ctx, 'userId');
  // Profiles are private: administrators use /api/v2/admin/users.
  if (id !== caller.id) throw notFound('User');
  const row = app.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as (User & Record<string, unknown>) | undefined;
  if (!row) throw notFound('User');
  // FLAW(excessive-data-exposure): the database row goes out as is, password_hash and api_key included
  // ("the front end only shows the name anyway").
  // FIX: a response DTO with the documented fields only.
  json(ctx, 200, app.hardened ? userDto(row) : { ...row });
}

function adminUsers(ctx: Ctx): void {
  const { app } = ctx;
  const caller = requireUser(ctx);
  // FLAW(bfla): any logged-in user may list every account; only the menu entry is hidden from non-admins.
  // FIX: the role is checked on the server.
  if (app.hardened) requireAdmin(caller);
  const rows = app.db.prepare('SELECT id, username, email, role, created_at FROM users ORDER BY id').all() as unknown as User[];
  json(ctx, 200, { items: rows.map(userDto), count: rows.length });
}

/** FLAW(old-version-still-served): v1 of the API was replaced by v2 but is still routed, with v1's checks. */
function v1UserById(ctx: Ctx): void {
  requireUser(ctx);
  const row = ctx.app.db.prepare('SELECT * FROM users WHERE id = ?').get(intParam(ctx, 'userId'));
  if (!row) throw notFound('User');
  json(ctx, 200, { ...row });
}

export function userRoutes(hardened: boolean): Route[] {
  return [
    { method: 'GET', path: '/api/v2/users/me', handler: me },
    { method: 'GET', path: '/api/v2/users/me/preferences', handler: preferences },
    { method: 'GET', path: '/api/v2/users/{userId}', handler: userById },
    { method: 'GET', path: '/api/v2/admin/users', handler: adminUsers },
    // FIX: v1 is switched off once v2 is live (clients were migrated; it is not routed at all).
    ...(hardened ? [] : [{ method: 'GET', path: '/api/v1/users/{userId}', handler: v1UserById }]),
  ];
}

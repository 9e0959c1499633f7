import type { User } from '../app.ts';
import { bearerToken, loadUser, requireAdmin, requireUser, unauthorized } from '../auth.ts';
import { type Ctx, json, type Route } from '../http.ts';
import { decodeJwt } from '../jwt.ts';
import { enforceLimit, LIMITS } from '../security.ts';

/** Notifications, loyalty points and the admin sales report. */

function notifications(ctx: Ctx): void {
  const { app } = ctx;
  let user: User | undefined;
  if (!app.hardened) {
    // FLAW(auth-invalid-token-accepted): this route was given its own "auth" that only checks that an
    // Authorization header is present: `Bearer anything` is let in (and sees the shop-wide notifications).
    if (!ctx.req.headers.authorization) throw unauthorized();
    const claims = decodeJwt(bearerToken(ctx) ?? '')?.claims;
    user = claims ? loadUser(app, claims.sub) : undefined;
  } else {
    // FIX: the shared, verifying authentication.
    user = requireUser(ctx);
  }
  const rows = app.db
    .prepare('SELECT id, message, read, created_at FROM notifications WHERE user_id IS NULL OR user_id = ? ORDER BY id')
    .all(user?.id ?? -1) as unknown as { id: number; message: string; read: number; created_at: string }[];
  json(ctx, 200, {
    items: rows.map((r) => ({ id: r.id, message: r.message, read: r.read === 1, created_at: r.created_at })),
    count: rows.length,
  });
}

/** Documented in openapi.yaml; shipped only in the hardened build (see loyaltyRoutes). */
function loyaltyPoints(ctx: Ctx): void {
  const user = requireUser(ctx);
  const row = ctx.app.db.prepare('SELECT points FROM loyalty WHERE user_id = ?').get(user.id) as { points: number } | undefined;
  const points = row?.points ?? 0;
  json(ctx, 200, { user_id: user.id, points, tier: points >= 1000 ? 'gold' : points >= 250 ? 'silver' : 'bronze' });
}

function salesReport(ctx: Ctx): void {
  const { app } = ctx;
  // FLAW(auth-not-enforced): the report route was added outside the authenticated router: anyone can read the
  // shop's sales figures (the definition says bearer auth, admins only).
  // FIX: authenticated, administrators only, and 10 reports per minute per user (it scans every order).
  if (app.hardened) {
    const user = requireUser(ctx);
    requireAdmin(user);
    enforceLimit(ctx, `report:${user.id}`, LIMITS.reports);
  }
  const totals = app.db
    .prepare("SELECT COUNT(*) AS orders, COALESCE(SUM(total_cents), 0) AS revenue FROM orders WHERE status IN ('paid', 'shipped')")
    .get() as {
    orders: number;
    revenue: number;
  };
  const top = app.db
    .prepare(
      `SELECT i.product_id, p.name, SUM(i.quantity) AS quantity FROM order_items i JOIN products p ON p.id = i.product_id
       JOIN orders o ON o.id = i.order_id WHERE o.status IN ('paid', 'shipped') GROUP BY i.product_id ORDER BY quantity DESC, i.product_id LIMIT 5`,
    )
    .all() as unknown as { product_id: number; name: string; quantity: number }[];
  json(ctx, 200, {
    generated_at: new Date().toISOString(),
    orders: totals.orders,
    revenue: totals.revenue / 100,
    currency: 'EUR',
    top_products: top.map((t) => ({ product_id: t.product_id, name: t.name, quantity: t.quantity })),
  });
}

export function accountRoutes(hardened: boolean): Route[] {
  return [
    { method: 'GET', path: '/api/v2/notifications', handler: notifications },
    { method: 'GET', path: '/api/v2/reports/sales', handler: salesReport },
    // FLAW(documented-endpoint-missing): loyalty points are in the definition (clients were built against it)
    // but the vulnerable build never shipped them: every call is a 404.
    ...(hardened ? [{ method: 'GET', path: '/api/v2/loyalty/points', handler: loyaltyPoints }] : []),
  ];
}

import type { App, User } from '../app.ts';
import { requireUser } from '../auth.ts';
import { badRequest, type Ctx, HttpError, intParam, json, notFound, type Route, send } from '../http.ts';
import { decodeJwt, hs256Valid, now, signHs256 } from '../jwt.ts';

/** The user's documents (invoices, reports) and share links: a signed download URL anyone can open until it expires. */

/** Share links last 10 minutes. */
export const LINK_TTL = 600;
/** FLAW(jwt-weak-secret): the share-link key is the word "secret" (it came from a tutorial, and it is in .env). */
export const WEAK_SHARE_SECRET = 'secret';

interface FileRow {
  id: number;
  owner_id: number;
  name: string;
  content_type: string;
  content: string;
  created_at: string;
}

function fileDto(f: FileRow): Record<string, unknown> {
  return { id: f.id, name: f.name, content_type: f.content_type, size: Buffer.byteLength(f.content), created_at: f.created_at };
}

function ownFile(ctx: Ctx, user: User): FileRow {
  const row = ctx.app.db.prepare('SELECT * FROM files WHERE id = ?').get(intParam(ctx, 'fileId')) as unknown as FileRow | undefined;
  if (!row || row.owner_id !== user.id) throw notFound('File');
  return row;
}

function list(ctx: Ctx): void {
  const user = requireUser(ctx);
  const rows = ctx.app.db.prepare('SELECT * FROM files WHERE owner_id = ? ORDER BY id').all(user.id) as unknown as FileRow[];
  json(ctx, 200, { items: rows.map(fileDto), count: rows.length });
}

function read(ctx: Ctx): void {
  json(ctx, 200, fileDto(ownFile(ctx, requireUser(ctx))));
}

function link(ctx: Ctx): void {
  const { app } = ctx;
  const file = ownFile(ctx, requireUser(ctx));
  const iat = now();
  // FIX: the share-link key is 32 random bytes made at start (a real deployment loads it from a secrets manager).
  const token = signHs256({ sub: String(file.id), purpose: 'download', iat, exp: iat + LINK_TTL }, app.shareSecret);
  json(ctx, 200, {
    url: `${app.baseUrl}/api/v2/downloads?token=${token}`,
    token,
    expires_at: new Date((iat + LINK_TTL) * 1000).toISOString(),
  });
}

function linkedFile(app: App, token: string): FileRow | undefined {
  const jwt = decodeJwt(token);
  if (jwt?.header.alg !== 'HS256' || !hs256Valid(jwt, app.shareSecret) || jwt.claims.purpose !== 'download') return undefined;
  // FLAW(jwt-expiry-not-enforced): the signature is checked but `exp` is not: a link shared once works forever.
  // FIX: expired links are refused.
  if (app.hardened && (typeof jwt.claims.exp !== 'number' || jwt.claims.exp < now())) return undefined;
  const id = typeof jwt.claims.sub === 'string' && /^\d+$/.test(jwt.claims.sub) ? Number(jwt.claims.sub) : 0;
  return app.db.prepare('SELECT * FROM files WHERE id = ?').get(id) as unknown as FileRow | undefined;
}

/** GET /api/v2/downloads?token=: the token is the credential (no login needed to open a shared link). */
function download(ctx: Ctx): void {
  const token = ctx.query.get('token');
  if (!token) throw badRequest('token is required');
  const file = linkedFile(ctx.app, token);
  if (!file) throw new HttpError(401, 'invalid_link', 'This link is invalid or has expired');
  send(ctx, 200, file.content, {
    'content-type': `${file.content_type}; charset=utf-8`,
    'content-disposition': `attachment; filename="${file.name}"`,
  });
}

export const fileRoutes: Route[] = [
  { method: 'GET', path: '/api/v2/files', handler: list },
  { method: 'GET', path: '/api/v2/files/{fileId}', handler: read },
  { method: 'GET', path: '/api/v2/files/{fileId}/link', handler: link },
  { method: 'GET', path: '/api/v2/downloads', handler: download },
];

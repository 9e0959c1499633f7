import { type Ctx, json, type Route, send } from '../http.ts';
import { WEAK_SHARE_SECRET } from './files.ts';

/** Health check, and what the vulnerable build's static file handler leaks. */

function health(ctx: Ctx): void {
  json(ctx, 200, { status: 'ok' });
}

/** The deploy folder's .env (demo values only). */
const DOTENV = `# Rampart Shop - production settings
NODE_ENV=production
PORT=8080
DATABASE_URL=sqlite:///var/lib/rampart-shop/shop.db
SHARE_LINK_SECRET=${WEAK_SHARE_SECRET}
SMTP_HOST=smtp.shop.example
SMTP_PASSWORD=demo-only-not-a-real-password
`;

function dotenv(ctx: Ctx): void {
  send(ctx, 200, DOTENV, { 'content-type': 'text/plain; charset=utf-8' });
}

export function opsRoutes(hardened: boolean): Route[] {
  return [
    { method: 'GET', path: '/api/v2/health', handler: health },
    // FLAW(debug-endpoint-answers): the static file handler serves the deploy folder, so /.env (with the
    // share-link secret and the mail password) is one request away.
    // FIX: static files come from a public/ folder that holds nothing else; /.env is a 404.
    ...(hardened ? [] : [{ method: 'GET', path: '/.env', handler: dotenv }]),
  ];
}

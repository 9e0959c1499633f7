import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireUser } from '../auth.ts';
import { badRequest, type Ctx, escapeHtml, json, notFound, type Route, readJson, send } from '../http.ts';
import { enforceLimit, LIMITS } from '../security.ts';

/** Help pages, gift-message previews and the HTML search page. */

const HELP_DIR = fileURLToPath(new URL('../../help/', import.meta.url));
/** The help topics that exist (read once at start). */
const HELP_TOPICS = readdirSync(HELP_DIR).filter((f) => f.endsWith('.md'));

async function help(ctx: Ctx): Promise<void> {
  const topic = ctx.query.get('topic') || 'getting-started.md';
  let file: string;
  if (!ctx.app.hardened) {
    // FLAW(path-traversal): the topic is joined to the help folder as given, so
    // ?topic=../../../../../../etc/passwd reads any file the server process can read.
    file = join(HELP_DIR, topic);
  } else {
    // FIX: the topic must be one of the help files (an allow-list), never a path.
    if (!HELP_TOPICS.includes(topic)) throw notFound('Help topic');
    file = join(HELP_DIR, topic);
  }
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('Help topic');
    throw e;
  }
  json(ctx, 200, { topic, content });
}

function greetingPreview(ctx: Ctx): void {
  const user = requireUser(ctx);
  const body = readJson(ctx);
  const { message, recipient = 'friend' } = body;
  if (typeof message !== 'string' || !message || message.length > 500) throw badRequest('message must be a string of 1 to 500 characters');
  if (typeof recipient !== 'string' || recipient.length > 100) throw badRequest('recipient must be a string of at most 100 characters');
  const data: Record<string, string> = { recipient, sender: user.username, shop: 'Rampart Shop' };
  let preview: string;
  if (!ctx.app.hardened) {
    // FLAW(template-injection): placeholders are evaluated as JavaScript with the data in scope, so
    // {{7*7}} renders 49 and {{process.env.HOME}} reads the server's environment: code runs on the server.
    preview = message.replace(/\{\{([^}]+)\}\}/g, (_, expr: string) =>
      String(new Function('data', `with (data) { return (${expr}); }`)(data)),
    );
  } else {
    // FIX: a placeholder is a name looked up in the data, never evaluated; the result is HTML-escaped
    // (the preview is shown in the shop's pages).
    for (const k of Object.keys(body)) if (k !== 'message' && k !== 'recipient') throw badRequest(`Unknown property: ${k}`);
    preview = escapeHtml(message).replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) =>
      Object.hasOwn(data, name) ? escapeHtml(data[name] as string) : m,
    );
  }
  json(ctx, 200, { preview });
}

function searchPage(ctx: Ctx): void {
  const { app } = ctx;
  // FIX: 20 result pages per minute per client (each one searches the catalogue).
  if (app.hardened) enforceLimit(ctx, `search:${ctx.ip}`, LIMITS.searchPages);
  const q = ctx.query.get('q') ?? '';
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = app.db
    .prepare(
      "SELECT id, name, price_cents FROM products WHERE published = 1 AND deleted = 0 AND name LIKE ? ESCAPE '\\' ORDER BY id LIMIT 20",
    )
    .all(pattern) as unknown as { id: number; name: string; price_cents: number }[];
  // FLAW(reflected-xss): the query is written into the page as is: ?q=<script>…</script> runs in the shop's origin.
  // FIX: every value is HTML-escaped, and a Content-Security-Policy forbids scripts.
  const shown = app.hardened ? escapeHtml(q) : q;
  const items = rows
    .map((r) => `<li><a href="/api/v2/products/${r.id}">${escapeHtml(r.name)}</a> ${(r.price_cents / 100).toFixed(2)} EUR</li>`)
    .join('');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Rampart Shop search</title></head><body><h1>Results for "${shown}"</h1><ul>${items}</ul><p>${rows.length} product(s)</p></body></html>`;
  const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
  if (app.hardened) headers['content-security-policy'] = "default-src 'none'; style-src 'self'; frame-ancestors 'none'";
  send(ctx, 200, html, headers);
}

export const contentRoutes: Route[] = [
  { method: 'GET', path: '/api/v2/help', handler: help },
  { method: 'POST', path: '/api/v2/greetings/preview', handler: greetingPreview },
  { method: 'GET', path: '/api/v2/search/page', handler: searchPage },
];

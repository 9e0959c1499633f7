/**
 * The demo API (examples/demo-api) is a contract: every flaw in its ground truth is really there in the
 * vulnerable build and really fixed in the hardened one, normal use works in both, bad input never
 * crashes either, and the hardened build answers as its OpenAPI definition says.
 */
import { createHmac, createPublicKey, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDemoApi, type DemoApi } from '../examples/demo-api/index.ts';
import { loadEndpoints } from '../src/engines/probe/inputs/index.ts';
import type { Endpoint } from '../src/engines/probe/types.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PASSWORDS: Record<string, string> = { alice: 'alice-demo-password', bob: 'bob-demo-password', carol: 'carol-demo-password' };

interface Res {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read ad hoc
  body: any;
}

interface Opts {
  as?: string;
  token?: string;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

interface Seen {
  method: string;
  path: string;
  status: number;
  type: string;
  text: string;
}

/** One running build with helpers; every exchange is kept for the conformance test. */
class Client {
  readonly api: DemoApi;
  readonly seen: Seen[] = [];
  private readonly tokens = new Map<string, string>();
  constructor(api: DemoApi) {
    this.api = api;
  }
  get hardened() {
    return this.api.hardened;
  }
  async token(user: string): Promise<string> {
    let t = this.tokens.get(user);
    if (!t) {
      const r = await this.req('POST', '/api/v2/auth/login', { json: { username: user, password: PASSWORDS[user] } });
      expect(r.status).toBe(200);
      t = r.body.access_token as string;
      this.tokens.set(user, t);
    }
    return t;
  }
  async req(method: string, path: string, o: Opts = {}): Promise<Res> {
    const headers: Record<string, string> = { ...o.headers };
    const token = o.token ?? (o.as ? await this.token(o.as) : undefined);
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let body = o.body;
    if (o.json !== undefined) {
      body = JSON.stringify(o.json);
      headers['content-type'] ??= 'application/json';
    }
    const r = await fetch(this.api.url + path, { method, headers, body, redirect: 'manual' });
    const text = await r.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    this.seen.push({ method, path, status: r.status, type: r.headers.get('content-type') ?? '', text });
    return { status: r.status, headers: r.headers, text, body: parsed };
  }
  async userId(user: string): Promise<number> {
    return (await this.req('GET', '/api/v2/users/me', { as: user })).body.id;
  }
  async order(user: string, extra: Record<string, unknown> = {}): Promise<Res> {
    return this.req('POST', '/api/v2/orders', { as: user, json: { items: [{ product_id: 1, quantity: 2 }], note: 'door', ...extra } });
  }
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const hs256 = (header: Record<string, unknown>, claims: Record<string, unknown>, secret: string) => {
  const input = `${b64({ ...header, alg: 'HS256' })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};
const parts = (token: string) => {
  const [h, c] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h as string, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(c as string, 'base64url').toString()),
  };
};

let v: Client;
let h: Client;
let both: [string, Client][];

beforeAll(async () => {
  const [a, b] = await Promise.all([createDemoApi({ hardened: false }), createDemoApi({ hardened: true })]);
  v = new Client(a);
  h = new Client(b);
  both = [
    ['vulnerable', v],
    ['hardened', h],
  ];
});

afterAll(async () => {
  await Promise.all([v?.api.close(), h?.api.close()]);
});

describe('both builds: normal use', () => {
  it('bind 127.0.0.1 on a free port', () => {
    for (const [, c] of both) {
      expect(c.api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((c.api.server.address() as AddressInfo).address).toBe('127.0.0.1');
    }
  });

  it.each(['vulnerable', 'hardened'])('%s: log in, place an order, read, change, list and cancel it', async (mode) => {
    const c = mode === 'hardened' ? h : v;
    expect((await c.req('POST', '/api/v2/auth/login', { json: { username: 'alice', password: 'wrong' } })).status).toBe(401);
    const me = await c.req('GET', '/api/v2/users/me', { as: 'alice' });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'alice', role: 'user' });
    const created = await c.order('alice');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', total: 39.98, currency: 'EUR', note: 'door', user_id: me.body.id });
    expect(created.headers.get('location')).toBe(`/api/v2/orders/${created.body.id}`);
    const path = `/api/v2/orders/${created.body.id}`;
    const read = await c.req('GET', path, { as: 'alice' });
    expect(read.status).toBe(200);
    expect(read.body.items).toEqual([{ product_id: 1, name: 'Rampart T-shirt', quantity: 2, unit_price: 19.99 }]);
    const changed = await c.req('PUT', path, { as: 'alice', json: { shipping_address: '2 Example Street' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ note: 'door', shipping_address: '2 Example Street' });
    const list = await c.req('GET', '/api/v2/orders', { as: 'alice' });
    expect(list.body.items.map((o: { id: number }) => o.id)).toContain(created.body.id);
    expect(list.body.items.every((o: { user_id: number }) => o.user_id === me.body.id)).toBe(true);
    expect((await c.req('DELETE', path, { as: 'alice' })).status).toBe(204);
    expect((await c.req('GET', path, { as: 'alice' })).status).toBe(404);
    expect((await c.req('GET', '/api/v2/orders', {})).status).toBe(401);
  });

  it.each(['vulnerable', 'hardened'])('%s: catalogue, files, share links, account, tools and content', async (mode) => {
    const c = mode === 'hardened' ? h : v;
    expect((await c.req('GET', '/api/v2/health')).body).toEqual({ status: 'ok' });
    const products = await c.req('GET', '/api/v2/products?search=mug&limit=5');
    expect(products.body).toEqual({
      items: [{ id: 4, name: 'Coffee mug', description: 'Ceramic mug, 330 ml', price: 12, currency: 'EUR', stock: 75 }],
      count: 1,
    });
    expect((await c.req('GET', '/api/v2/products')).body.count).toBe(4);
    expect((await c.req('GET', '/api/v2/products?limit=0')).status).toBe(400);
    expect((await c.req('GET', '/api/v2/products/3')).body.name).toBe('Hoodie');
    expect((await c.req('GET', '/api/v2/products/5')).status).toBe(404); // unpublished
    expect((await c.req('GET', '/api/v2/products/abc')).status).toBe(400);

    const files = await c.req('GET', '/api/v2/files', { as: 'alice' });
    expect(files.body.items.map((f: { name: string }) => f.name)).toEqual(['invoice-1001.txt']);
    const fileId = files.body.items[0].id;
    expect((await c.req('GET', `/api/v2/files/${fileId}`, { as: 'alice' })).body).toMatchObject({ name: 'invoice-1001.txt', size: 59 });
    expect((await c.req('GET', `/api/v2/files/${fileId}`, { as: 'bob' })).status).toBe(404);
    const link = await c.req('GET', `/api/v2/files/${fileId}/link`, { as: 'alice' });
    expect(link.status).toBe(200);
    expect(link.body.url).toBe(`${c.api.url}/api/v2/downloads?token=${link.body.token}`);
    const download = await c.req('GET', `/api/v2/downloads?token=${link.body.token}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(download.text).toContain('invoice 1001');
    expect((await c.req('GET', '/api/v2/downloads?token=nope')).status).toBe(401);
    expect((await c.req('GET', '/api/v2/downloads')).status).toBe(400);

    expect((await c.req('GET', '/api/v2/users/me/preferences', { as: 'bob' })).body).toEqual({
      language: 'de',
      currency: 'EUR',
      newsletter: false,
    });
    const notes = await c.req('GET', '/api/v2/notifications', { as: 'alice' });
    expect(notes.body.items.map((n: { message: string }) => n.message)).toEqual([
      'Spring sale: 10% off hoodies until Sunday',
      'Your order 1 has shipped',
    ]);
    expect((await c.req('GET', '/api/v2/notifications')).status).toBe(401);

    const carol = await c.req('POST', '/api/v2/admin/products', {
      as: 'carol',
      json: { name: 'Cap', description: 'A cap', price: 15.5, stock: 3 },
    });
    expect(carol.status).toBe(201);
    expect(carol.body).toMatchObject({ name: 'Cap', price: 15.5, currency: 'EUR', stock: 3 });
    expect((await c.req('POST', '/api/v2/admin/products', { as: 'bob', json: { name: 'Nope', price: 1 } })).status).toBe(403);
    expect((await c.req('DELETE', `/api/v2/admin/products/${carol.body.id}`, { as: 'alice' })).status).toBe(403);
    expect((await c.req('DELETE', `/api/v2/admin/products/${carol.body.id}`, { as: 'carol' })).status).toBe(204);
    expect((await c.req('GET', `/api/v2/products/${carol.body.id}`)).status).toBe(404);
    expect((await c.req('GET', '/api/v2/admin/users', { as: 'carol' })).body.count).toBe(4);
    const report = await c.req('GET', '/api/v2/reports/sales', { as: 'carol' });
    expect(report.body).toMatchObject({ orders: 2, revenue: 53.48, currency: 'EUR' });

    const dns = await c.req('GET', '/api/v2/tools/dns?host=localhost', { as: 'alice' });
    expect(dns.status).toBe(200);
    expect(dns.body.host).toBe('localhost');
    const help = await c.req('GET', '/api/v2/help?topic=shipping.md');
    expect(help.body.content).toContain('# Shipping');
    expect((await c.req('GET', '/api/v2/help')).body.topic).toBe('getting-started.md');
    expect((await c.req('GET', '/api/v2/help?topic=nope.md')).status).toBe(404);
    const greeting = await c.req('POST', '/api/v2/greetings/preview', {
      as: 'bob',
      json: { message: 'Happy birthday {{recipient}}! {{sender}}', recipient: 'Ann' },
    });
    expect(greeting.body).toEqual({ preview: 'Happy birthday Ann! bob' });
    const page = await c.req('GET', '/api/v2/search/page?q=hood');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('Hoodie');
    const jwks = await c.req('GET', '/.well-known/jwks.json');
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
  });

  it('hardened: loyalty points (documented) answer', async () => {
    expect((await h.req('GET', '/api/v2/loyalty/points', { as: 'alice' })).body).toEqual({
      user_id: await h.userId('alice'),
      points: 1250,
      tier: 'gold',
    });
    expect((await h.req('GET', '/api/v2/loyalty/points')).status).toBe(401);
  });
});

describe('planted flaws: there in the vulnerable build, fixed in the hardened one', () => {
  it('ground truth lists each flaw once, in the expected shape', () => {
    const truth = JSON.parse(readFileSync(new URL('../examples/demo-api/ground-truth.json', import.meta.url), 'utf8')) as Record<
      string,
      string
    >[];
    expect(truth.length).toBeGreaterThanOrEqual(30);
    for (const t of truth) {
      expect(Object.keys(t).sort()).toEqual(['class', 'description', 'method', 'owasp', 'path', 'ruleId']);
      expect(t.owasp).toMatch(/^API([1-9]|10):2023$/);
      expect(t.path === '*' || t.path.startsWith('/')).toBe(true);
    }
    const keys = truth.map((t) => `${t.ruleId} ${t.method} ${t.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('auth-not-enforced: the sales report answers anonymously', async () => {
    expect((await v.req('GET', '/api/v2/reports/sales')).status).toBe(200);
    expect((await h.req('GET', '/api/v2/reports/sales')).status).toBe(401);
    expect((await h.req('GET', '/api/v2/reports/sales', { as: 'bob' })).status).toBe(403);
  });

  it('auth-invalid-token-accepted: notifications take any bearer value', async () => {
    const r = await v.req('GET', '/api/v2/notifications', { token: 'anything' });
    expect(r.status).toBe(200);
    expect(r.body.items[0].message).toContain('Spring sale');
    expect((await h.req('GET', '/api/v2/notifications', { token: 'anything' })).status).toBe(401);
    // Elsewhere the vulnerable build does verify tokens.
    expect((await v.req('GET', '/api/v2/orders', { token: 'anything' })).status).toBe(401);
  });

  it('jwt-alg-none: an unsigned token is accepted', async () => {
    for (const [mode, c] of both) {
      const { claims } = parts(await c.token('alice'));
      const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: String(await c.userId('bob')) })}.`;
      const r = await c.req('GET', '/api/v2/users/me', { token: none });
      if (mode === 'vulnerable') expect(r.body.username).toBe('bob');
      else expect(r.status).toBe(401);
    }
  });

  it('jwt-alg-confusion: HS256 signed with the public key PEM from the JWKS is accepted', async () => {
    for (const [mode, c] of both) {
      const jwk = (await c.req('GET', '/.well-known/jwks.json')).body.keys[0] as JsonWebKey;
      const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
      const { header, claims } = parts(await c.token('alice'));
      const forged = hs256(header, { ...claims, sub: String(await c.userId('carol')) }, pem);
      const r = await c.req('GET', '/api/v2/users/me', { token: forged });
      if (mode === 'vulnerable') expect(r.body.username).toBe('carol');
      else expect(r.status).toBe(401);
    }
  });

  it('jwt-signature-not-verified: preferences believe a token with a broken signature', async () => {
    for (const [mode, c] of both) {
      const token = await c.token('alice');
      const broken = `${token.slice(0, token.lastIndexOf('.') + 1)}${Buffer.from('not the signature').toString('base64url')}`;
      expect((await c.req('GET', '/api/v2/users/me', { token: broken })).status).toBe(401);
      const r = await c.req('GET', '/api/v2/users/me/preferences', { token: broken });
      expect(r.status).toBe(mode === 'vulnerable' ? 200 : 401);
    }
  });

  it('jwt-weak-secret: share links are signed with "secret" (a forged link opens bob\'s invoice)', async () => {
    for (const [mode, c] of both) {
      const link = await c.req('GET', '/api/v2/files/1/link', { as: 'alice' });
      const { token } = link.body as { token: string };
      const [input, sig] = [token.slice(0, token.lastIndexOf('.')), token.slice(token.lastIndexOf('.') + 1)];
      expect(createHmac('sha256', 'secret').update(input).digest('base64url') === sig).toBe(mode === 'vulnerable');
      const { header, claims } = parts(token);
      const forged = hs256(header, { ...claims, sub: '2' }, 'secret');
      const r = await c.req('GET', `/api/v2/downloads?token=${forged}`);
      if (mode === 'vulnerable') expect(r.text).toContain('Customer: bob');
      else expect(r.status).toBe(401);
    }
  });

  it('jwt-expiry-not-enforced: expired share links (and access tokens) keep working', async () => {
    const links = new Map<Client, string>();
    for (const [, c] of both) {
      links.set(c, (await c.req('GET', '/api/v2/files/1/link', { as: 'alice' })).body.token);
      await c.token('alice');
    }
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 20 * 60_000);
      for (const [mode, c] of both) {
        const download = await c.req('GET', `/api/v2/downloads?token=${links.get(c)}`);
        const me = await c.req('GET', '/api/v2/users/me', { as: 'alice' });
        expect([download.status, me.status]).toEqual(mode === 'vulnerable' ? [200, 200] : [401, 401]);
      }
      // A link signed with "secret" that expired a year ago.
      const old = hs256({ typ: 'JWT' }, { sub: '1', purpose: 'download', iat: 1_700_000_000, exp: 1_700_000_600 }, 'secret');
      expect((await v.req('GET', `/api/v2/downloads?token=${old}`)).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it("bola: bob reads, changes and deletes alice's order", async () => {
    for (const [mode, c] of both) {
      const path = `/api/v2/orders/${(await c.order('alice')).body.id}`;
      const read = await c.req('GET', path, { as: 'bob' });
      const put = await c.req('PUT', path, { as: 'bob', json: { note: 'changed by bob' } });
      const after = await c.req('GET', path, { as: 'alice' });
      if (mode === 'vulnerable') {
        expect(read.status).toBe(200);
        expect(read.body.note).toBe('door');
        expect(put.status).toBe(200);
        expect(after.body.note).toBe('changed by bob');
      } else {
        expect([read.status, put.status]).toEqual([404, 404]);
        expect(after.body.note).toBe('door');
      }
      expect((await c.req('DELETE', path, { as: 'bob' })).status).toBe(mode === 'vulnerable' ? 204 : 404);
      expect((await c.req('GET', path, { as: 'alice' })).status).toBe(mode === 'vulnerable' ? 404 : 200);
    }
  });

  it('bfla: bob lists every user, and deletes a product through the undocumented DELETE', async () => {
    for (const [mode, c] of both) {
      const users = await c.req('GET', '/api/v2/admin/users', { as: 'bob' });
      expect(users.status).toBe(mode === 'vulnerable' ? 200 : 403);
      const product = await c.req('POST', '/api/v2/admin/products', { as: 'carol', json: { name: 'Lamp', price: 30 } });
      const del = await c.req('DELETE', `/api/v2/products/${product.body.id}`, { as: 'bob' });
      const read = await c.req('GET', `/api/v2/products/${product.body.id}`);
      if (mode === 'vulnerable') expect([del.status, read.status]).toEqual([204, 404]);
      else {
        expect([del.status, read.status]).toEqual([405, 200]);
        expect(del.headers.get('allow')).toBe('GET');
      }
    }
  });

  it('mass-assignment: the client sets status and total of a new order', async () => {
    for (const [mode, c] of both) {
      const r = await c.order('alice', { status: 'paid', total: 0.01 });
      if (mode === 'vulnerable') {
        expect(r.status).toBe(201);
        const back = await c.req('GET', `/api/v2/orders/${r.body.id}`, { as: 'alice' });
        expect(back.body).toMatchObject({ status: 'paid', total: '0.01' });
      } else {
        expect(r.status).toBe(400);
        expect(r.body).toEqual({ error: 'bad_request', message: 'Unknown property: status' });
      }
    }
  });

  it('excessive-data-exposure: the user record carries password_hash and api_key', async () => {
    for (const [mode, c] of both) {
      const id = await c.userId('alice');
      const r = await c.req('GET', `/api/v2/users/${id}`, { as: 'alice' });
      expect(r.status).toBe(200);
      if (mode === 'vulnerable') {
        expect(r.body.password_hash).toMatch(/^scrypt\$/);
        expect(r.body.api_key).toMatch(/^sk_demo_/);
      } else expect(Object.keys(r.body).sort()).toEqual(['created_at', 'email', 'id', 'role', 'username']);
      expect((await c.req('GET', `/api/v2/users/${id}`, { as: 'bob' })).status).toBe(404);
    }
  });

  it("sql-injection: `' OR 1=1--` lists unpublished products, a quote shows the SQL error, booleans differ", async () => {
    const q = (s: string) => `/api/v2/products?search=${encodeURIComponent(s)}`;
    const all = await v.req('GET', q("' OR 1=1--"));
    expect(all.body.items.map((p: { name: string }) => p.name)).toContain('Prototype gadget');
    const quote = await v.req('GET', q("'"));
    expect(quote.status).toBe(500);
    expect(quote.body.message).toMatch(/unrecognized token/);
    expect((await v.req('GET', q("Hoodie' AND 1=1--"))).body.count).toBe(1);
    expect((await v.req('GET', q("Hoodie' AND 1=2--"))).body.count).toBe(0);
    for (const s of ["' OR 1=1--", "'", "Hoodie' AND 1=1--", '%', '_']) {
      const r = await h.req('GET', q(s));
      expect([r.status, r.body.count]).toEqual([200, 0]);
    }
  });

  it('nosql-injection: a password of {"$ne": null} logs in as anyone', async () => {
    const attack = { username: 'bob', password: { $ne: null } };
    const r = await v.req('POST', '/api/v2/auth/login', { json: attack });
    expect(r.status).toBe(200);
    expect(parts(r.body.access_token).claims.name).toBe('bob');
    expect((await v.req('POST', '/api/v2/auth/login', { json: { username: { $gt: '' }, password: { $gt: '' } } })).status).toBe(200);
    expect((await h.req('POST', '/api/v2/auth/login', { json: attack })).status).toBe(400);
  });

  it('command-injection: the host goes into a shell (harmless echo marker only)', async () => {
    const host = encodeURIComponent('localhost;echo rampart-marker-$((6*7))');
    const r = await v.req('GET', `/api/v2/tools/dns?host=${host}`, { as: 'alice' });
    expect(r.body.output).toContain('rampart-marker-42');
    const fixed = await h.req('GET', `/api/v2/tools/dns?host=${host}`, { as: 'alice' });
    expect(fixed.status).toBe(400);
    expect(fixed.text).not.toContain('rampart-marker');
  });

  it('path-traversal: ../ in the help topic reads /etc/passwd', async () => {
    const path = `/api/v2/help?topic=${encodeURIComponent('../../../../../../../../../../etc/passwd')}`;
    const r = await v.req('GET', path);
    expect(r.status).toBe(200);
    expect(r.body.content).toMatch(/^root:/m);
    expect((await h.req('GET', path)).status).toBe(404);
  });

  it('template-injection: {{1337*1337}} is evaluated', async () => {
    const json = { message: 'Hi {{1337*1337}} <b>{{recipient}}</b>', recipient: '<i>x</i>' };
    expect((await v.req('POST', '/api/v2/greetings/preview', { as: 'alice', json })).body.preview).toBe('Hi 1787569 <b><i>x</i></b>');
    expect((await h.req('POST', '/api/v2/greetings/preview', { as: 'alice', json })).body.preview).toBe(
      'Hi {{1337*1337}} &#60;b&#62;&#60;i&#62;x&#60;/i&#62;&#60;/b&#62;',
    );
  });

  it('reflected-xss: the search query is written unescaped into HTML', async () => {
    const path = `/api/v2/search/page?q=${encodeURIComponent('<script>alert("rampart")</script>')}`;
    const r = await v.req('GET', path);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.text).toContain('<script>alert("rampart")</script>');
    const fixed = await h.req('GET', path);
    expect(fixed.text).not.toContain('<script>');
    expect(fixed.text).toContain('&#60;script&#62;alert(&#34;rampart&#34;)');
    expect(fixed.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('ssrf: the webhook tester calls loopback addresses', async () => {
    const hits: string[] = [];
    const canary: Server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.end('ok');
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(canary.address() as AddressInfo).port}/hook`;
    try {
      const r = await v.req('POST', '/api/v2/webhooks/test', { as: 'alice', json: { url } });
      expect(r.body).toEqual({ url, delivered: true, status: 200 });
      expect(hits).toEqual(['POST /hook']);
      for (const target of [
        url,
        url.replace('127.0.0.1', 'localhost'),
        'http://169.254.169.254/latest/meta-data/',
        'http://[::1]:9/',
        'http://10.0.0.1/',
      ]) {
        const blocked = await h.req('POST', '/api/v2/webhooks/test', { as: 'alice', json: { url: target } });
        expect(blocked.status).toBe(400);
      }
      expect((await h.req('POST', '/api/v2/webhooks/test', { as: 'alice', json: { url: 'file:///etc/passwd' } })).status).toBe(400);
      expect(hits).toHaveLength(1);
    } finally {
      await new Promise((resolve) => canary.close(resolve));
    }
  });

  it('verbose-errors: malformed JSON on POST /orders answers with the stack trace', async () => {
    const r = await v.req('POST', '/api/v2/orders', { as: 'alice', body: '{"items": [', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(500);
    expect(r.body.stack).toMatch(/SyntaxError[\s\S]*\n\s+at /);
    const fixed = await h.req('POST', '/api/v2/orders', {
      as: 'alice',
      body: '{"items": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(fixed.status).toBe(400);
    expect(fixed.body).toEqual({ error: 'bad_request', message: 'The body is not valid JSON' });
  });

  it('cors-misconfiguration: any origin (and null) is reflected with credentials', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const r = await v.req('GET', '/api/v2/users/me', { as: 'alice', headers: { origin } });
      expect([r.headers.get('access-control-allow-origin'), r.headers.get('access-control-allow-credentials')]).toEqual([origin, 'true']);
      const pre = await v.req('OPTIONS', '/api/v2/orders', { headers: { origin, 'access-control-request-method': 'POST' } });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
      const fixed = await h.req('GET', '/api/v2/users/me', { as: 'alice', headers: { origin } });
      expect(fixed.headers.get('access-control-allow-origin')).toBeNull();
    }
    const own = await h.req('GET', '/api/v2/users/me', { as: 'alice', headers: { origin: 'https://shop.example.com' } });
    expect(own.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(own.headers.get('vary')).toBe('Origin');
  });

  it('security-headers-missing, cache-control-missing, version-disclosure', async () => {
    const r = await v.req('GET', '/api/v2/users/me', { as: 'alice' });
    expect(r.headers.get('x-content-type-options')).toBeNull();
    expect(r.headers.get('cross-origin-resource-policy')).toBeNull();
    expect(r.headers.get('cache-control')).toBeNull();
    expect(r.headers.get('server')).toBe('RampartShop/2.4.1');
    expect(r.headers.get('x-powered-by')).toMatch(/^Node\.js\/\d+\.\d+\.\d+$/);
    const fixed = await h.req('GET', '/api/v2/users/me', { as: 'alice' });
    expect(fixed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(fixed.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(fixed.headers.get('cache-control')).toBe('no-store');
    expect(fixed.headers.get('vary')).toBe('Origin');
    expect(fixed.headers.get('server')).toBeNull();
    expect(fixed.headers.get('x-powered-by')).toBeNull();
  });

  it('rate-limit-not-enforced: the CSV export has no limit (hardened: 10 a minute, then 429 + Retry-After)', async () => {
    const v12 = await Promise.all(Array.from({ length: 12 }, () => v.req('GET', '/api/v2/orders/export', { as: 'bob' })));
    expect(v12.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(v12[0]?.text.split('\n')[0]).toBe('id,status,total,currency,created_at');
    const statuses: number[] = [];
    let limited: Res | undefined;
    for (let i = 0; i < 12; i++) {
      const r = await h.req('GET', '/api/v2/orders/export', { as: 'bob' });
      statuses.push(r.status);
      if (r.status === 429) limited ??= r;
    }
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited?.body.error).toBe('rate_limited');
  });

  it('brute-force-not-prevented: failed logins are never limited (hardened: 5 per username a minute)', async () => {
    const attempt = (c: Client) => c.req('POST', '/api/v2/auth/login', { json: { username: 'rampart-decoy', password: 'Wrong-1' } });
    const vs: number[] = [];
    const hs: number[] = [];
    for (let i = 0; i < 7; i++) {
      vs.push((await attempt(v)).status);
      hs.push((await attempt(h)).status);
    }
    expect(vs).toEqual(Array(7).fill(401));
    expect(hs).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Other accounts are not locked out.
    expect((await h.req('POST', '/api/v2/auth/login', { json: { username: 'bob', password: PASSWORDS.bob } })).status).toBe(200);
  });

  it('old-version-still-served: /api/v1/users/{userId} still answers (with the full row)', async () => {
    const r = await v.req('GET', `/api/v1/users/${await v.userId('alice')}`, { as: 'alice' });
    expect(r.status).toBe(200);
    expect(r.body.password_hash).toBeDefined();
    expect((await h.req('GET', `/api/v1/users/${await h.userId('alice')}`, { as: 'alice' })).status).toBe(404);
  });

  it('debug-endpoint-answers: /.env is served', async () => {
    const r = await v.req('GET', '/.env');
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/^SHARE_LINK_SECRET=secret$/m);
    expect((await h.req('GET', '/.env')).status).toBe(404);
  });

  it('documented-endpoint-missing: loyalty points are a 404 for everyone', async () => {
    for (const user of ['alice', 'bob', 'carol']) expect((await v.req('GET', '/api/v2/loyalty/points', { as: user })).status).toBe(404);
    expect((await v.req('GET', '/api/v2/loyalty/points')).status).toBe(404);
    expect((await h.req('GET', '/api/v2/loyalty/points', { as: 'bob' })).status).toBe(200);
  });

  it('response-conformance: GET /orders/{orderId} returns total as a string', async () => {
    const vr = await v.req('GET', '/api/v2/orders/1', { as: 'alice' });
    expect(vr.body.total).toBe('39.98');
    const hr = await h.req('GET', '/api/v2/orders/1', { as: 'alice' });
    expect(hr.body.total).toBe(39.98);
  });
});

describe('robustness', () => {
  it.each(['vulnerable', 'hardened'])('%s: bad input never crashes the server', async (mode) => {
    const c = mode === 'hardened' ? h : v;
    const alice = await c.token('alice');
    const cases: [string, string, Opts][] = [
      ['POST', '/api/v2/auth/login', { body: 'not json', headers: { 'content-type': 'application/json' } }],
      ['POST', '/api/v2/auth/login', { json: [1, 2] }],
      ['POST', '/api/v2/auth/login', { json: { username: 'a'.repeat(10_000), password: null } }],
      ['POST', '/api/v2/auth/login', { json: { username: { $regex: '(a+)+$' }, password: { $where: '1' } } }],
      ['POST', '/api/v2/orders', { token: alice, json: null }],
      ['POST', '/api/v2/orders', { token: alice, json: { items: 'x' } }],
      ['POST', '/api/v2/orders', { token: alice, json: { items: [{ product_id: 1e308, quantity: -1 }] } }],
      ['POST', '/api/v2/orders', { token: alice, json: { items: [{ product_id: 999, quantity: 1 }] } }],
      ['PUT', '/api/v2/orders/1', { token: alice, json: { note: { a: 1 } } }],
      ['GET', '/api/v2/orders/99999999999999999999', { token: alice }],
      ['GET', '/api/v2/orders/%ZZ', { token: alice }],
      ['GET', `/api/v2/products?search=${'%27'.repeat(500)}&limit=abc`, {}],
      ['GET', '/api/v2/products?search=%00%FF', {}],
      ['GET', '/api/v2/help?topic=..%2F..%2F', {}],
      ['GET', '/api/v2/help?topic=%00', {}],
      ['POST', '/api/v2/greetings/preview', { token: alice, json: { message: '{{ null.x }} {{ }} {{' } }],
      ['POST', '/api/v2/greetings/preview', { token: alice, json: { message: 7 } }],
      ['POST', '/api/v2/webhooks/test', { token: alice, json: { url: 'http://127.0.0.1:1/' } }],
      ['POST', '/api/v2/webhooks/test', { token: alice, json: { url: 42 } }],
      ['GET', '/api/v2/tools/dns', { token: alice }],
      ['GET', `/api/v2/tools/dns?host=${encodeURIComponent('-x')}`, { token: alice }],
      ['GET', '/api/v2/downloads?token=a.b.c', {}],
      ['GET', '/api/v2/users/me', { token: 'a.b' }],
      ['GET', '/api/v2/users/me', { token: `${b64({ alg: 'RS256' })}.${b64([1])}.x` }],
      ['DELETE', '/api/v2/orders', { token: alice }],
      ['PATCH', '/api/v2/users/me', { token: alice }],
      ['HEAD', '/api/v2/products', {}],
      ['GET', '/nope', {}],
      [
        'POST',
        '/api/v2/admin/products',
        { token: alice, body: 'x'.repeat(2 * 1024 * 1024), headers: { 'content-type': 'application/json' } },
      ],
    ];
    for (const [method, path, o] of cases) {
      const r = await c.req(method, path, o).catch((e: Error) => ({ status: 0, text: String(e) }) as Res);
      expect(r.status, `${method} ${path}`).toBeGreaterThanOrEqual(200);
      if (mode === 'hardened') expect(r.status, `${method} ${path}: ${r.text.slice(0, 200)}`).toBeLessThan(500);
    }
    expect((await c.req('GET', '/api/v2/health')).status).toBe(200);
  });
});

// Runs last: it judges every exchange the tests above had with the hardened build.
describe('the hardened build conforms to openapi.yaml', () => {
  it('every response to a documented operation has a documented status and a matching JSON body', async () => {
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => Ajv2020;
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    const { endpoints, diagnostics } = await loadEndpoints({ openapi: 'examples/demo-api/openapi.yaml' }, new URL(h.api.url), ROOT);
    expect(diagnostics).toEqual([]);
    expect(endpoints).toHaveLength(28);
    const find = (method: string, path: string): Endpoint | undefined =>
      endpoints.find(
        (e) => e.method === method && new RegExp(`^${e.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path.split('?')[0] as string),
      );
    const problems: string[] = [];
    let checked = 0;
    for (const x of h.seen) {
      const e = find(x.method, x.path);
      if (!e) continue;
      checked++;
      const doc = e.responses.find((r) => r.status === String(x.status));
      if (!doc) {
        problems.push(`${x.method} ${x.path}: status ${x.status} is not documented`);
        continue;
      }
      if (!x.type.includes('json')) {
        if (x.status !== 204 && !doc.mediaTypes.some((t) => x.type.startsWith(t)))
          problems.push(`${x.method} ${x.path}: ${x.type} not documented`);
        continue;
      }
      if (doc.schema && !ajv.validate(doc.schema, JSON.parse(x.text))) {
        problems.push(`${x.method} ${x.path} ${x.status}: ${ajv.errorsText(ajv.errors)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    // Every documented operation was exercised.
    const hit = new Set(h.seen.map((x) => find(x.method, x.path)).filter(Boolean));
    expect(endpoints.filter((e) => !hit.has(e)).map((e) => `${e.method} ${e.path}`)).toEqual([]);
  });

  it('the vulnerable build breaks it where the ground truth says', async () => {
    const r = await v.req('GET', '/api/v2/orders/1', { as: 'alice' });
    expect(typeof r.body.total).toBe('string');
  });
});

describe('GraphQL (/graphql): normal use, planted flaws and their fixes', () => {
  const gql = (c: Client, query: string, as?: string, variables?: Record<string, unknown>) =>
    c.req('POST', '/graphql', { as, json: variables ? { query, variables } : { query } });

  it('ground truth lists each GraphQL flaw once, in the expected shape', () => {
    const truth = JSON.parse(readFileSync(new URL('../examples/demo-api/graphql-ground-truth.json', import.meta.url), 'utf8')) as Record<
      string,
      string
    >[];
    expect(truth.length).toBeGreaterThanOrEqual(15);
    for (const t of truth) {
      expect(t.ruleId).toMatch(/^graphql-/);
      expect(t.owasp).toMatch(/^API([1-9]|10):2023$/);
      expect(t.path).toBe('/graphql');
    }
    const keys = truth.map((t) => `${t.ruleId} ${t.method} ${t.coordinate ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(['vulnerable', 'hardened'])('%s: alice lists products, places an order and reads it back', async (mode) => {
    const c = mode === 'hardened' ? h : v;
    const products = await gql(c, '{ products(search: "mug") { id name price } }');
    expect(products.body.data.products).toEqual([{ id: '4', name: 'Coffee mug', price: 12 }]);
    const placed = await gql(c, 'mutation($p: ID!) { placeOrder(productId: $p, quantity: 2) { id total status } }', 'alice', { p: '2' });
    expect(placed.body.data.placeOrder).toMatchObject({ total: 9, status: 'pending' });
    const id = placed.body.data.placeOrder.id as string;
    const read = await gql(c, `{ order(id: "${id}") { id customer { username } items { quantity product { name } } } }`, 'alice');
    expect(read.body.data.order).toEqual({
      id,
      customer: { username: 'alice' },
      items: [{ quantity: 2, product: { name: 'Sticker pack' } }],
    });
    const mine = await gql(c, '{ myOrders { id } }', 'alice');
    expect(mine.body.data.myOrders.map((o: { id: string }) => o.id)).toContain(id);
    expect((await gql(c, '{ me { username } }')).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it("graphql-bola: bob reads alice's order by id and by Relay node id (hardened: null)", async () => {
    const byId = '{ order(id: "1") { id note } }';
    const byNode = `{ node(id: "${Buffer.from('Order:1').toString('base64')}") { id ... on Order { note } } }`;
    expect((await gql(v, byId, 'bob')).body.data.order).toEqual({ id: '1', note: 'Gift wrap please' });
    expect((await gql(v, byNode, 'bob')).body.data.node).toEqual({ id: '1', note: 'Gift wrap please' });
    expect((await gql(h, byId, 'bob')).body.data.order).toBeNull();
    expect((await gql(h, byNode, 'bob')).body.data.node).toBeNull();
    expect((await gql(h, byId, 'alice')).body.data.order).toEqual({ id: '1', note: 'Gift wrap please' });
  });

  it('graphql-bfla: a user broadcasts to every customer (hardened: administrators only)', async () => {
    const q = 'mutation { adminBroadcast(message: "sale") { id } }';
    expect((await gql(v, q, 'alice')).body.data.adminBroadcast.id).toBeDefined();
    expect((await gql(h, q, 'alice')).body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await gql(h, q, 'carol')).body.data.adminBroadcast.id).toBeDefined();
  });

  it('graphql-injection, graphql-stack-trace, graphql-debug-extensions: the search text reaches the SQL (hardened: bound, masked, no extensions)', async () => {
    const q = `{ products(search: "x'\\"") { id } }`;
    const bad = await gql(v, q);
    expect(bad.body.errors[0].message).toMatch(/unrecognized token/);
    expect(bad.body.errors[0].extensions.stacktrace.length).toBeGreaterThan(1);
    expect(bad.body.extensions.debug.sql[0]).toContain("LIKE '%x'\"%'");
    const fixed = await gql(h, q);
    expect(fixed.body).toEqual({ data: { products: [] } });
  });

  it('introspection, suggestions, batching, GET and form requests, IDE: open in the vulnerable build only', async () => {
    expect((await gql(v, '{ __schema { queryType { name } } }')).body.data.__schema.queryType.name).toBe('Query');
    expect((await gql(h, '{ __schema { queryType { name } } }')).body.errors[0].message).toMatch(/introspection has been disabled/);
    expect((await gql(v, '{ produts { id } }')).body.errors[0].message).toContain('Did you mean "products"');
    expect((await gql(h, '{ produts { id } }')).body.errors[0].message).not.toContain('Did you mean');
    const batch = [{ query: '{ __typename }' }, { query: '{ __typename }' }];
    expect((await v.req('POST', '/graphql', { json: batch })).body).toHaveLength(2);
    expect((await h.req('POST', '/graphql', { json: batch })).status).toBe(400);
    const get = `/graphql?query=${encodeURIComponent('mutation { __typename }')}`;
    expect((await v.req('GET', get)).body.data.__typename).toBe('Mutation');
    expect((await h.req('GET', get)).status).toBe(405);
    const form = { body: 'query=mutation%20%7B%20__typename%20%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    expect((await v.req('POST', '/graphql', form)).body.data.__typename).toBe('Mutation');
    expect((await h.req('POST', '/graphql', form)).status).toBe(415);
    expect((await v.req('GET', '/graphql', { headers: { accept: 'text/html' } })).text).toContain('GraphiQL');
  });

  it('depth, aliases, directives, circular fragments: unlimited in the vulnerable build, rejected by the hardened one', async () => {
    const deep = `{ me { ${'orders { customer { '.repeat(5)}id${' } }'.repeat(5)} } }`;
    expect((await gql(v, deep, 'alice')).body.errors).toBeUndefined();
    expect((await gql(h, deep, 'alice')).body.errors[0].message).toMatch(/^Query depth 12 exceeds the maximum of 8/);
    const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect(Object.keys((await gql(v, aliases)).body.data)).toHaveLength(20);
    expect((await gql(h, aliases)).body.errors[0].message).toMatch(/More than 15 aliases/);
    const directives = `{ __typename ${'@skip(if: false) '.repeat(12)}}`;
    // maxErrors 5: five errors and "Too many validation errors", however many directives are sent.
    const overloaded = (await gql(h, directives)).body.errors;
    expect(overloaded).toHaveLength(6);
    expect(overloaded[5].message).toMatch(/Too many validation errors/);
    const cycle = '{ ...A } fragment A on Query { __typename ...B } fragment B on Query { __typename ...A }';
    expect((await gql(v, cycle)).body.data).toEqual({ __typename: 'Query' });
    expect((await gql(h, cycle)).body.errors[0].message).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it('bad bodies get a 400 from the hardened build, never a crash', async () => {
    for (const body of ['', '{', '[1]', '"x"', '{"query": 5}', '{"query": "{"}']) {
      const r = await h.req('POST', '/graphql', { body, headers: { 'content-type': 'application/json' } });
      expect([200, 400], body).toContain(r.status);
      expect(r.text).not.toMatch(/\bat \S+ \(/);
    }
  });
});

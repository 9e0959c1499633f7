import type { Diagnostic } from '../../../core/index.ts';
import type { Endpoint } from '../types.ts';
import { bodyExample, EndpointCollector, type InputLoad, looksLikeId, normalizeMediaType, readJsonFile, SKIPPED_HEADERS } from './har.ts';

/**
 * Endpoints from a Postman collection (v2.0 / v2.1): requests in nested folders, `{{variables}}` from
 * the collection's variables and an environment file (the environment wins), `:name` path variables,
 * raw / urlencoded / formdata bodies, and auth blocks (inherited from folders and the collection).
 * The collection's concrete values become the endpoints' examples.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

const VAR = /\{\{\s*([^{}]+?)\s*\}\}/g;
const LOGIN_LIKE =
  /(^|\/)(login|logout|signin|sign-in|signup|sign-up|register|token|oauth|health|healthz|status|ping|password[-_]?(reset|forgot)|forgot[-_]?password)(\/|$)/i;

export function loadPostmanFile(file: string, target: URL, cwd: string, environment?: string): InputLoad {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  const vars = new Map<string, string>();
  const col = readJsonFile(file, cwd, 'Postman collection');
  if (col.diagnostic) return { endpoints: [], diagnostics: [col.diagnostic], files };
  files.push(col.display);
  const doc = col.value;
  if (!isObj(doc) || !Array.isArray(doc.item)) {
    diagnostics.push({
      level: 'error',
      message: 'not a Postman collection v2.0/v2.1 (no "item" array)',
      file: col.display,
      line: 1,
      column: 1,
    });
    return { endpoints: [], diagnostics, files };
  }
  for (const v of Array.isArray(doc.variable) ? doc.variable : []) {
    if (isObj(v) && typeof v.key === 'string' && v.disabled !== true) vars.set(v.key, str(v.value) ?? '');
  }
  if (environment) {
    const env = readJsonFile(environment, cwd, 'Postman environment');
    if (env.diagnostic) diagnostics.push(env.diagnostic);
    else {
      files.push(env.display);
      const values = isObj(env.value) && Array.isArray(env.value.values) ? env.value.values : undefined;
      if (!values)
        diagnostics.push({
          level: 'error',
          message: 'not a Postman environment (no "values" array)',
          file: env.display,
          line: 1,
          column: 1,
        });
      for (const v of values ?? []) {
        if (isObj(v) && typeof v.key === 'string' && v.enabled !== false && v.disabled !== true) vars.set(v.key, str(v.value) ?? '');
      }
    }
  }
  const c = new EndpointCollector('postman');
  const base = target.pathname.replace(/\/+$/, '');
  const walk = (items: unknown[], folders: string[], auth: Obj | undefined, depth: number) => {
    if (depth > 32) return;
    for (const item of items) {
      if (!isObj(item)) continue;
      const here = isObj(item.auth) ? item.auth : auth;
      if (Array.isArray(item.item)) {
        walk(item.item, typeof item.name === 'string' ? [...folders, item.name] : folders, here, depth + 1);
        continue;
      }
      const request = item.request;
      if (request === undefined) continue;
      let ep: Endpoint | undefined;
      try {
        ep = add(c, typeof request === 'string' ? { url: request, method: 'GET' } : request, { vars, folders, inherited: here, base });
      } catch (e) {
        diagnostics.push({
          level: 'warning',
          message: `request "${String(item.name ?? '?')}" skipped: ${(e as Error).message}`,
          file: col.display,
        });
      }
      if (Array.isArray(item.response)) {
        if (ep)
          for (const r of item.response) {
            if (!isObj(r) || typeof r.code !== 'number') continue;
            const ct = Array.isArray(r.header)
              ? r.header.filter(isObj).find((h) => typeof h.key === 'string' && /^content-type$/i.test(h.key))
              : undefined;
            c.response(ep, r.code, str(ct?.value) ?? (r._postman_previewlanguage === 'json' ? 'application/json' : undefined));
          }
      }
    }
  };
  walk(doc.item, [], isObj(doc.auth) ? doc.auth : undefined, 0);
  return { endpoints: c.all(), diagnostics, files };
}

interface Ctx {
  vars: Map<string, string>;
  folders: string[];
  inherited?: Obj;
  base: string;
}

/** `{{name}}` replaced from the variables; unknown ones (and dynamic `{{$guid}}`...) as `dynamic` says. */
function substitute(s: string, vars: Map<string, string>, depth = 0): string {
  return s.replace(VAR, (whole, name: string) => {
    const v = vars.get(name);
    if (v !== undefined) return depth < 5 ? substitute(v, vars, depth + 1) : v;
    const d = dynamic(name);
    return d ?? whole;
  });
}

function dynamic(name: string): string | undefined {
  switch (name) {
    case '$guid':
    case '$randomUUID':
      return '6f1c1b9e-2f57-4c51-9a4c-2f7d6f1f3a10';
    case '$timestamp':
      return '1700000000';
    case '$isoTimestamp':
      return '2024-01-15T10:30:00.000Z';
    case '$randomInt':
      return '42';
    case '$randomEmail':
    case '$randomExampleEmail':
      return 'probe@example.com';
    default:
      return name.startsWith('$random') ? 'rampart' : undefined;
  }
}

function add(c: EndpointCollector, request: unknown, ctx: Ctx): Endpoint | undefined {
  if (!isObj(request)) return undefined;
  const method = (str(request.method) ?? 'GET').toUpperCase();
  if (!/^[A-Z]+$/.test(method)) throw new Error(`invalid method "${method}"`);
  const url = request.url;
  let raw: string;
  let pathSegs: string[] | undefined;
  const pathVars = new Map<string, string>();
  const query: [string, string][] = [];
  if (typeof url === 'string') raw = url;
  else if (isObj(url)) {
    raw = str(url.raw) ?? '';
    if (Array.isArray(url.path)) pathSegs = url.path.map((s) => (isObj(s) ? (str(s.value) ?? '') : (str(s) ?? '')));
    else if (typeof url.path === 'string') pathSegs = url.path.split('/');
    for (const v of Array.isArray(url.variable) ? url.variable : []) {
      if (isObj(v) && typeof v.key === 'string') pathVars.set(v.key, substitute(str(v.value) ?? '', ctx.vars));
    }
    for (const q of Array.isArray(url.query) ? url.query : []) {
      if (isObj(q) && typeof q.key === 'string' && q.disabled !== true) query.push([q.key, substitute(str(q.value) ?? '', ctx.vars)]);
    }
  } else throw new Error('no URL');

  // The path: from the raw URL (variables substituted, scheme and host dropped) unless the URL object lists segments.
  let rawPath = raw;
  const hashOrQuery = rawPath.search(/[?#]/);
  const rawQuery = hashOrQuery >= 0 && rawPath[hashOrQuery] === '?' ? rawPath.slice(hashOrQuery + 1).split('#')[0] : '';
  if (hashOrQuery >= 0) rawPath = rawPath.slice(0, hashOrQuery);
  if (!query.length && rawQuery) for (const [k, v] of new URLSearchParams(substitute(rawQuery, ctx.vars))) query.push([k, v]);

  // A leading `{{baseUrl}}`: its path is the server's base path, replaced by the target's own path when it has one.
  let basePath = '';
  let rest = rawPath;
  const lead = /^\{\{\s*([^{}]+?)\s*\}\}/.exec(rawPath);
  if (lead) {
    const value = ctx.vars.get(lead[1] as string);
    basePath = value !== undefined ? pathOf(substitute(value, ctx.vars)) : '';
    rest = rawPath.slice(lead[0].length);
  } else {
    rest = pathOf(rawPath);
  }
  const segs = pathSegs && !lead ? pathSegs : rest.split('/').filter((s, i) => s !== '' || i > 0);
  if (ctx.base) basePath = ctx.base;

  const examples: Record<string, string> = {};
  let ids = 0;
  const template = segs
    .filter((s) => s !== '')
    .map((seg) => {
      const whole = /^\{\{\s*([^{}]+?)\s*\}\}$/.exec(seg);
      if (whole) {
        const name = whole[1] as string;
        const v = ctx.vars.get(name);
        if (v !== undefined) examples[name] = substitute(v, ctx.vars);
        return `{${name}}`;
      }
      if (seg.startsWith(':') && seg.length > 1) {
        const name = seg.slice(1);
        const v = pathVars.get(name);
        if (v !== undefined && v !== '') examples[name] = v;
        return `{${name}}`;
      }
      const value = substitute(seg, ctx.vars);
      if (looksLikeId(value)) {
        const name = ids++ === 0 ? 'id' : `id${ids}`;
        examples[name] = value;
        return `{${name}}`;
      }
      // A variable inside a segment (`v{{version}}`): substituted, or left as literal text.
      return value.replace(/[{}]/g, '');
    });
  let path = `/${template.join('/')}`;
  if (basePath && basePath !== '/') path = `${basePath.replace(/\/+$/, '')}${path === '/' ? '' : path}`;
  path = path.replace(/\/{2,}/g, '/');
  const e = c.get(method, path);
  for (const m of path.matchAll(/\{([^}]+)\}/g)) c.param(e, m[1] as string, 'path', examples[m[1] as string]);
  for (const [k, v] of query) c.param(e, k, 'query', v, false);
  for (const h of Array.isArray(request.header) ? request.header : []) {
    if (!isObj(h) || typeof h.key !== 'string' || h.disabled === true) continue;
    if (/^authorization$/i.test(h.key)) e.auth = 'required';
    if (SKIPPED_HEADERS.test(h.key)) continue;
    c.param(e, h.key.toLowerCase(), 'header', substitute(str(h.value) ?? '', ctx.vars), false);
  }

  const body = request.body;
  if (isObj(body) && body.disabled !== true) {
    const mode = str(body.mode);
    if (mode === 'raw' && typeof body.raw === 'string' && body.raw.trim()) {
      const lang = isObj(body.options) && isObj(body.options.raw) ? str(body.options.raw.language) : undefined;
      const ctHeader = Array.isArray(request.header)
        ? request.header.filter(isObj).find((h) => typeof h.key === 'string' && /^content-type$/i.test(h.key))
        : undefined;
      const text = substitute(body.raw, ctx.vars);
      const looksJson = /^\s*[[{]/.test(text);
      const mediaType =
        str(ctHeader?.value)?.split(';')[0]?.trim() ||
        (lang === 'json' || (!lang && looksJson) ? 'application/json' : lang === 'xml' ? 'application/xml' : 'text/plain');
      let example: unknown = bodyExample(mediaType, text);
      if (typeof example === 'string' && /json/.test(mediaType)) {
        // Unquoted variables Postman fills at run time (`"qty": {{qty}}`): null, so the JSON parses.
        try {
          example = JSON.parse(text.replace(VAR, 'null'));
        } catch {
          // keep the text
        }
      }
      c.body(e, normalizeMediaType(mediaType), example);
    } else if (mode === 'urlencoded' || mode === 'formdata') {
      const fields = (Array.isArray(body[mode]) ? (body[mode] as unknown[]) : [])
        .filter(isObj)
        .filter((f) => f.disabled !== true && typeof f.key === 'string')
        .map((f) => ({ name: f.key as string, value: f.type === 'file' ? 'rampart.txt' : substitute(str(f.value) ?? '', ctx.vars) }));
      const mediaType = mode === 'urlencoded' ? 'application/x-www-form-urlencoded' : 'multipart/form-data';
      c.body(e, mediaType, bodyExample(mediaType, undefined, fields));
    } else if (mode === 'graphql' && isObj(body.graphql)) {
      c.body(e, 'application/json', { query: str(body.graphql.query) ?? '', variables: tryJson(str(body.graphql.variables)) ?? {} });
    }
  }

  // Auth: the request's own block, else the nearest folder's or the collection's.
  const own = isObj(request.auth) ? request.auth : undefined;
  const auth = own ?? ctx.inherited;
  const type = auth ? str(auth.type) : undefined;
  if (type === 'noauth') e.auth = 'none';
  else if (type && (own || !LOGIN_LIKE.test(path))) e.auth = 'required';
  if (type === 'oauth2') {
    const scope = oauthScope(auth as Obj);
    for (const s of scope) if (!e.scopes.includes(s)) e.scopes.push(s);
  }
  for (const f of ctx.folders) if (!e.tags.includes(f)) e.tags.push(f);
  if (
    ctx.folders.some((f) => /^admin(istration|istrator)?s?$/i.test(f.trim())) ||
    e.scopes.some((s) => /(^|[^a-z])admin([^a-z]|$)/.test(s))
  )
    e.admin = true;
  return e;
}

function oauthScope(auth: Obj): string[] {
  const o = auth.oauth2;
  let scope: string | undefined;
  if (Array.isArray(o)) scope = str(o.filter(isObj).find((x) => x.key === 'scope')?.value);
  else if (isObj(o)) scope = str(o.scope);
  return scope
    ? scope
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((s) => s.toLowerCase())
    : [];
}

function tryJson(s: string | undefined): unknown {
  if (!s) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** The path of a URL-ish string: `http://h:1/api` -> `/api`, `localhost:3000/api` -> `/api`, `/api` -> `/api`. */
function pathOf(s: string): string {
  const noScheme = s.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  if (noScheme !== s) return noScheme.replace(/\/+$/, '');
  if (s.startsWith('/')) return s.replace(/\/+$/, '');
  const slash = s.indexOf('/');
  // `{{host}}/api`, `localhost:3000/api`, `api.example.com/v1`: the first segment is the host.
  if (slash === -1) return /[.:]|\{\{/.test(s) ? '' : `/${s}`;
  const first = s.slice(0, slash);
  return /[.:]|\{\{|^localhost$/.test(first) ? s.slice(slash).replace(/\/+$/, '') : `/${s.replace(/\/+$/, '')}`;
}

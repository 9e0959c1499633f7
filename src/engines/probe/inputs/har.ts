import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';
import type { Diagnostic } from '../../../core/index.ts';
import { formatSize } from '../../../formats/structured.ts';
import { toDisplayPath } from '../../design/discover.ts';
import type { Endpoint, EndpointParameter, EndpointResponse, Schema } from '../types.ts';

/**
 * Endpoints from a HAR 1.2 capture (browser dev tools, mitmproxy, Charles, Insomnia): the entries sent
 * to the target's origin, grouped by method and path template (numeric, UUID and long hex segments
 * become `{id}` parameters); their concrete values become the endpoints' examples.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface InputLoad {
  endpoints: Endpoint[];
  diagnostics: Diagnostic[];
  files: string[];
}

const MAX_BYTES = 256 * 1024 * 1024;

/** Reads a JSON input file (BOM tolerated); a broken file is a diagnostic naming line and column. */
export function readJsonFile(file: string, cwd: string, what: string): { value?: unknown; display: string; diagnostic?: Diagnostic } {
  const abs = resolve(cwd, file);
  const display = toDisplayPath(abs, cwd);
  let text: string;
  try {
    const size = statSync(abs).size;
    if (size > MAX_BYTES) {
      return {
        display,
        diagnostic: { level: 'error', message: `${what} is ${formatSize(size)}, above the ${formatSize(MAX_BYTES)} limit`, file: display },
      };
    }
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    return {
      display,
      diagnostic: { level: 'error', message: `cannot read the ${what} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, file: display },
    };
  }
  const parsed = parseJsonText(text, display, what);
  return { ...parsed, display };
}

export function parseJsonText(raw: string, display: string, what: string): { value?: unknown; diagnostic?: Diagnostic } {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const errors: ParseError[] = [];
  const value = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const err = errors[0];
  if (err) {
    const { line, column } = lineCol(text, err.offset);
    return {
      diagnostic: {
        level: 'error',
        message: `invalid JSON in the ${what}: ${words(printParseErrorCode(err.error))}`,
        file: display,
        line,
        column,
      },
    };
  }
  return { value };
}

/** `CommaExpected` -> `comma expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

// ------------------------------------------------------------------------------------------ templates

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^(?=.*\d)[0-9a-f]{12,}$/i;
const NUMERIC = /^\d+$/;

/** True for a path segment that is an id value (numeric, UUID or long hex). */
export function looksLikeId(seg: string): boolean {
  return NUMERIC.test(seg) || UUID.test(seg) || HEX.test(seg);
}

/**
 * A concrete path as a template: id segments become `{id}` (then `{id2}`, `{id3}`... when a path has
 * several); returns the template and each parameter's concrete value.
 */
export function templatize(path: string): { template: string; values: Record<string, string> } {
  const values: Record<string, string> = {};
  let n = 0;
  const segs = path.split('/').map((seg) => {
    let decoded = seg;
    try {
      decoded = decodeURIComponent(seg);
    } catch {
      // keep as is
    }
    if (!seg || !looksLikeId(decoded)) return seg;
    const name = n++ === 0 ? 'id' : `id${n}`;
    values[name] = decoded;
    return `{${name}}`;
  });
  return { template: segs.join('/') || '/', values };
}

/** A simple JSON Schema describing a JSON value (types and properties, nothing required). */
export function inferSchema(v: unknown, depth = 0): Schema {
  if (depth > 8) return {};
  if (v === null) return { type: 'null' };
  if (Array.isArray(v)) return v.length ? { type: 'array', items: inferSchema(v[0], depth + 1) } : { type: 'array' };
  if (isObj(v)) {
    const properties: Obj = {};
    for (const [k, x] of Object.entries(v)) properties[k] = inferSchema(x, depth + 1);
    return { type: 'object', properties };
  }
  if (typeof v === 'number') return { type: Number.isInteger(v) ? 'integer' : 'number' };
  if (typeof v === 'boolean') return { type: 'boolean' };
  return { type: 'string' };
}

/** Headers no endpoint parameter should be made of (credentials, transport, browser noise). */
export const SKIPPED_HEADERS =
  /^(authorization|cookie|host|content-length|content-type|accept|accept-encoding|accept-language|connection|user-agent|referer|origin|cache-control|pragma|upgrade-insecure-requests|te|dnt|postman-token|x-postman-.*|sec-.*|if-none-match|if-modified-since|keep-alive|priority|:.*)$/i;

const STATIC_ASSET = /\.(js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|avif|woff2?|ttf|otf|eot|mp4|webm|mp3|wav|pdf|zip|wasm)$/i;

/** Adds a concrete request to the endpoint (creating it): examples for parameters and body. */
export class EndpointCollector {
  private readonly byKey = new Map<string, Endpoint>();
  private readonly source: Endpoint['source'];
  constructor(source: Endpoint['source']) {
    this.source = source;
  }

  get(method: string, template: string): Endpoint {
    const key = `${method} ${template}`;
    let e = this.byKey.get(key);
    if (!e) {
      e = {
        method,
        path: template,
        source: this.source,
        parameters: [],
        responses: [],
        auth: 'unknown',
        scopes: [],
        admin: template.split('/').some((s) => /^admin(istration|istrator)?s?$/i.test(s)),
        deprecated: false,
        tags: [],
      };
      this.byKey.set(key, e);
    }
    return e;
  }

  param(e: Endpoint, name: string, where: EndpointParameter['in'], value: unknown, required = where === 'path') {
    const p = e.parameters.find((x) => x.name === name && x.in === where);
    if (p) {
      if (p.example === undefined && value !== undefined) p.example = value;
      return;
    }
    const schema: Schema =
      typeof value === 'string' && NUMERIC.test(value) && where !== 'header' ? { type: 'string', pattern: '^\\d+$' } : { type: 'string' };
    e.parameters.push({ name, in: where, required, schema, ...(value !== undefined ? { example: value } : {}) });
  }

  body(e: Endpoint, mediaType: string, example: unknown) {
    if (e.body) return;
    const schema = example !== undefined && typeof example === 'object' ? inferSchema(example) : undefined;
    e.body = { mediaType, required: true, ...(schema ? { schema } : {}), ...(example !== undefined ? { example } : {}) };
  }

  response(e: Endpoint, status: number, mediaType: string | undefined) {
    const s = String(status);
    const r = e.responses.find((x) => x.status === s);
    const mt = mediaType?.split(';')[0]?.trim();
    if (r) {
      if (mt && !r.mediaTypes.includes(mt)) r.mediaTypes.push(mt);
      return;
    }
    const out: EndpointResponse = { status: s, mediaTypes: mt ? [mt] : [] };
    e.responses.push(out);
  }

  all(): Endpoint[] {
    return [...this.byKey.values()];
  }
}

/** A request body as an example: JSON parsed, forms as objects, anything else as text. */
export function bodyExample(mediaType: string, text: string | undefined, params?: { name: string; value?: string }[]): unknown {
  const mt = mediaType.toLowerCase();
  if (/json/.test(mt) && text) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (/x-www-form-urlencoded|multipart\/form-data/.test(mt)) {
    if (params?.length) return Object.fromEntries(params.map((p) => [p.name, p.value ?? '']));
    if (text && /x-www-form-urlencoded/.test(mt)) return Object.fromEntries(new URLSearchParams(text));
    return undefined;
  }
  return text || undefined;
}

// ------------------------------------------------------------------------------------------------ HAR

export function loadHarFile(file: string, target: URL, cwd: string): InputLoad {
  const r = readJsonFile(file, cwd, 'HAR file');
  if (r.diagnostic) return { endpoints: [], diagnostics: [r.diagnostic], files: [] };
  return { ...harEndpoints(r.value, target, r.display), files: [r.display] };
}

/** Endpoints of a parsed HAR document (also one wrapped in another object, as some tools export it). */
export function harEndpoints(doc: unknown, target: URL, display: string): { endpoints: Endpoint[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let log: unknown = isObj(doc) ? doc.log : undefined;
  if (!isObj(log) && isObj(doc)) for (const v of Object.values(doc)) if (isObj(v) && isObj(v.log)) log = v.log;
  if (!isObj(log) || !Array.isArray(log.entries)) {
    diagnostics.push({ level: 'error', message: 'not a HAR file (no "log.entries" array)', file: display, line: 1, column: 1 });
    return { endpoints: [], diagnostics };
  }
  const base = target.pathname.replace(/\/+$/, '');
  const c = new EndpointCollector('har');
  let foreign = 0;
  let invalid = 0;
  for (const entry of log.entries) {
    const req = isObj(entry) ? entry.request : undefined;
    if (!isObj(req) || typeof req.url !== 'string') {
      invalid++;
      continue;
    }
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      invalid++;
      continue;
    }
    if (url.origin !== target.origin) {
      foreign++;
      continue;
    }
    if (base && url.pathname !== base && !url.pathname.startsWith(`${base}/`)) {
      foreign++;
      continue;
    }
    if (STATIC_ASSET.test(url.pathname)) continue;
    const method = (typeof req.method === 'string' ? req.method : 'GET').toUpperCase();
    if (!/^[A-Z]+$/.test(method)) {
      invalid++;
      continue;
    }
    const { template, values } = templatize(url.pathname);
    const e = c.get(method, template);
    for (const [name, value] of Object.entries(values)) c.param(e, name, 'path', value);
    for (const [k, v] of url.searchParams) c.param(e, k, 'query', v, false);
    for (const h of Array.isArray(req.headers) ? req.headers : []) {
      if (!isObj(h) || typeof h.name !== 'string' || SKIPPED_HEADERS.test(h.name)) continue;
      c.param(e, h.name.toLowerCase(), 'header', typeof h.value === 'string' ? h.value : '', false);
    }
    // A capture shows credentials were sent, not that they are required: auth stays `unknown`.
    const post = req.postData;
    if (isObj(post)) {
      const mimeType =
        typeof post.mimeType === 'string' && post.mimeType
          ? post.mimeType.split(';')[0]?.trim() || 'application/octet-stream'
          : 'application/octet-stream';
      const params = Array.isArray(post.params)
        ? post.params.filter(isObj).map((p) => ({ name: String(p.name ?? ''), value: typeof p.value === 'string' ? p.value : undefined }))
        : undefined;
      c.body(
        e,
        normalizeMediaType(mimeType),
        bodyExample(normalizeMediaType(mimeType), typeof post.text === 'string' ? post.text : undefined, params),
      );
    }
    const res = isObj(entry) ? (entry as Obj).response : undefined;
    if (isObj(res) && typeof res.status === 'number' && res.status > 0) {
      const content = isObj(res.content) ? res.content : {};
      c.response(e, res.status, typeof content.mimeType === 'string' ? content.mimeType : undefined);
    }
  }
  if (foreign) {
    diagnostics.push({
      level: 'note',
      message: `${foreign} entr${foreign === 1 ? 'y' : 'ies'} of other origins than ${target.origin}${base} left out`,
      file: display,
    });
  }
  if (invalid)
    diagnostics.push({
      level: 'warning',
      message: `${invalid} entr${invalid === 1 ? 'y' : 'ies'} without a valid request URL or method skipped`,
      file: display,
    });
  return { endpoints: c.all(), diagnostics };
}

export function normalizeMediaType(mt: string): string {
  const m = mt.toLowerCase();
  if (m === 'x-www-form-urlencoded') return 'application/x-www-form-urlencoded';
  return m;
}

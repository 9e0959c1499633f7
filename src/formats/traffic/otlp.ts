/**
 * OpenTelemetry traces in OTLP/JSON: one export request (`{"resourceSpans": [...]}`), or one per line as
 * the Collector's file exporter writes them. HTTP server spans become records; stable semantic
 * conventions (`http.request.method`, `url.path`, `http.response.status_code`...) and the legacy names
 * (`http.method`, `http.target`, `http.status_code`...) are both read. `http.route`, when present, is the
 * server's own template and wins over guessing.
 */
import { type JsonEvent, JsonStreamError, streamJson } from './json-stream.ts';
import { fileChunks } from './source.ts';
import { type Header, type ReaderOptions, splitTarget, TrafficError, type TrafficRecord } from './types.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const SERVER = new Set<unknown>([2, '2', 'SPAN_KIND_SERVER']);

/** `{key, value: {stringValue|intValue|...}}[]` → plain map (arrays of strings joined for headers). */
export function attributesOf(list: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!Array.isArray(list)) return out;
  for (const a of list) {
    if (!isObj(a) || typeof a.key !== 'string') continue;
    out.set(a.key, anyValue(a.value));
  }
  return out;
}

function anyValue(v: unknown): unknown {
  if (!isObj(v)) return v;
  if ('stringValue' in v) return v.stringValue;
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return Number(v.doubleValue);
  if ('boolValue' in v) return v.boolValue;
  if ('arrayValue' in v && isObj(v.arrayValue)) return Array.isArray(v.arrayValue.values) ? v.arrayValue.values.map(anyValue) : [];
  if ('kvlistValue' in v && isObj(v.kvlistValue)) return Object.fromEntries(attributesOf(v.kvlistValue.values));
  return undefined;
}

const s = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

function pick(a: Map<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = s(a.get(k));
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Unix nanoseconds (string or number) → epoch ms. */
function nanosToMs(v: unknown): number | undefined {
  if (typeof v === 'string' && /^\d+$/.test(v)) return v.length > 6 ? Number(v.slice(0, -6)) : 0;
  if (typeof v === 'number' && Number.isFinite(v)) return Math.floor(v / 1e6);
  return undefined;
}

/** Converts `:id`, `<int:id>` and `*` route styles to OpenAPI `{id}`. */
export function normalizeRoute(route: string): string {
  return route
    .split('/')
    .map((seg) => {
      let m = /^:([A-Za-z_][\w-]*)\??$/.exec(seg);
      if (m) return `{${m[1]}}`;
      m = /^<(?:[a-z]+:)?([A-Za-z_]\w*)>$/.exec(seg);
      if (m) return `{${m[1]}}`;
      m = /^\[\.{0,3}([A-Za-z_]\w*)\]$/.exec(seg); // Next.js [id], [...slug]
      if (m) return `{${m[1]}}`;
      if (seg === '*' || seg === '**' || seg === '(.*)') return '{path}';
      return seg;
    })
    .join('/');
}

/** One span as a record, or undefined when it is no HTTP server span. */
export function spanToRecord(span: Obj, resource: Map<string, unknown>, source: string, line: number): TrafficRecord | undefined {
  if (!SERVER.has(span.kind)) return undefined;
  const a = attributesOf(span.attributes);
  const method = pick(a, 'http.request.method', 'http.method');
  const route = pick(a, 'http.route');
  const full = pick(a, 'url.full', 'http.url');
  const scheme = pick(a, 'url.scheme', 'http.scheme');
  const hostName = pick(a, 'server.address', 'http.host', 'net.host.name', 'http.server_name', 'host.name');
  const port = pick(a, 'server.port', 'net.host.port');
  const host = hostName
    ? hostName.includes(':') || !port || (scheme === 'https' && port === '443') || (scheme === 'http' && port === '80')
      ? hostName
      : `${hostName}:${port}`
    : undefined;
  let path = pick(a, 'url.path');
  let query = pick(a, 'url.query');
  let fromUrl: { host?: string; scheme?: string } = {};
  if (path === undefined) {
    const target = pick(a, 'http.target') ?? full;
    const t = target ? splitTarget(target, scheme, host) : undefined;
    if (t) {
      path = t.path;
      query = t.query;
      fromUrl = t;
    }
  }
  if (path === undefined && route) path = route;
  if (path === undefined && !method) return undefined;
  if (path === undefined) {
    // Span name `GET /users/:id` (the convention when no other attribute is recorded).
    const m = typeof span.name === 'string' ? /^[A-Z]+ (\/\S*)$/.exec(span.name) : null;
    if (!m) return undefined;
    path = m[1];
  }
  if (!path.startsWith('/')) path = `/${path}`;
  const r: TrafficRecord = { source, line, method: (method ?? '_OTHER').toUpperCase(), path };
  if (query) r.query = query.startsWith('?') ? query.slice(1) : query;
  if (route) r.route = normalizeRoute(route);
  if (scheme ?? fromUrl.scheme) r.scheme = (scheme ?? fromUrl.scheme)?.toLowerCase();
  if (host ?? fromUrl.host) r.host = (host ?? fromUrl.host)?.toLowerCase();
  const status = Number(pick(a, 'http.response.status_code', 'http.status_code'));
  if (Number.isInteger(status) && status >= 100 && status <= 599) r.status = status;
  const start = nanosToMs(span.startTimeUnixNano);
  const end = nanosToMs(span.endTimeUnixNano);
  if (start !== undefined) r.time = start;
  if (start !== undefined && end !== undefined && end >= start) r.durationMs = end - start;
  const client = pick(a, 'client.address', 'http.client_ip', 'net.sock.peer.addr', 'net.peer.ip');
  if (client) r.clientIp = client;
  const ua = pick(a, 'user_agent.original', 'http.user_agent');
  if (ua) r.userAgent = ua;
  const user = pick(a, 'enduser.id');
  if (user) r.user = user;
  // Captured headers: http.request.header.<name> (string array).
  const reqH: Header[] = [];
  const resH: Header[] = [];
  for (const [k, v] of a) {
    const isReq = k.startsWith('http.request.header.');
    if (!isReq && !k.startsWith('http.response.header.')) continue;
    const name = k
      .slice(isReq ? 20 : 21)
      .replace(/_/g, '-')
      .toLowerCase();
    for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined) (isReq ? reqH : resH).push([name, String(x)]);
  }
  if (reqH.length) r.requestHeaders = reqH;
  if (resH.length) r.responseHeaders = resH;
  const service = s(resource.get('service.name'));
  if (service && !r.host) r.host = service.toLowerCase();
  return r;
}

/** Reads OTLP/JSON traces (one document, or one per line); spans other than HTTP server spans are skipped. */
export async function* readOtlp(absPath: string, display: string, opts: ReaderOptions = {}): AsyncGenerator<TrafficRecord> {
  yield* readOtlpStream(fileChunks(absPath, display), display, opts);
}

export async function* readOtlpStream(
  input: AsyncIterable<Buffer>,
  display: string,
  opts: ReaderOptions = {},
): AsyncGenerator<TrafficRecord> {
  let sawSpans = false;
  let spans = 0;
  let http = 0;
  let firstKey: { key: string; line: number; column: number } | undefined;
  const handle = function* (ev: JsonEvent): Generator<TrafficRecord> {
    if (ev.kind === 'top' && ev.type !== 'object')
      throw new TrafficError(
        `not OTLP/JSON traces: the file holds ${ev.type === 'array' ? 'an array' : `a ${ev.type}`}, not {"resourceSpans": [...]}`,
        display,
        ev.line,
        ev.column,
      );
    if (ev.kind === 'member' && ev.path.length === 0) {
      if (ev.key === 'resourceSpans') {
        if (ev.type !== 'array')
          throw new TrafficError(`not OTLP/JSON traces: "resourceSpans" is not an array`, display, ev.line, ev.column);
        sawSpans = true;
      } else firstKey ??= { key: ev.key, line: ev.line, column: ev.column };
    }
    if (ev.kind === 'oversized')
      opts.onNote?.({
        level: 'warning',
        message: `a resourceSpans entry of ${Math.round(ev.bytes / 1048576)} MB was skipped (too large)`,
        line: ev.line,
        column: ev.column,
      });
    if (ev.kind !== 'element' || !isObj(ev.value)) return;
    const rs = ev.value;
    const resource = attributesOf(isObj(rs.resource) ? rs.resource.attributes : undefined);
    const scopes = Array.isArray(rs.scopeSpans)
      ? rs.scopeSpans
      : Array.isArray(rs.instrumentationLibrarySpans)
        ? rs.instrumentationLibrarySpans
        : [];
    for (const sc of scopes) {
      if (!isObj(sc) || !Array.isArray(sc.spans)) continue;
      for (const span of sc.spans) {
        if (!isObj(span)) continue;
        spans++;
        const r = spanToRecord(span, resource, display, ev.line);
        if (r) {
          http++;
          yield r;
        }
      }
    }
  };
  try {
    for await (const batch of streamJson(input, { elements: [['resourceSpans']] })) for (const ev of batch) yield* handle(ev);
  } catch (e) {
    if (e instanceof JsonStreamError) throw new TrafficError(e.message, display, e.line, e.column);
    throw e;
  }
  if (!sawSpans) {
    const hint =
      firstKey?.key === 'resourceLogs'
        ? ' (this is an OTLP log export; read it with `rampart logs`)'
        : firstKey?.key === 'resourceMetrics'
          ? ' (this is an OTLP metrics export)'
          : '';
    throw new TrafficError(
      `not OTLP/JSON traces: no "resourceSpans"${firstKey ? `, only "${firstKey.key}"` : ''}${hint}`,
      display,
      firstKey?.line ?? 1,
      firstKey?.column ?? 1,
    );
  }
  if (http === 0)
    opts.onNote?.({
      level: 'warning',
      message: `no HTTP server span among ${spans} span${spans === 1 ? '' : 's'} (a server span with http.request.method or http.method)`,
    });
}

/**
 * What the inventory keeps per endpoint while records stream by: counters, sets bounded in size, merged
 * JSON schemas and one sample request. Memory grows with the number of endpoints, never with requests.
 */
import { isTextual, mediaType, statusClass, type TrafficRecord } from '../../../formats/traffic/types.ts';
import { type SensitiveKind, sensitiveKindsIn } from '../sensitive.ts';
import { credentialLabel, credentialsOf, isSecretParam, redactedRequest, redactedResponse, redactedUrl } from './credentials.ts';
import { inferSchema, type JsonSchema, mergeSchemas, parseJsonBody } from './schema.ts';
import { classifySegment, splitPath } from './template.ts';

const MAX_HOSTS = 50;
const MAX_SOURCES = 20;
const MAX_SCHEMA_SAMPLES = 30;
const MAX_QUERY_PARAMS = 100;
const SCAN_CHARS = 64 * 1024;

/** A security scheme as seen on the wire, keyed `bearer`, `basic`, `apiKey:header:x-api-key`... */
export interface SchemeSeen {
  key: string;
  type: 'http' | 'apiKey';
  scheme?: string;
  bearerFormat?: string;
  in?: 'header' | 'query' | 'cookie';
  name?: string;
}

function schemesOf(r: TrafficRecord): SchemeSeen[] {
  const out: SchemeSeen[] = [];
  for (const c of credentialsOf(r)) {
    switch (c.kind) {
      case 'bearer':
        out.push({ key: c.jwt ? 'bearerJwt' : 'bearer', type: 'http', scheme: 'bearer', bearerFormat: c.jwt ? 'JWT' : undefined });
        break;
      case 'basic':
      case 'digest':
        out.push({ key: c.kind, type: 'http', scheme: c.kind });
        break;
      case 'auth-scheme':
        out.push({ key: `auth:${c.name}`, type: 'apiKey', in: 'header', name: 'Authorization' });
        break;
      case 'api-key-header':
        out.push({ key: `apiKey:header:${c.name}`, type: 'apiKey', in: 'header', name: c.name });
        break;
      case 'session-cookie':
        out.push({ key: `apiKey:cookie:${c.name}`, type: 'apiKey', in: 'cookie', name: c.name });
        break;
      case 'query-token':
        out.push({ key: `apiKey:query:${c.name}`, type: 'apiKey', in: 'query', name: c.name });
        break;
      case 'user':
        out.push({ key: 'basic', type: 'http', scheme: 'basic' });
        break;
    }
  }
  return out;
}

export interface QueryParamStats {
  count: number;
  types: Set<string>;
}

function valueType(v: string): string {
  if (/^-?\d{1,15}$/.test(v)) return 'integer';
  if (/^-?\d+\.\d+$/.test(v)) return 'number';
  if (v === 'true' || v === 'false') return 'boolean';
  return 'string';
}

function decodeQ(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** The aggregate of one (method, template or pre-template). */
export class EndpointAgg {
  readonly method: string;
  count = 0;
  answered = 0;
  hosts = new Set<string>();
  status: Record<string, number> = {};
  first?: number;
  last?: number;
  credentialed = 0;
  anonymous = 0;
  credentialKinds = new Set<string>();
  schemes = new Map<string, SchemeSeen & { count: number }>();
  sensitiveReq = new Set<SensitiveKind>();
  sensitiveRes = new Set<SensitiveKind>();
  sources = new Set<string>();
  websocket = false;
  inScope = false;
  sample?: TrafficRecord;
  sampleScore = -1;
  /** Types of the values seen at each path position. */
  segmentTypes = new Map<number, Set<string>>();
  query = new Map<string, QueryParamStats>();
  requestSchemas = new Map<string, JsonSchema | null>();
  requestSamples = 0;
  responseSchemas = new Map<string, Map<string, JsonSchema | null>>();
  responseSamples = 0;

  constructor(method: string) {
    this.method = method;
  }

  add(r: TrafficRecord, inScope: boolean): void {
    this.count++;
    if (inScope) this.inScope = true;
    if (r.host && this.hosts.size < MAX_HOSTS) this.hosts.add(r.host);
    if (r.status === undefined || (r.status !== 404 && r.status !== 405 && r.status !== 410 && r.status !== 501)) this.answered++;
    const cls = statusClass(r.status);
    this.status[cls] = (this.status[cls] ?? 0) + 1;
    if (r.time !== undefined) {
      if (this.first === undefined || r.time < this.first) this.first = r.time;
      if (this.last === undefined || r.time > this.last) this.last = r.time;
    }
    if (this.sources.size < MAX_SOURCES) this.sources.add(r.source);
    if (r.websocket) this.websocket = true;
    const schemes = schemesOf(r);
    if (schemes.length) {
      this.credentialed++;
      for (const c of credentialsOf(r)) this.credentialKinds.add(credentialLabel(c));
      for (const s of schemes) {
        const seen = this.schemes.get(s.key);
        if (seen) seen.count++;
        else this.schemes.set(s.key, { ...s, count: 1 });
      }
    } else this.anonymous++;

    // The sample: prefer a successful exchange, then one with headers (richer evidence), then the first.
    const score = (r.status !== undefined && r.status < 400 ? 2 : 0) + (r.requestHeaders ? 1 : 0);
    if (score > this.sampleScore) {
      this.sample = r;
      this.sampleScore = score;
    }

    const segs = splitPath(r.path);
    for (let i = 0; i < segs.length && i < 32; i++) {
      const c = classifySegment(segs[i], segs[i - 1], i);
      if (!c.param) continue;
      let set = this.segmentTypes.get(i);
      if (!set) {
        set = new Set();
        this.segmentTypes.set(i, set);
      }
      if (set.size < 8) set.add(c.type ?? 'string');
    }

    if (r.query) {
      let scanQuery = '';
      for (const part of r.query.split('&')) {
        if (!part) continue;
        const eq = part.indexOf('=');
        const name = decodeQ(eq === -1 ? part : part.slice(0, eq));
        const value = eq === -1 ? '' : decodeQ(part.slice(eq + 1));
        if (!isSecretParam(name, value)) {
          let q = this.query.get(name);
          if (!q && this.query.size < MAX_QUERY_PARAMS) {
            q = { count: 0, types: new Set() };
            this.query.set(name, q);
          }
          if (q) {
            q.count++;
            if (value !== '') q.types.add(valueType(value));
          }
        }
        if (value.length >= 5) scanQuery += `${value}\n`;
      }
      if (scanQuery) sensitiveKindsIn(scanQuery, this.sensitiveReq);
    }
    if (r.path.length > 5 && (r.path.includes('%40') || r.path.includes('@') || /\d{4}/.test(r.path) || r.path.includes('eyJ')))
      sensitiveKindsIn(decodeQ(r.path), this.sensitiveReq);

    const rb = r.requestBody;
    if (rb?.text) {
      const mime = rb.mimeType ?? 'application/octet-stream';
      if (isTextual(mime) || r.websocket)
        sensitiveKindsIn(rb.text.length > SCAN_CHARS ? rb.text.slice(0, SCAN_CHARS) : rb.text, this.sensitiveReq);
      if (this.requestSamples < MAX_SCHEMA_SAMPLES && !r.websocket) {
        this.requestSamples++;
        this.requestSchemas.set(mime, mergeBody(this.requestSchemas.get(mime), mime, rb.text, rb.truncated));
      }
    }
    const sb = r.responseBody;
    const mime = sb?.mimeType ?? mediaType(r.responseHeaders?.find(([n]) => n === 'content-type')?.[1]);
    if (sb?.text && (isTextual(mime) || r.websocket)) {
      // HTML pages and scripts are scanned for JSON-ish data only when the exchange is an API call.
      if (!mime?.includes('html') && !mime?.includes('javascript'))
        sensitiveKindsIn(sb.text.length > SCAN_CHARS ? sb.text.slice(0, SCAN_CHARS) : sb.text, this.sensitiveRes);
    }
    if (r.status !== undefined && this.responseSamples < MAX_SCHEMA_SAMPLES * 4 && !r.websocket) {
      const st = String(r.status);
      let byMime = this.responseSchemas.get(st);
      if (!byMime) {
        byMime = new Map();
        this.responseSchemas.set(st, byMime);
      }
      if (mime && byMime.size < 4) {
        this.responseSamples++;
        byMime.set(mime, mergeBody(byMime.get(mime), mime, sb?.text, sb?.truncated));
      } else if (!mime && !byMime.has('')) byMime.set('', null);
    }
  }

  /** Folds another aggregate of the same endpoint into this one. */
  absorb(o: EndpointAgg): void {
    this.count += o.count;
    this.answered += o.answered;
    if (o.inScope) this.inScope = true;
    for (const h of o.hosts) if (this.hosts.size < MAX_HOSTS) this.hosts.add(h);
    for (const [k, v] of Object.entries(o.status)) this.status[k] = (this.status[k] ?? 0) + v;
    if (o.first !== undefined && (this.first === undefined || o.first < this.first)) this.first = o.first;
    if (o.last !== undefined && (this.last === undefined || o.last > this.last)) this.last = o.last;
    this.credentialed += o.credentialed;
    this.anonymous += o.anonymous;
    for (const k of o.credentialKinds) this.credentialKinds.add(k);
    for (const [k, s] of o.schemes) {
      const mine = this.schemes.get(k);
      if (mine) mine.count += s.count;
      else this.schemes.set(k, { ...s });
    }
    for (const k of o.sensitiveReq) this.sensitiveReq.add(k);
    for (const k of o.sensitiveRes) this.sensitiveRes.add(k);
    for (const s of o.sources) if (this.sources.size < MAX_SOURCES) this.sources.add(s);
    if (o.websocket) this.websocket = true;
    if (o.sampleScore > this.sampleScore) {
      this.sample = o.sample;
      this.sampleScore = o.sampleScore;
    }
    for (const [i, t] of o.segmentTypes) {
      const mine = this.segmentTypes.get(i);
      if (mine) for (const x of t) mine.add(x);
      else this.segmentTypes.set(i, new Set(t));
    }
    for (const [n, q] of o.query) {
      const mine = this.query.get(n);
      if (mine) {
        mine.count += q.count;
        for (const t of q.types) mine.types.add(t);
      } else if (this.query.size < MAX_QUERY_PARAMS) this.query.set(n, { count: q.count, types: new Set(q.types) });
    }
    for (const [m, s] of o.requestSchemas) this.requestSchemas.set(m, mergeNullable(this.requestSchemas.get(m), s));
    this.requestSamples += o.requestSamples;
    for (const [st, byMime] of o.responseSchemas) {
      let mine = this.responseSchemas.get(st);
      if (!mine) {
        mine = new Map();
        this.responseSchemas.set(st, mine);
      }
      for (const [m, s] of byMime) mine.set(m, mergeNullable(mine.get(m), s));
    }
    this.responseSamples += o.responseSamples;
  }

  /** The redacted sample for evidence. */
  sampleView(): { source: string; line: number; url: string; request: string; response?: string; status?: number } {
    const r = this.sample as TrafficRecord;
    return {
      source: r.source,
      line: r.line,
      url: redactedUrl(r),
      request: redactedRequest(r),
      response: redactedResponse(r),
      status: r.status,
    };
  }
}

function mergeNullable(a: JsonSchema | null | undefined, b: JsonSchema | null | undefined): JsonSchema | null {
  if (a && b) return mergeSchemas(a, b);
  return a ?? b ?? null;
}

/** Merges one body into the schema kept for its media type (null: bodies that are not JSON). */
function mergeBody(prev: JsonSchema | null | undefined, mime: string, text: string | undefined, truncated?: boolean): JsonSchema | null {
  if (!text || truncated || !(mime.includes('json') || mime === 'text/plain')) return prev ?? null;
  const v = parseJsonBody(text);
  if (v === undefined) return prev ?? null;
  const s = inferSchema(v);
  return prev ? mergeSchemas(prev, s) : s;
}

/**
 * An OpenAPI 3.1 draft of what traffic shows: servers (origins seen), paths and methods, path and query
 * parameters with types, request and response bodies with JSON schemas merged across samples, and the
 * security schemes requests carried. A starting point to review, never a definition to trust blindly:
 * no value seen in traffic is copied into it.
 */
import { stringify } from 'yaml';
import type { EndpointAgg } from './aggregate.ts';
import type { JsonSchema } from './schema.ts';
import type { InventoryEndpoint } from './types.ts';

type Obj = Record<string, unknown>;

const PARAM_SCHEMA: Record<string, JsonSchema> = {
  integer: { type: 'integer' },
  number: { type: 'number' },
  uuid: { type: 'string', format: 'uuid' },
  objectid: { type: 'string', pattern: '^[0-9a-fA-F]{24}$' },
  hash: { type: 'string', pattern: '^[0-9a-fA-F]+$' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
  email: { type: 'string', format: 'email' },
  ip: { type: 'string', format: 'ipv4' },
};

function paramSchema(types: Set<string> | undefined): JsonSchema {
  if (types?.size !== 1) return { type: 'string' };
  return PARAM_SCHEMA[[...types][0]] ?? { type: 'string' };
}

function querySchema(types: Set<string>): JsonSchema {
  if (types.size === 1) {
    const t = [...types][0];
    return t === 'integer' || t === 'number' || t === 'boolean' ? { type: t } : { type: 'string' };
  }
  if (types.size === 2 && types.has('integer') && types.has('number')) return { type: 'number' };
  return { type: 'string' };
}

const REASONS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No Content',
  '301': 'Moved Permanently',
  '302': 'Found',
  '304': 'Not Modified',
  '400': 'Bad Request',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'Not Found',
  '405': 'Method Not Allowed',
  '409': 'Conflict',
  '422': 'Unprocessable Content',
  '429': 'Too Many Requests',
  '500': 'Internal Server Error',
  '502': 'Bad Gateway',
  '503': 'Service Unavailable',
};

function content(byMime: Map<string, JsonSchema | null>): Obj | undefined {
  const out: Obj = {};
  for (const [mime, schema] of byMime) {
    if (!mime) continue;
    out[mime] = schema ? { schema } : {};
  }
  return Object.keys(out).length ? out : undefined;
}

function schemeName(key: string, s: { name?: string; in?: string }): string {
  if (key === 'bearerJwt') return 'bearerJwt';
  if (key === 'bearer' || key === 'basic' || key === 'digest') return key;
  const base = `${s.in ?? 'header'}_${s.name ?? 'key'}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  return base;
}

/** The draft as a plain object (the CLI writes it as YAML or JSON). */
export function buildOpenApiDraft(endpoints: InventoryEndpoint[], aggOf: (ep: InventoryEndpoint) => EndpointAgg | undefined): Obj {
  const paths: Record<string, Obj> = {};
  const securitySchemes: Record<string, Obj> = {};
  const origins = new Map<string, number>();
  for (const ep of endpoints) {
    const agg = aggOf(ep);
    if (!agg) continue;
    const sample = agg.sample;
    if (sample?.host) {
      const o = `${sample.scheme === 'ws' ? 'http' : sample.scheme === 'wss' ? 'https' : (sample.scheme ?? 'https')}://${sample.host}`;
      origins.set(o, (origins.get(o) ?? 0) + ep.count);
    }
    const method = ep.method.toLowerCase();
    if (!['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(method)) continue;
    const op: Obj = {};
    op.summary = `${ep.method} ${ep.path}`;
    op.operationId = operationId(ep.method, ep.path);
    if (ep.websocket) op.description = 'WebSocket upgrade seen in traffic.';
    const parameters: Obj[] = [];
    const segs = ep.path.split('/').filter(Boolean);
    segs.forEach((seg, i) => {
      for (const m of seg.matchAll(/\{([^}]+)\}/g))
        parameters.push({ name: m[1], in: 'path', required: true, schema: paramSchema(agg.segmentTypes.get(i)) });
    });
    for (const [name, q] of agg.query) {
      const p: Obj = { name, in: 'query', schema: querySchema(q.types) };
      if (q.count === agg.count) p.required = true;
      parameters.push(p);
    }
    if (parameters.length) op.parameters = parameters;
    const reqContent = content(agg.requestSchemas);
    if (reqContent) op.requestBody = { content: reqContent };
    const responses: Obj = {};
    for (const st of [...agg.responseSchemas.keys()].sort()) {
      const c = content(agg.responseSchemas.get(st) as Map<string, JsonSchema | null>);
      responses[st] = { description: REASONS[st] ?? `Status ${st}`, ...(c ? { content: c } : {}) };
    }
    op.responses = Object.keys(responses).length ? responses : { default: { description: 'No response was seen' } };
    if (agg.schemes.size) {
      const security: Obj[] = [];
      for (const [key, s] of agg.schemes) {
        const name = schemeName(key, s);
        if (!securitySchemes[name]) {
          securitySchemes[name] =
            s.type === 'http'
              ? { type: 'http', scheme: s.scheme, ...(s.bearerFormat ? { bearerFormat: s.bearerFormat } : {}) }
              : { type: 'apiKey', in: s.in, name: s.name };
        }
        security.push({ [name]: [] });
      }
      // Some requests went through without credentials: the draft says so instead of hiding it.
      if (agg.anonymous > 0) security.push({});
      op.security = security;
    } else op.security = [];
    op['x-rampart-observed'] = {
      requests: ep.count,
      status: ep.status,
      ...(ep.firstSeen ? { firstSeen: ep.firstSeen, lastSeen: ep.lastSeen } : {}),
      ...(ep.sensitive.request.length || ep.sensitive.response.length ? { sensitiveData: ep.sensitive } : {}),
    };
    paths[ep.path] ??= {};
    paths[ep.path][method] = op;
  }
  const servers = [...origins.entries()].sort((a, b) => b[1] - a[1]).map(([url]) => ({ url }));
  const doc: Obj = {
    openapi: '3.1.0',
    info: {
      title: 'API observed in traffic',
      version: '0.0.0-draft',
      description: 'Draft written by `rampart inventory --emit-openapi` from observed traffic: review it before use.',
    },
  };
  if (servers.length) doc.servers = servers;
  doc.paths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  if (Object.keys(securitySchemes).length) doc.components = { securitySchemes };
  return doc;
}

function operationId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith('{') ? `by-${s.slice(1, s.indexOf('}'))}` : s))
    .join('-')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0].toUpperCase() + w.slice(1))].join('') || method.toLowerCase();
}

/** YAML for `.yaml`/`.yml` names, else JSON. */
export function serializeDraft(doc: Obj, fileName: string): string {
  if (/\.ya?ml$/i.test(fileName)) return stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
  return `${JSON.stringify(doc, null, 2)}\n`;
}

import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../../../core/index.ts';
import { type ApiModel, buildModel, detectVersion, type MediaType, type Operation, type Server } from '../../../formats/openapi/model.ts';
import { child, DocumentSet, type NodeRef } from '../../../formats/openapi/refs.ts';
import {
  DEFAULT_LIMITS,
  formatSize,
  InputError,
  type Limits,
  parseStructured,
  type StructuredDocument,
} from '../../../formats/structured.ts';
import { projectRoot, toDisplayPath } from '../../design/discover.ts';
import type { Endpoint, EndpointBody, EndpointParameter, EndpointResponse, Schema } from '../types.ts';

/**
 * Endpoints from an OpenAPI 2.0 / 3.0 / 3.1 definition: the version-neutral model of the design engine,
 * turned into what the probe needs (full paths on the target, plain JSON Schemas with `$ref`s followed,
 * examples, auth requirements). Bad input gives diagnostics naming file:line:col, never a throw.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface OpenApiLoad {
  endpoints: Endpoint[];
  diagnostics: Diagnostic[];
  files: string[];
}

/** An OpenAPI `link` of a response: how a value of this response feeds a parameter of another operation. */
export interface EndpointLink {
  /** Status of the response declaring the link. */
  status: string;
  operationId?: string;
  /** Parameter name -> runtime expression (`$response.body#/id`) or constant. */
  parameters: Record<string, unknown>;
}

const links = new WeakMap<Endpoint, EndpointLink[]>();

/** The OpenAPI links declared on the endpoint's responses (empty for other sources). */
export function linksOf(endpoint: Endpoint): EndpointLink[] {
  return links.get(endpoint) ?? [];
}

export function loadOpenApiFile(file: string, target: URL, cwd: string, limits: Limits = DEFAULT_LIMITS): OpenApiLoad {
  const absPath = resolve(cwd, file);
  const display = toDisplayPath(absPath, cwd);
  let text: string;
  try {
    const size = statSync(absPath).size;
    if (size > limits.maxFileBytes) {
      return fail(display, `file is ${formatSize(size)}, above the ${formatSize(limits.maxFileBytes)} limit`);
    }
    text = readFileSync(absPath, 'utf8');
  } catch (e) {
    return fail(display, `cannot read the OpenAPI definition (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return loadOpenApiText(text, absPath, display, target, cwd, limits);
}

function fail(file: string, message: string, line?: number, column?: number): OpenApiLoad {
  return { endpoints: [], diagnostics: [{ level: 'error', message, file, line, column }], files: [] };
}

/** Endpoints of a definition given as text (`absPath` resolves relative `$ref`s; `display` names it in diagnostics). */
export function loadOpenApiText(
  text: string,
  absPath: string,
  display: string,
  target: URL,
  cwd: string,
  limits: Limits = DEFAULT_LIMITS,
): OpenApiLoad {
  let doc: StructuredDocument;
  try {
    doc = parseStructured(text, absPath, display, limits);
  } catch (e) {
    const err = e instanceof InputError ? e : new InputError(String(e), display);
    return fail(err.file, err.message, err.line, err.column);
  }
  const version = detectVersion(doc.value);
  if (!version) {
    return fail(
      display,
      'not an OpenAPI 2.0 or 3.x definition (the "openapi" or "swagger" field is missing or has an unknown version)',
      1,
      1,
    );
  }
  const diagnostics: Diagnostic[] = [];
  const set = new DocumentSet(doc, limits, cwd, projectRoot(dirname(absPath)));
  let api: ApiModel;
  try {
    api = buildModel(set, { doc, pointer: '', value: doc.value as Obj }, version);
  } catch (e) {
    return fail(display, `cannot read the definition's structure: ${(e as Error).message}`, 1, 1);
  }
  const schemas = new SchemaConverter(set, version);
  const endpoints: Endpoint[] = [];
  const seen = new Set<string>();
  for (const op of api.operations) {
    if (op.kind !== 'path') continue;
    try {
      const ep = toEndpoint(op, api, schemas, target);
      const key = `${ep.method} ${ep.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      endpoints.push(ep);
    } catch (e) {
      const r = op.ref.doc.locate(op.ref.pointer);
      diagnostics.push({
        level: 'warning',
        message: `${op.method.toUpperCase()} ${op.path} was skipped: ${(e as Error).message}`,
        file: op.ref.doc.file,
        line: r?.startLine,
        column: r?.startColumn,
      });
    }
  }
  if (doc.extraDocuments) {
    diagnostics.push({ level: 'warning', message: `only the first of ${doc.extraDocuments + 1} YAML documents was read`, file: display });
  }
  for (const p of set.problems) {
    const r = p.at.doc.locate(p.at.pointer, 'value');
    diagnostics.push({ level: 'warning', message: p.message, file: p.at.doc.file, line: r?.startLine, column: r?.startColumn });
  }
  return { endpoints, diagnostics, files: set.files().map((d) => d.file) };
}

// ------------------------------------------------------------------------------------------ endpoint

const ADMIN_WORD = /(^|[^a-z])(admin|administrator|superuser|root)([^a-z]|$)/i;

function toEndpoint(op: Operation, api: ApiModel, schemas: SchemaConverter, target: URL): Endpoint {
  const o = op.ref.value;
  const path = joinPath(basePath(op.servers.length ? op.servers : api.servers, target), op.path);

  const parameters: EndpointParameter[] = [];
  const formParams: { name: string; required: boolean; schema?: Schema; example?: unknown }[] = [];
  for (const p of op.parameters) {
    if (!p.name) continue;
    const schema = p.schema ? schemas.parameter(p.schema, p.in === 'body') : undefined;
    const example = exampleOf(p.ref.value, schema);
    if (p.in === 'formData') {
      formParams.push({ name: p.name, required: p.required, schema, example });
      continue;
    }
    if (p.in !== 'path' && p.in !== 'query' && p.in !== 'header' && p.in !== 'cookie') continue;
    parameters.push({ name: p.name, in: p.in, required: p.required, schema, ...(example !== undefined ? { example } : {}) });
  }
  // A `{name}` in the template without a declared parameter still needs a value.
  for (const m of path.matchAll(/\{([^}]+)\}/g)) {
    const name = m[1] as string;
    if (!parameters.some((p) => p.in === 'path' && p.name === name))
      parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }

  let body: EndpointBody | undefined;
  if (op.requestBody?.content.length) {
    const mt = pickMediaType(op.requestBody.content);
    if (mt) {
      const schema = mt.schema ? schemas.convert(mt.schema) : undefined;
      const example = mediaExample(mt, schema, api.version === '2.0');
      body = { mediaType: mt.type, required: op.requestBody.required, schema, ...(example !== undefined ? { example } : {}) };
    }
  } else if (formParams.length) {
    const consumes = Array.isArray(o.consumes) ? (o.consumes as string[]).map(String) : [];
    const mediaType = consumes.find((c) => c.includes('urlencoded')) ?? consumes.find((c) => c.includes('multipart')) ?? consumes[0];
    const properties: Obj = {};
    const example: Obj = {};
    for (const f of formParams) {
      properties[f.name] = f.schema ?? {};
      if (f.example !== undefined) example[f.name] = f.example;
    }
    const required = formParams.filter((f) => f.required).map((f) => f.name);
    body = {
      mediaType: mediaType ?? 'application/x-www-form-urlencoded',
      required: required.length > 0,
      schema: { type: 'object', properties, ...(required.length ? { required } : {}) },
      ...(Object.keys(example).length ? { example } : {}),
    };
  }

  const responses: EndpointResponse[] = [];
  const endpointLinks: EndpointLink[] = [];
  for (const r of op.responses) {
    const mt = pickMediaType(r.content, true);
    responses.push({
      status: r.status,
      mediaTypes: r.content.map((c) => c.type),
      ...(mt?.schema ? { schema: schemas.convert(mt.schema) } : {}),
    });
    const l = child<Obj>(r.ref, 'links');
    if (l && isObj(l.value)) {
      for (const name of Object.keys(l.value)) {
        const link = api.set.resolve<Obj>(child(l, name));
        if (!link || !isObj(link.value)) continue;
        const lv = link.value;
        endpointLinks.push({
          status: r.status,
          operationId: typeof lv.operationId === 'string' ? lv.operationId : undefined,
          parameters: isObj(lv.parameters) ? lv.parameters : {},
        });
      }
    }
  }

  let auth: Endpoint['auth'] = 'unknown';
  const scopes = new Set<string>();
  if (op.security) {
    const anonymous = op.security.length === 0 || op.security.some((r) => r.schemes.length === 0);
    auth = anonymous ? 'none' : 'required';
    for (const r of op.security) for (const s of r.schemes) for (const sc of s.scopes) scopes.add(sc.toLowerCase());
  }
  for (const key of ['x-roles', 'x-role', 'x-scopes', 'x-permissions']) {
    const v = o[key];
    for (const s of Array.isArray(v) ? v : typeof v === 'string' ? [v] : []) if (typeof s === 'string') scopes.add(s.toLowerCase());
  }
  const tags = op.tags;
  const admin =
    [...scopes].some((s) => ADMIN_WORD.test(s)) ||
    tags.some((t) => /^admin(istration|istrator)?s?$/i.test(t.trim())) ||
    o['x-admin'] === true ||
    path.split('/').some((seg) => /^admin(istration|istrator)?s?$/i.test(seg));

  const endpoint: Endpoint = {
    method: op.method.toUpperCase(),
    path,
    ...(op.operationId ? { operationId: op.operationId } : {}),
    ...(op.summary ? { summary: op.summary } : {}),
    source: 'openapi',
    parameters,
    ...(body ? { body } : {}),
    responses,
    auth,
    scopes: [...scopes],
    admin,
    deprecated: op.deprecated,
    tags,
    operation: op,
  };
  if (endpointLinks.length) links.set(endpoint, endpointLinks);
  return endpoint;
}

/** The base path on the target: the target's own path when it has one, else the (best) server's path. */
export function basePath(servers: Server[], target: URL): string {
  const own = target.pathname.replace(/\/+$/, '');
  if (own) return own;
  if (!servers.length) return '';
  const sameOrigin = servers.find((s) => {
    try {
      return new URL(s.url).origin === target.origin;
    } catch {
      return false;
    }
  });
  const url = (sameOrigin ?? (servers[0] as Server)).url;
  let p = url
    .replace(/^[^/?#]*:\/\/[^/?#]*/, '')
    .replace(/^\/\/[^/?#]*/, '')
    .replace(/[?#].*$/, '')
    // A server variable without a default: no value to put there.
    .replace(/\{[^}]*\}/g, '')
    .replace(/\/{2,}/g, '/');
  if (p && !p.startsWith('/')) p = `/${p.replace(/^\.\//, '')}`;
  return p.replace(/\/+$/, '');
}

export function joinPath(base: string, path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  if (!base) return p;
  return p === '/' ? base : `${base}${p}`;
}

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\b|^\*\/\*$/i;

function pickMediaType(content: MediaType[], response = false): MediaType | undefined {
  return (
    content.find((c) => JSON_TYPE.test(c.type) && !/\*/.test(c.type)) ??
    (response ? undefined : content.find((c) => /x-www-form-urlencoded/i.test(c.type))) ??
    (response ? undefined : content.find((c) => /multipart\/form-data/i.test(c.type))) ??
    content.find((c) => JSON_TYPE.test(c.type)) ??
    content[0]
  );
}

/** An example value: `example`, first of `examples`, `x-example`, then the schema's example/default. */
function exampleOf(node: Obj, schema?: Schema): unknown {
  if (node.example !== undefined) return node.example;
  if (isObj(node.examples)) {
    for (const ex of Object.values(node.examples)) if (isObj(ex) && ex.value !== undefined) return ex.value;
  }
  if (node['x-example'] !== undefined) return node['x-example'];
  return schemaExample(schema);
}

function schemaExample(schema?: Schema): unknown {
  if (!schema) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  return undefined;
}

function mediaExample(mt: MediaType, schema: Schema | undefined, v2: boolean): unknown {
  const v = mt.ref.value;
  if (!v2) {
    if (v.example !== undefined) return v.example;
    if (isObj(v.examples)) {
      for (const ex of Object.values(v.examples)) {
        // `$ref`'d examples are left out (they would need resolving; the schema still gives a value).
        if (isObj(ex) && ex.value !== undefined) return ex.value;
      }
    }
  } else if (v['x-examples'] !== undefined && isObj(v['x-examples'])) {
    const first = Object.values(v['x-examples'])[0];
    if (first !== undefined) return first;
  }
  return schemaExample(schema);
}

// ------------------------------------------------------------------------------------------- schemas

/** How many `$ref`s deep a schema is expanded; deeper (cycles) become `{}`. */
export const MAX_REF_DEPTH = 8;
/** Above this many nodes (counting shared subtrees once per use) an expansion is made one level shallower. */
const MAX_EXPANDED_NODES = 2000;

const SCHEMA_MAPS = ['properties', 'patternProperties', 'dependentSchemas', 'definitions', '$defs'];
const SCHEMA_ARRAYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_SINGLE = ['additionalProperties', 'items', 'not', 'contains', 'if', 'then', 'else', 'propertyNames', 'unevaluatedProperties'];
/** Keys of a Swagger 2.0 parameter that are not schema keywords. */
const PARAM_KEYS = new Set(['name', 'in', 'required', 'description', 'collectionFormat', 'allowEmptyValue', 'x-example']);

/**
 * Turns OpenAPI schema nodes into plain JSON Schema: `$ref`s followed (each ref target expanded once
 * per remaining depth and shared, so a definition with thousands of cross-references stays linear),
 * cycles cut at depth {@link MAX_REF_DEPTH}, simple `allOf`s merged, `nullable` and boolean
 * `exclusiveMinimum`/`exclusiveMaximum` of 3.0 rewritten the JSON Schema way.
 */
export class SchemaConverter {
  private readonly set: DocumentSet;
  private readonly version: string;
  private readonly memo = new Map<string, Schema>();
  private readonly sizes = new WeakMap<object, number>();

  constructor(set: DocumentSet, version: string) {
    this.set = set;
    this.version = version;
  }

  convert(ref: NodeRef): Schema {
    return this.bounded((d) => this.node(ref, d));
  }

  /** The deepest expansion (at most {@link MAX_REF_DEPTH}) whose size stays within the budget. */
  private bounded(make: (depth: number) => Schema): Schema {
    let depth = MAX_REF_DEPTH;
    let s = make(depth);
    while (this.size(s) > MAX_EXPANDED_NODES && depth > 1) s = make(--depth);
    return s;
  }

  /** A parameter's schema (Swagger 2.0 non-body parameters are schemas with extra keys). */
  parameter(ref: NodeRef, isBody: boolean): Schema {
    if (this.version !== '2.0' || isBody || !isObj(ref.value) || ref.value.$ref !== undefined) return this.convert(ref);
    const v = ref.value;
    const stripped: Obj = {};
    for (const [k, val] of Object.entries(v)) if (!PARAM_KEYS.has(k)) stripped[k] = val;
    if (stripped.type === 'file') return { type: 'string', format: 'binary' };
    return this.bounded((d) => this.node({ ...ref, value: stripped }, d));
  }

  private size(s: unknown): number {
    return isObj(s) ? (this.sizes.get(s) ?? 1) : 1;
  }

  private node(ref: NodeRef, depth: number): Schema {
    const v = ref.value;
    if (v === true || v === undefined) return {};
    if (v === false) return { not: {} };
    if (!isObj(v)) return {};
    if (typeof v.$ref === 'string') {
      const target = this.ref(ref, depth);
      const siblings = Object.keys(v).filter((k) => k !== '$ref' && k !== 'description' && k !== 'summary');
      if (!siblings.length) return target;
      const rest = this.plain({ ...ref, value: Object.fromEntries(siblings.map((k) => [k, v[k]])) }, depth);
      const merged = { ...target, ...rest };
      this.sizes.set(merged, this.size(target) + this.size(rest));
      return merged;
    }
    return this.plain(ref, depth);
  }

  private ref(ref: NodeRef, depth: number): Schema {
    if (depth <= 0) return {};
    const key = `${ref.doc.absPath}#${ref.pointer}|${depth}`;
    const byTarget = this.memo.get(key);
    if (byTarget) return byTarget;
    const target = this.set.resolve(ref);
    if (!target) return {};
    const tkey = `${target.doc.absPath}#${target.pointer}|${depth}`;
    let out = this.memo.get(tkey);
    if (!out) {
      // Placeholder while expanding: a ref chain back to itself at the same depth cannot happen (depth
      // decreases on every ref), but a `$ref` pointing at itself directly would loop without it.
      this.memo.set(tkey, {});
      out = this.node(target, depth - 1);
      if (this.size(out) > MAX_EXPANDED_NODES && depth > 1) out = this.ref(ref, depth - 1);
      this.memo.set(tkey, out);
    }
    this.memo.set(key, out);
    return out;
  }

  private plain(ref: NodeRef, depth: number): Schema {
    const v = ref.value as Obj;
    const out: Obj = {};
    let size = 1;
    for (const [k, val] of Object.entries(v)) {
      if (SCHEMA_MAPS.includes(k) && isObj(val)) {
        const m: Obj = {};
        for (const name of Object.keys(val)) {
          const c = this.node(child(ref, k, name) as NodeRef, depth);
          m[name] = c;
          size += this.size(c);
        }
        out[k] = m;
      } else if (SCHEMA_ARRAYS.includes(k) && Array.isArray(val)) {
        out[k] = val.map((_, i) => {
          const c = this.node(child(ref, k, i) as NodeRef, depth);
          size += this.size(c);
          return c;
        });
      } else if (SCHEMA_SINGLE.includes(k) && (isObj(val) || typeof val === 'boolean')) {
        if (typeof val === 'boolean' && k !== 'items') out[k] = val;
        else {
          const c = this.node(child(ref, k) as NodeRef, depth);
          out[k] = c;
          size += this.size(c);
        }
      } else if (k === 'items' && Array.isArray(val)) {
        // Draft 4 tuple form.
        out.prefixItems = val.map((_, i) => this.node(child(ref, k, i) as NodeRef, depth));
      } else {
        out[k] = val;
      }
    }
    this.fixup(out);
    const merged = mergeAllOf(out);
    this.sizes.set(merged, size);
    return merged;
  }

  private fixup(s: Obj): void {
    // 3.0 / 2.0 nullability -> JSON Schema type arrays.
    if ((s.nullable === true || s['x-nullable'] === true) && typeof s.type === 'string') {
      s.type = [s.type, 'null'];
      if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
    }
    delete s.nullable;
    delete s['x-nullable'];
    // Draft 4 boolean exclusive bounds -> numbers.
    if (typeof s.exclusiveMinimum === 'boolean') {
      if (s.exclusiveMinimum && typeof s.minimum === 'number') {
        s.exclusiveMinimum = s.minimum;
        delete s.minimum;
      } else delete s.exclusiveMinimum;
    }
    if (typeof s.exclusiveMaximum === 'boolean') {
      if (s.exclusiveMaximum && typeof s.maximum === 'number') {
        s.exclusiveMaximum = s.maximum;
        delete s.maximum;
      } else delete s.exclusiveMaximum;
    }
    if (s.type === 'file') {
      s.type = 'string';
      s.format = 'binary';
    }
  }
}

/** Keywords an `allOf` member may have and still be merged into its parent. */
const MERGEABLE = new Set([
  'type',
  'properties',
  'required',
  'description',
  'title',
  'example',
  'examples',
  'readOnly',
  'writeOnly',
  'deprecated',
  'xml',
  'externalDocs',
  'discriminator',
  'additionalProperties',
]);

/**
 * Merges `allOf` members into the schema when that is unambiguous: object schemas whose properties do
 * not clash and whose types agree. Anything else keeps its `allOf`.
 */
export function mergeAllOf(s: Obj): Schema {
  const all = s.allOf;
  if (!Array.isArray(all) || all.length === 0) return s;
  const parts = [s, ...all].map((p, i) => (i === 0 ? Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'allOf')) : p));
  if (!parts.every((p) => isObj(p) && Object.keys(p).every((k) => MERGEABLE.has(k) || k.startsWith('x-')))) return s;
  let type: unknown;
  const properties: Obj = {};
  const required = new Set<string>();
  let additionalProperties: unknown;
  const rest: Obj = {};
  for (const p of parts as Obj[]) {
    if (p.type !== undefined) {
      if (type !== undefined && JSON.stringify(type) !== JSON.stringify(p.type)) return s;
      type = p.type;
    }
    if (isObj(p.properties)) {
      for (const [k, v] of Object.entries(p.properties)) {
        if (k in properties && properties[k] !== v && JSON.stringify(properties[k]) !== JSON.stringify(v)) return s;
        properties[k] = v;
      }
    }
    if (Array.isArray(p.required)) for (const r of p.required) if (typeof r === 'string') required.add(r);
    // `additionalProperties: false` on one member would forbid the others' properties: only keep it from the parent.
    if (p === parts[0] && p.additionalProperties !== undefined) additionalProperties = p.additionalProperties;
    for (const [k, v] of Object.entries(p)) {
      if (k === 'type' || k === 'properties' || k === 'required' || k === 'additionalProperties') continue;
      if (!(k in rest) || p === parts[0]) rest[k] = v;
    }
  }
  const out: Obj = { ...rest };
  if (type !== undefined) out.type = type;
  else if (Object.keys(properties).length) out.type = 'object';
  if (Object.keys(properties).length) out.properties = properties;
  if (required.size) out.required = [...required];
  if (additionalProperties !== undefined) out.additionalProperties = additionalProperties;
  return out;
}

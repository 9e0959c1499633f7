import { child, type DocumentSet, type NodeRef } from './refs.ts';

/**
 * A version-neutral view of an OpenAPI 2.0 / 3.0 / 3.1 definition: checks read operations, parameters,
 * bodies, responses, security and servers from here and never need to know which version they face.
 * Every piece keeps the NodeRef it came from, so findings point at the exact file and line.
 */

export type OpenApiVersion = '2.0' | '3.0' | '3.1';
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export const WRITE_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

type Obj = Record<string, unknown>;

export interface SecurityRequirement {
  ref: NodeRef<Obj>;
  /** Empty: the anonymous requirement `{}`, i.e. no credentials needed. */
  schemes: { name: string; scopes: string[] }[];
}

export type FlowKind = 'implicit' | 'password' | 'clientCredentials' | 'authorizationCode';

export interface OAuthFlow {
  kind: FlowKind;
  ref: NodeRef<Obj>;
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  scopes: Record<string, string>;
}

export interface SecurityScheme {
  name: string;
  ref: NodeRef<Obj>;
  type: string;
  /** HTTP auth scheme, lowercased (`basic`, `bearer`, `digest`...). */
  scheme?: string;
  bearerFormat?: string;
  /** apiKey location: query, header or cookie. */
  in?: string;
  paramName?: string;
  flows: OAuthFlow[];
  openIdConnectUrl?: string;
}

export interface Server {
  url: string;
  /** The node holding the URL (3.x: `servers/N/url`; 2.0: `schemes/N` or `host`). */
  ref: NodeRef;
  scheme?: string;
}

export interface Parameter {
  name: string;
  in: string;
  required: boolean;
  ref: NodeRef<Obj>;
  /** The schema: 3.x `schema` or `content.*.schema`; 2.0 the parameter itself (or `schema` for body). */
  schema?: NodeRef;
}

export interface MediaType {
  type: string;
  ref: NodeRef<Obj>;
  schema?: NodeRef;
}

export interface RequestBody {
  ref: NodeRef<Obj>;
  required: boolean;
  content: MediaType[];
}

export interface Response {
  status: string;
  ref: NodeRef<Obj>;
  /** Lowercased header names. */
  headers: Map<string, NodeRef>;
  content: MediaType[];
}

export interface Operation {
  kind: 'path' | 'webhook' | 'callback';
  method: string;
  /** Path template, e.g. `/users/{id}` (for webhooks: the webhook name). */
  path: string;
  ref: NodeRef<Obj>;
  operationId?: string;
  summary?: string;
  description?: string;
  tags: string[];
  deprecated: boolean;
  isWrite: boolean;
  /** Effective security requirements; undefined when none is declared anywhere. */
  security?: SecurityRequirement[];
  /** Where the effective security was declared (operation or root `security`). */
  securityRef?: NodeRef;
  securityFrom: 'operation' | 'global' | 'none';
  parameters: Parameter[];
  requestBody?: RequestBody;
  responses: Response[];
  responsesRef?: NodeRef<Obj>;
  /** Effective servers (operation, path item or root). */
  servers: Server[];
  /** Callback operations declared on this operation (3.x). */
  callbacks: Operation[];
}

export interface ApiModel {
  version: OpenApiVersion;
  set: DocumentSet;
  root: NodeRef<Obj>;
  servers: Server[];
  securitySchemes: Map<string, SecurityScheme>;
  /** `components/securitySchemes` or `securityDefinitions`. */
  securitySchemesRef?: NodeRef<Obj>;
  globalSecurity?: SecurityRequirement[];
  globalSecurityRef?: NodeRef;
  /** Path operations and webhooks (3.1); callbacks hang off their operation. */
  operations: Operation[];
}

export function detectVersion(value: unknown): OpenApiVersion | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Obj;
  if (v.swagger === '2.0' || v.swagger === 2) return '2.0';
  if (typeof v.openapi === 'string') {
    if (v.openapi.startsWith('3.0')) return '3.0';
    if (v.openapi.startsWith('3.1') || v.openapi.startsWith('3.2')) return '3.1';
  }
  return undefined;
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function buildModel(set: DocumentSet, root: NodeRef<Obj>, version: OpenApiVersion): ApiModel {
  const v2 = version === '2.0';
  const r = root.value;

  const securitySchemesRef = v2 ? child<Obj>(root, 'securityDefinitions') : child<Obj>(root, 'components', 'securitySchemes');
  const securitySchemes = new Map<string, SecurityScheme>();
  if (securitySchemesRef && isObj(securitySchemesRef.value)) {
    for (const name of Object.keys(securitySchemesRef.value)) {
      const ref = set.resolve<Obj>(child(securitySchemesRef, name));
      if (ref && isObj(ref.value)) securitySchemes.set(name, readScheme(name, ref, v2));
    }
  }

  const globalSecurityRef = child(root, 'security');
  const globalSecurity = readRequirements(globalSecurityRef);

  const servers = v2 ? serversV2(root) : serversV3(child(root, 'servers'));
  const consumes = Array.isArray(r.consumes) ? (r.consumes as string[]) : undefined;
  const produces = Array.isArray(r.produces) ? (r.produces as string[]) : undefined;

  const ctx: OpCtx = { set, v2, globalSecurity, globalSecurityRef, servers, consumes, produces };
  const operations: Operation[] = [];
  const paths = child<Obj>(root, 'paths');
  if (paths && isObj(paths.value)) {
    for (const path of Object.keys(paths.value)) {
      if (path.startsWith('x-')) continue;
      operations.push(...readPathItem(ctx, child(paths, path), path, 'path'));
    }
  }
  const webhooks = child<Obj>(root, 'webhooks');
  if (webhooks && isObj(webhooks.value)) {
    for (const name of Object.keys(webhooks.value)) {
      operations.push(...readPathItem(ctx, child(webhooks, name), name, 'webhook'));
    }
  }
  return { version, set, root, servers, securitySchemes, securitySchemesRef, globalSecurity, globalSecurityRef, operations };
}

function readScheme(name: string, ref: NodeRef<Obj>, v2: boolean): SecurityScheme {
  const s = ref.value;
  const flows: OAuthFlow[] = [];
  let type = str(s.type) ?? '';
  let scheme = str(s.scheme)?.toLowerCase();
  if (v2 && type === 'basic') {
    type = 'http';
    scheme = 'basic';
  }
  if (type === 'oauth2') {
    if (v2) {
      const map: Record<string, FlowKind> = {
        implicit: 'implicit',
        password: 'password',
        application: 'clientCredentials',
        accessCode: 'authorizationCode',
      };
      const kind = map[str(s.flow) ?? ''];
      if (kind)
        flows.push({
          kind,
          ref,
          authorizationUrl: str(s.authorizationUrl),
          tokenUrl: str(s.tokenUrl),
          scopes: isObj(s.scopes) ? (s.scopes as Record<string, string>) : {},
        });
    } else {
      const fl = child<Obj>(ref, 'flows');
      if (fl && isObj(fl.value)) {
        for (const kind of ['implicit', 'password', 'clientCredentials', 'authorizationCode'] as FlowKind[]) {
          const f = child<Obj>(fl, kind);
          if (!f || !isObj(f.value)) continue;
          const fv = f.value;
          flows.push({
            kind,
            ref: f,
            authorizationUrl: str(fv.authorizationUrl),
            tokenUrl: str(fv.tokenUrl),
            refreshUrl: str(fv.refreshUrl),
            scopes: isObj(fv.scopes) ? (fv.scopes as Record<string, string>) : {},
          });
        }
      }
    }
  }
  return {
    name,
    ref,
    type,
    scheme,
    bearerFormat: str(s.bearerFormat),
    in: str(s.in),
    paramName: str(s.name),
    flows,
    openIdConnectUrl: str(s.openIdConnectUrl),
  };
}

function readRequirements(ref: NodeRef | undefined): SecurityRequirement[] | undefined {
  if (!ref || !Array.isArray(ref.value)) return undefined;
  const out: SecurityRequirement[] = [];
  ref.value.forEach((req, i) => {
    if (!isObj(req)) return;
    out.push({
      ref: child<Obj>(ref, i) as NodeRef<Obj>,
      schemes: Object.keys(req).map((name) => ({ name, scopes: Array.isArray(req[name]) ? (req[name] as unknown[]).map(String) : [] })),
    });
  });
  return out;
}

function serversV3(ref: NodeRef | undefined): Server[] {
  if (!ref || !Array.isArray(ref.value)) return [];
  const out: Server[] = [];
  ref.value.forEach((s, i) => {
    if (!isObj(s) || typeof s.url !== 'string') return;
    let url = s.url;
    // Substitute server variables with their defaults so the URL can be judged.
    if (isObj(s.variables)) {
      for (const [k, v] of Object.entries(s.variables))
        if (isObj(v) && v.default !== undefined) url = url.split(`{${k}}`).join(String(v.default));
    }
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
    out.push({ url, ref: child(ref, i, 'url') as NodeRef, scheme });
  });
  return out;
}

function serversV2(root: NodeRef<Obj>): Server[] {
  const r = root.value;
  const host = str(r.host);
  const base = str(r.basePath) ?? '';
  const schemes = child(root, 'schemes');
  if (!schemes || !Array.isArray(schemes.value)) {
    return host ? [{ url: `//${host}${base}`, ref: child(root, 'host') as NodeRef }] : [];
  }
  return schemes.value.map((s, i) => ({
    url: `${String(s)}://${host ?? 'localhost'}${base}`,
    ref: child(schemes, i) as NodeRef,
    scheme: String(s).toLowerCase(),
  }));
}

interface OpCtx {
  set: DocumentSet;
  v2: boolean;
  globalSecurity?: SecurityRequirement[];
  globalSecurityRef?: NodeRef;
  servers: Server[];
  consumes?: string[];
  produces?: string[];
}

function readPathItem(ctx: OpCtx, itemRef: NodeRef | undefined, path: string, kind: Operation['kind']): Operation[] {
  const item = ctx.set.resolve<Obj>(itemRef);
  if (!item || !isObj(item.value)) return [];
  const pathParams = readParameters(ctx, child(item, 'parameters'));
  const itemServers = ctx.v2 ? undefined : serversV3(child(item, 'servers'));
  const ops: Operation[] = [];
  for (const method of HTTP_METHODS) {
    const op = child<Obj>(item, method);
    if (!op || !isObj(op.value)) continue;
    ops.push(readOperation(ctx, op, method, path, kind, pathParams, itemServers));
  }
  return ops;
}

function readOperation(
  ctx: OpCtx,
  ref: NodeRef<Obj>,
  method: string,
  path: string,
  kind: Operation['kind'],
  pathParams: Parameter[],
  itemServers?: Server[],
): Operation {
  const o = ref.value;
  const opParams = readParameters(ctx, child(ref, 'parameters'));
  // Operation-level parameters override path-level ones with the same name and location.
  const seen = new Set(opParams.map((p) => `${p.in}:${p.name}`));
  const parameters = [...opParams, ...pathParams.filter((p) => !seen.has(`${p.in}:${p.name}`))];

  const opSecurityRef = child(ref, 'security');
  const opSecurity = readRequirements(opSecurityRef);
  const security = opSecurity ?? ctx.globalSecurity;
  const securityFrom = opSecurity ? 'operation' : ctx.globalSecurity ? 'global' : 'none';

  let requestBody: RequestBody | undefined;
  if (ctx.v2) {
    const body = parameters.find((p) => p.in === 'body');
    if (body) {
      const types = (Array.isArray(o.consumes) ? (o.consumes as string[]) : ctx.consumes) ?? ['application/json'];
      requestBody = {
        ref: body.ref,
        required: body.required,
        content: types.map((type) => ({ type, ref: body.ref, schema: body.schema })),
      };
    }
  } else {
    const rb = ctx.set.resolve<Obj>(child(ref, 'requestBody'));
    if (rb && isObj(rb.value))
      requestBody = { ref: rb, required: rb.value.required === true, content: readContent(ctx, child(rb, 'content')) };
  }

  const responses: Response[] = [];
  const responsesRef = child<Obj>(ref, 'responses');
  if (responsesRef && isObj(responsesRef.value)) {
    const produces = (Array.isArray(o.produces) ? (o.produces as string[]) : ctx.produces) ?? ['application/json'];
    for (const status of Object.keys(responsesRef.value)) {
      if (status.startsWith('x-')) continue;
      const resp = ctx.set.resolve<Obj>(child(responsesRef, status));
      if (!resp || !isObj(resp.value)) continue;
      const headers = new Map<string, NodeRef>();
      const h = child<Obj>(resp, 'headers');
      if (h && isObj(h.value)) for (const name of Object.keys(h.value)) headers.set(name.toLowerCase(), child(h, name) as NodeRef);
      let content: MediaType[];
      if (ctx.v2) {
        const schema = child(resp, 'schema');
        content = schema ? produces.map((type) => ({ type, ref: resp, schema })) : [];
      } else content = readContent(ctx, child(resp, 'content'));
      responses.push({ status, ref: resp, headers, content });
    }
  }

  const opServers = ctx.v2 ? undefined : serversV3(child(ref, 'servers'));
  const servers = opServers?.length ? opServers : itemServers?.length ? itemServers : ctx.servers;

  const callbacks: Operation[] = [];
  const cbs = child<Obj>(ref, 'callbacks');
  if (cbs && isObj(cbs.value)) {
    for (const name of Object.keys(cbs.value)) {
      const cb = ctx.set.resolve<Obj>(child(cbs, name));
      if (!cb || !isObj(cb.value)) continue;
      for (const expr of Object.keys(cb.value)) callbacks.push(...readPathItem(ctx, child(cb, expr), expr, 'callback'));
    }
  }

  return {
    kind,
    method,
    path,
    ref,
    operationId: str(o.operationId),
    summary: str(o.summary),
    description: str(o.description),
    tags: Array.isArray(o.tags) ? o.tags.map(String) : [],
    deprecated: o.deprecated === true,
    isWrite: WRITE_METHODS.has(method),
    security,
    securityRef: opSecurity ? opSecurityRef : ctx.globalSecurityRef,
    securityFrom,
    parameters,
    requestBody,
    responses,
    responsesRef,
    servers,
    callbacks,
  };
}

function readParameters(ctx: OpCtx, ref: NodeRef | undefined): Parameter[] {
  if (!ref || !Array.isArray(ref.value)) return [];
  const out: Parameter[] = [];
  for (let i = 0; i < ref.value.length; i++) {
    const p = ctx.set.resolve<Obj>(child(ref, i));
    if (!p || !isObj(p.value)) continue;
    const v = p.value;
    const where = str(v.in) ?? '';
    let schema: NodeRef | undefined;
    if (ctx.v2) schema = where === 'body' ? child(p, 'schema') : p;
    else {
      schema = child(p, 'schema');
      if (!schema) schema = readContent(ctx, child(p, 'content'))[0]?.schema;
    }
    out.push({ name: str(v.name) ?? '', in: where, required: v.required === true || where === 'path', ref: p, schema });
  }
  return out;
}

function readContent(ctx: OpCtx, ref: NodeRef | undefined): MediaType[] {
  if (!ref || !isObj(ref.value)) return [];
  return Object.keys(ref.value).map((type) => {
    const mt = (ctx.set.resolve<Obj>(child(ref, type)) ?? child(ref, type)) as NodeRef<Obj>;
    return { type, ref: mt, schema: child(mt, 'schema') };
  });
}

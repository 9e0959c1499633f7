import type { CheckMeta, Confidence, Severity } from '../../core/index.ts';
import type { Operation } from '../../formats/openapi/model.ts';

/**
 * The contract between the probe engine and probe checks. A probe check proves a flaw on a running
 * API with the exchanges it sends (or, for passive checks, with the exchanges the engine already sent),
 * and every finding carries those exchanges as evidence.
 */

/** A plain JSON Schema, `$ref`s already followed (cycles cut), as the request builder and checks read it. */
export type Schema = Record<string, unknown>;

/** A request relative to the target. The engine adds the origin, credentials and defaults. */
export interface ProbeRequest {
  /** Upper case: `GET`, `POST`... */
  method: string;
  /** Concrete path with query string, e.g. `/api/v2/orders/12?expand=items`. Never an absolute URL. */
  path: string;
  /** Extra headers (lower-case names). A header set here wins over the identity's credentials. */
  headers?: Record<string, string>;
  /** A JSON body: serialised by the engine, `content-type: application/json` added. */
  json?: unknown;
  /** A form body (`application/x-www-form-urlencoded`). */
  form?: Record<string, string>;
  /** A raw body (the caller sets `content-type`). */
  body?: string;
}

export interface ProbeResponse {
  status: number;
  /** Lower-case names; repeated headers joined with `, ` (`set-cookie` values joined with `\n`). */
  headers: Record<string, string>;
  /** The body as text, cut at the engine's body limit (default 1 MiB). */
  body: string;
  /** True when the body was longer than the limit and the rest was not read. */
  truncated: boolean;
  /** Milliseconds from sending the request to the end of the body. */
  timeMs: number;
}

/** One request and what came back. Checks judge these; findings carry them as proof. */
export interface Exchange {
  /** Sequence number in this run (1-based), for ordering evidence. */
  seq: number;
  request: ProbeRequest & {
    /** The full URL sent. */
    url: string;
    /** Every header actually sent, credentials included (the reporter redacts them). */
    sentHeaders: Record<string, string>;
  };
  /** Name of the identity whose credentials were sent; undefined for an anonymous request. */
  identity?: string;
  /** The endpoint the request was built for, when it was built from one. */
  endpoint?: Endpoint;
  response?: ProbeResponse;
  /** Why there is no response: `timeout after 10000 ms`, `connection reset`, `request budget exhausted`... */
  error?: string;
}

export interface EndpointParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema?: Schema;
  /** An example value from the definition, collection or capture. */
  example?: unknown;
}

export interface EndpointBody {
  mediaType: string;
  required: boolean;
  schema?: Schema;
  example?: unknown;
}

export interface EndpointResponse {
  /** `200`, `2XX` or `default`. */
  status: string;
  mediaTypes: string[];
  schema?: Schema;
}

/** An operation of the API under test, whatever it was learnt from (OpenAPI, Postman or HAR). */
export interface Endpoint {
  /** Upper case. */
  method: string;
  /** Path template relative to the target, e.g. `/api/v2/orders/{orderId}`; the server URL's path is included. */
  path: string;
  operationId?: string;
  summary?: string;
  source: 'openapi' | 'postman' | 'har';
  parameters: EndpointParameter[];
  body?: EndpointBody;
  responses: EndpointResponse[];
  /**
   * `required`: the definition demands credentials; `none`: it declares the operation public;
   * `unknown`: it says nothing (Postman, HAR, or OpenAPI without security).
   */
  auth: 'required' | 'none' | 'unknown';
  /** OAuth scopes or roles the definition asks for (lower case), e.g. `admin`, `orders:write`. */
  scopes: string[];
  /** Meant for administrators only: an admin scope/role, an `admin` tag, `x-admin: true` or an `/admin` path segment. */
  admin: boolean;
  deprecated: boolean;
  tags: string[];
  /** The OpenAPI operation, for checks that need more (links, extensions). */
  operation?: Operation;
  /** Set by the resource tracker: the collection this endpoint creates into, reads, updates or deletes. */
  resource?: { template: string; action: 'create' | 'list' | 'read' | 'update' | 'delete'; idParam?: string };
}

/** How an identity logs in, declared as data (`{{var}}` in strings is replaced from the identity's vars). */
export interface LoginFlow {
  request: ProbeRequest;
  /** Where the token is in the login response: a JSON pointer, a header, a cookie or a regex (group 1). */
  token: { from: 'json' | 'header' | 'cookie' | 'regex'; pointer?: string; name?: string; pattern?: string };
  /** Where the token goes on later requests (default: `authorization: Bearer <token>`). */
  use?: { in: 'header' | 'cookie' | 'query'; name: string; prefix?: string };
  /** Seconds a token lasts (default: the JWT's `exp`, if any). A 401 always triggers one re-login. */
  expiresIn?: number;
}

/** An identity as the config declares it: static credentials or a login flow. */
export interface IdentityConfig {
  name: string;
  role?: string;
  admin?: boolean;
  bearer?: string;
  basic?: { username: string; password: string };
  apiKey?: { in: 'header' | 'query' | 'cookie'; name: string; value: string };
  /** A Cookie header value, e.g. `session=abc`. */
  cookie?: string;
  headers?: Record<string, string>;
  login?: LoginFlow;
  /** Values for `{{name}}` placeholders in the login flow (username, password...). */
  vars?: Record<string, string>;
}

/** An identity as checks see it (its secrets stay inside the engine). */
export interface Identity {
  name: string;
  /** Free-form role from the config (`user`, `admin`, `support`...). */
  role: string;
  /** True for the role(s) the config marks as admin: BFLA compares non-admins against these. */
  admin: boolean;
}

/** Credentials of an identity as currently in use (after login). For JWT checks that forge tokens. */
export interface Credentials {
  /** Headers the identity sends (authorization, cookie, API key header). */
  headers: Record<string, string>;
  /** Query parameters the identity sends (API key in query). */
  query: Record<string, string>;
  /** The bearer/JWT token, when the identity uses one. */
  token?: string;
  /** Where the token goes, so a forged one can replace it: header name and prefix, cookie name or query name. */
  tokenPlacement?: { in: 'header' | 'cookie' | 'query'; name: string; prefix: string };
}

/** An object a probe created (so only those are ever changed or deleted). */
export interface CreatedResource {
  owner: string;
  /** Template of the item, e.g. `/api/v2/orders/{orderId}`. */
  template: string;
  id: string;
  /** Concrete path of the item, e.g. `/api/v2/orders/12`. */
  path: string;
  /** The representation the API returned when it was created. */
  body: unknown;
  /** The exchange that created it. */
  createdBy: Exchange;
}

export interface ResourcePool {
  /**
   * Objects `owner` created for the item template (creating one first if none exists and the
   * collection has a create endpoint). Empty when the API offers no way to create one.
   */
  ownedBy(owner: string, template: string): Promise<CreatedResource[]>;
  /** Every object created so far. */
  all(): CreatedResource[];
}

export interface BuildOptions {
  /** Values for path/query/header parameters by name (win over generated ones). */
  params?: Record<string, string>;
  /** Properties merged into the generated JSON body (top level). */
  bodyPatch?: Record<string, unknown>;
  /** Replace the generated body entirely. */
  json?: unknown;
  /** Fill path ids with objects this identity owns (default: the identity the request is built for). */
  idsOf?: string;
}

export interface CanaryHit {
  method: string;
  path: string;
  headers: Record<string, string>;
  at: number;
}

/** An HTTP server Rampart runs on 127.0.0.1 so out-of-band requests (SSRF) can be observed. */
export interface Canary {
  /** A unique URL for this marker, e.g. `http://127.0.0.1:40123/c/7f3a…`. */
  url(marker: string): string;
  /** Requests that reached the marker's URL, after waiting up to `waitMs` (default 1500) for late ones. */
  hits(marker: string, waitMs?: number): Promise<CanaryHit[]>;
}

export interface ProbeReport {
  /** The endpoint the flaw is on; or method + template when no endpoint object applies (inventory). */
  endpoint?: Endpoint;
  method?: string;
  path?: string;
  messageId: string;
  data?: Record<string, unknown>;
  severity?: Severity;
  confidence?: Confidence;
  /** The proof, most telling first. The engine redacts credentials and builds a curl command from the first. */
  exchanges: Exchange[];
  /** Identities involved, e.g. `['alice', 'bob']` for BOLA (bob read alice's object). */
  identities?: string[];
  /** What makes the finding distinct on its endpoint (e.g. the parameter name), for the fingerprint. */
  fingerprintKey?: string;
}

export interface ProbeOptions {
  /** Requests per second across the run (0: unlimited). */
  rate: number;
  concurrency: number;
  /** Total requests the run may send. */
  budget: number;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Bytes of a response body kept; the rest is not read. */
  maxBodyBytes: number;
  /** Allow checks that change or delete objects the probe did not create (off by default: never). */
  destructive: false;
}

export interface ProbeContext {
  /** The target origin plus base path, e.g. `http://127.0.0.1:8080/`. */
  target: URL;
  endpoints: Endpoint[];
  identities: Identity[];
  /** The check's defaultOptions merged with the config's options. */
  options: Record<string, unknown>;
  run: ProbeOptions;
  /** Aborted when the run's budget or deadline is exhausted: stop sending. */
  signal: AbortSignal;
  /**
   * Sends a request as `as` (an identity name) or anonymously (`null`). Never throws for network
   * problems: the exchange carries `error`. Requests outside the target's origin are refused.
   */
  send(req: ProbeRequest, as: string | null, endpoint?: Endpoint): Promise<Exchange>;
  /**
   * A valid request for the endpoint as `as`: parameters and body from schemas and examples, path ids
   * of objects `as` (or `opts.idsOf`) owns. Undefined when a required id cannot be obtained.
   */
  build(endpoint: Endpoint, as: string | null, opts?: BuildOptions): Promise<ProbeRequest | undefined>;
  /** Current credentials of an identity (logging in first if needed). */
  credentials(identity: string): Promise<Credentials>;
  resources: ResourcePool;
  canary: Canary;
  /** Every exchange sent so far in this run (the crawl's first, then other checks'), in order. */
  exchanges(): readonly Exchange[];
  report(r: ProbeReport): void;
}

/**
 * A probe check: metadata plus behaviour. Active checks send their own requests in `run`; passive
 * checks judge every exchange the run sends in `observe` (headers, verbose errors, data exposure).
 */
export interface ProbeCheck extends CheckMeta {
  stage: 'probe';
  /**
   * `last`: runs after every other active check (bursts and brute force may trip the target's rate
   * limits or lockouts, which must not starve the other checks).
   */
  phase?: 'normal' | 'last';
  run?(ctx: ProbeContext): Promise<void>;
  observe?(exchange: Exchange, ctx: ProbeContext): void;
  /** Called once after every active check finished: passive checks that aggregate report here. */
  done?(ctx: ProbeContext): void;
}

export function defineProbeCheck(check: Omit<ProbeCheck, 'stage'>): ProbeCheck {
  return { ...check, stage: 'probe' };
}

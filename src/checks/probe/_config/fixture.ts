/**
 * OpenAPI 3.1 definitions for the fixture servers of group P4, written as a compact table:
 * `{ 'GET /orders/{orderId}': { secured: true, schema: {...} } }`.
 */

export interface OpSpec {
  /** Bearer auth required (default true). */
  secured?: boolean;
  /** Schema of the success response body (JSON). */
  schema?: Record<string, unknown>;
  /** Status of the success response (default 200, or 201 for POST). */
  status?: string;
  /** More documented responses: status -> schema (or null for no body). */
  responses?: Record<string, Record<string, unknown> | null>;
  /** Query parameters (strings, optional unless listed in `required`). */
  query?: string[];
  /** Example values of parameters by name. */
  examples?: Record<string, string>;
  /** JSON request body schema. */
  body?: Record<string, unknown>;
  /** A form request body schema instead of JSON. */
  form?: Record<string, unknown>;
  operationId?: string;
  summary?: string;
}

export function openapi(ops: Record<string, OpSpec>, title = 'Fixture API'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, spec] of Object.entries(ops)) {
    const [method, path] = key.split(' ') as [string, string];
    const parameters: Record<string, unknown>[] = [];
    for (const m of path.matchAll(/\{([^}]+)\}/g)) {
      const name = m[1] as string;
      parameters.push({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
        ...(spec.examples?.[name] ? { example: spec.examples[name] } : {}),
      });
    }
    for (const name of spec.query ?? []) {
      parameters.push({
        name,
        in: 'query',
        required: !!spec.examples?.[name],
        schema: { type: 'string' },
        ...(spec.examples?.[name] ? { example: spec.examples[name] } : {}),
      });
    }
    const status = spec.status ?? (method === 'POST' ? '201' : '200');
    const responses: Record<string, unknown> = {
      [status]: {
        description: 'OK',
        ...(spec.schema ? { content: { 'application/json': { schema: spec.schema } } } : {}),
      },
    };
    for (const [s, schema] of Object.entries(spec.responses ?? {})) {
      responses[s] = { description: s, ...(schema ? { content: { 'application/json': { schema } } } : {}) };
    }
    const op: Record<string, unknown> = {
      ...(spec.operationId ? { operationId: spec.operationId } : {}),
      ...(spec.summary ? { summary: spec.summary } : {}),
      ...(parameters.length ? { parameters } : {}),
      responses,
    };
    if (spec.body) op.requestBody = { required: true, content: { 'application/json': { schema: spec.body } } };
    if (spec.form) op.requestBody = { required: true, content: { 'application/x-www-form-urlencoded': { schema: spec.form } } };
    op.security = spec.secured === false ? [] : [{ bearer: [] }];
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title, version: '1.0.0' },
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}

/**
 * OpenAPI 3.1 definitions for the fixture servers of the injection checks, as a compact table:
 * `{ 'GET /products': { query: { search: { type: 'string', example: 'lamp' } } } }`.
 */

type Schema = Record<string, unknown>;

export interface Op {
  /** Bearer auth required (default true). */
  secured?: boolean;
  /** Query parameters: name -> schema (an `example` in the schema becomes the parameter's example). */
  query?: Record<string, Schema>;
  /** Names of required query parameters. */
  required?: string[];
  /** Path parameter schemas (default: string); an `example` becomes the parameter's example. */
  path?: Record<string, Schema>;
  /** Header parameters: name -> schema. */
  headers?: Record<string, Schema>;
  /** JSON request body schema (with an example if wanted). */
  body?: Schema;
  /** Form (application/x-www-form-urlencoded) request body schema instead of JSON. */
  form?: Schema;
  /** Media type of the success response (default application/json). */
  produces?: string;
  /** Success status (default 200, 201 for POST). */
  status?: string;
}

function param(name: string, where: string, schema: Schema, required: boolean): Schema {
  const { example, ...rest } = schema;
  return { name, in: where, required, schema: rest, ...(example !== undefined ? { example } : {}) };
}

export function api(ops: Record<string, Op>, title = 'Injection fixture'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, op] of Object.entries(ops)) {
    const [method, path] = key.split(' ') as [string, string];
    const parameters: Schema[] = [];
    for (const m of path.matchAll(/\{([^}]+)\}/g)) {
      const name = m[1] as string;
      parameters.push(param(name, 'path', op.path?.[name] ?? { type: 'string' }, true));
    }
    for (const [name, s] of Object.entries(op.query ?? {})) parameters.push(param(name, 'query', s, op.required?.includes(name) ?? false));
    for (const [name, s] of Object.entries(op.headers ?? {})) parameters.push(param(name, 'header', s, true));
    const status = op.status ?? (method === 'POST' ? '201' : '200');
    const operation: Record<string, unknown> = {
      operationId: `${method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(parameters.length ? { parameters } : {}),
      responses: { [status]: { description: 'OK', content: { [op.produces ?? 'application/json']: { schema: { type: 'object' } } } } },
      security: op.secured === false ? [] : [{ bearer: [] }],
    };
    if (op.body) operation.requestBody = { required: true, content: { 'application/json': { schema: op.body } } };
    if (op.form) operation.requestBody = { required: true, content: { 'application/x-www-form-urlencoded': { schema: op.form } } };
    paths[path] ??= {};
    (paths[path] as Schema)[method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title, version: '1.0.0' },
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}

import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Endpoint, EndpointResponse, Exchange, ProbeContext, Schema } from '../../../engines/probe/types.ts';
import { defineProbeCheck } from '../../../engines/probe/types.ts';
import { header, isJsonType, perRun } from '../_config/exchanges.ts';

// ajv-formats is CommonJS: its default export is the plugin function (or a module namespace holding it).
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => Ajv2020;

/** One ajv for every run: schemas are compiled once each (keyed by the schema object). */
const ajv = new Ajv2020({ strict: false, allErrors: false, logger: false, validateSchema: false, inlineRefs: true });
addFormats(ajv);
const compiled = new WeakMap<Schema, ValidateFunction | null>();

/**
 * The schema as a response must satisfy it: writeOnly properties (passwords...) are never in a
 * response, so they leave `required`.
 */
function forResponse(schema: Schema, memo = new Map<unknown, unknown>()): Schema {
  const hit = memo.get(schema);
  if (hit) return hit as Schema;
  const out: Schema = Array.isArray(schema) ? ([] as unknown as Schema) : {};
  memo.set(schema, out);
  for (const [k, v] of Object.entries(schema)) {
    (out as Record<string, unknown>)[k] = v && typeof v === 'object' ? forResponse(v as Schema, memo) : v;
  }
  const props = schema.properties as Record<string, Schema> | undefined;
  if (Array.isArray(schema.required) && props && typeof props === 'object') {
    out.required = (schema.required as string[]).filter((name) => props[name]?.writeOnly !== true);
  }
  return out;
}

function validator(schema: Schema): ValidateFunction | null {
  let v = compiled.get(schema);
  if (v === undefined) {
    try {
      v = ajv.compile(forResponse(schema));
    } catch {
      v = null; // a schema ajv cannot compile proves nothing about the response
    }
    compiled.set(schema, v);
  }
  return v;
}

/** The documented response for a status: exact, then `2XX`, then `default`. */
export function documentedResponse(e: Endpoint, status: number): EndpointResponse | undefined {
  const s = String(status);
  return (
    e.responses.find((r) => r.status === s) ??
    e.responses.find((r) => r.status.toUpperCase() === `${s[0]}XX`) ??
    e.responses.find((r) => r.status === 'default')
  );
}

/** The value at a JSON pointer (`/items/0/total`). */
function at(value: unknown, pointer: string): unknown {
  let cur = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** The first mismatch as a JSON pointer and a few words: `/total`, `must be number, got "12.50"`. */
function describeError(err: ErrorObject, body: unknown): { pointer: string; problem: string } {
  const p = err.params as Record<string, unknown>;
  const esc = (k: unknown) => String(k).replace(/~/g, '~0').replace(/\//g, '~1');
  if (err.keyword === 'required') {
    return { pointer: `${err.instancePath}/${esc(p.missingProperty)}`, problem: 'a required property is missing' };
  }
  if (err.keyword === 'additionalProperties') {
    const pointer = `${err.instancePath}/${esc(p.additionalProperty)}`;
    return { pointer, problem: `a property the schema does not allow (additionalProperties: false), got ${shown(at(body, pointer))}` };
  }
  let rule = err.message ?? err.keyword;
  if (err.keyword === 'enum' && Array.isArray(p.allowedValues)) rule = `must be one of ${shown(p.allowedValues)}`;
  return { pointer: err.instancePath || '/', problem: `${rule}, got ${shown(at(body, err.instancePath))}` };
}

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  // A field that should not be there is often a secret (a password hash, a token): never quote it whole.
  if (typeof v === 'string' && v.length > 16) return `"${v.slice(0, 6)}…" (${v.length} characters)`;
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

interface Hit {
  ex: Exchange;
  messageId: string;
  data: Record<string, unknown>;
  key: string;
}

const state = perRun(() => new Map<string, Hit>());

function better(ctx: ProbeContext, a: Exchange, b: Exchange): boolean {
  const who = (x: Exchange) => {
    const i = ctx.identities.findIndex((id) => id.name === x.identity);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return who(a) !== who(b) ? who(a) < who(b) : a.seq < b.seq;
}

function judge(ex: Exchange, ctx: ProbeContext): Omit<Hit, 'ex'> | undefined {
  const e = ex.endpoint;
  const res = ex.response;
  if (!e || !res || res.truncated || !e.responses.length || e.source !== 'openapi') return undefined;
  const status = res.status;
  const doc = documentedResponse(e, status);
  const ok = status >= 200 && status < 300;
  if (!doc) {
    if (!ok) return undefined;
    const documented = e.responses.map((r) => r.status).join(', ');
    return { messageId: 'status', data: { status, documented }, key: `status:${status}` };
  }
  if (!ok && !ctx.options.checkErrorBodies) return undefined;
  if (!doc.schema || !doc.mediaTypes.some((t) => isJsonType(t)) || status === 204 || !res.body.trim()) return undefined;
  const type = header(res, 'content-type') ?? '';
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return {
      messageId: 'notJson',
      data: { status, type: type || 'no content type' },
      key: `json:${status}`,
    };
  }
  const validate = validator(doc.schema);
  if (!validate || validate(body)) return undefined;
  const err = validate.errors?.[0];
  if (!err) return undefined;
  const { pointer, problem } = describeError(err, body);
  return {
    messageId: 'schema',
    data: { status, pointer, problem },
    key: `schema:${status}`,
  };
}

export default defineProbeCheck({
  id: 'response-conformance',
  title: 'Response does not match the definition',
  severity: 'low',
  confidence: 'high',
  owasp: ['API9:2023'],
  cwe: ['CWE-1068'],
  messages: {
    schema:
      'The {{status}} answer breaks the documented response schema at {{pointer}}: {{problem}}. Clients generated from the definition crash or misread this field, and the drift shows the definition no longer describes what the code does. Make the response match the schema (or correct the schema) and add a contract test that validates responses against the definition.',
    status:
      'The endpoint answered {{status}}, a success status the definition does not document (it documents {{documented}}): clients built from the definition treat it as unexpected, and it shows the implementation drifted from the contract. Return a documented status, or document this one with its schema.',
    notJson:
      'The {{status}} answer ({{type}}) is not valid JSON although the definition documents a JSON body: clients parsing it fail. Return the documented JSON (with a JSON content type) or correct the definition.',
  },
  defaultOptions: { checkErrorBodies: false },
  docs: {
    description:
      'Validates the responses the run receives against the OpenAPI definition: success statuses the endpoint does not document, and JSON bodies that break the documented schema (ajv with formats; the first mismatch is named by its JSON pointer). Error bodies are validated too with the option checkErrorBodies. Reported once per endpoint and status.',
    attack:
      'Drift between the definition and the running API is how security reviews, gateways and generated clients go wrong: fields appear that nobody reviewed (a password hash, an internal flag), types change so validation on the client or gateway is bypassed, and undocumented statuses hide unhandled code paths. It is also a sign that the definition tested in CI is not what runs.',
    fix: 'Generate the response types from the definition (or the definition from the code), serialise responses through explicit DTOs, and run contract tests that validate every response against the definition in CI (e.g. with this check or Schemathesis/Dredd); fix whichever side is wrong.',
  },
  observe(ex, ctx) {
    const hit = judge(ex, ctx);
    if (!hit || !ex.endpoint) return;
    const hits = state(ctx);
    const id = `${ex.endpoint.method} ${ex.endpoint.path}\0${hit.key}`;
    const prev = hits.get(id);
    if (!prev || better(ctx, ex, prev.ex)) hits.set(id, { ...hit, ex });
  },
  done(ctx) {
    for (const hit of state(ctx).values()) {
      ctx.report({
        endpoint: hit.ex.endpoint,
        messageId: hit.messageId,
        data: hit.data,
        exchanges: [hit.ex],
        identities: hit.ex.identity ? [hit.ex.identity] : undefined,
        fingerprintKey: hit.key,
      });
    }
  },
});

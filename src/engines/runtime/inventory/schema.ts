/**
 * JSON Schema (2020-12, as OpenAPI 3.1 uses it) inferred from sample JSON values and merged across
 * samples: a property seen in every sample is required, one seen in some is optional, differing types
 * become a type list. Bounded in depth, properties and array items so a huge body cannot blow it up.
 */
export type JsonSchema = Record<string, unknown>;

const MAX_DEPTH = 8;
const MAX_PROPS = 200;
const MAX_ITEMS = 50;

const FORMATS: [string, RegExp][] = [
  ['date-time', /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i],
  ['date', /^\d{4}-\d{2}-\d{2}$/],
  ['uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i],
  ['email', /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i],
  ['uri', /^https?:\/\/[^\s]+$/i],
  ['ipv4', /^\d{1,3}(?:\.\d{1,3}){3}$/],
];

function formatOf(s: string): string | undefined {
  if (s.length > 2048) return undefined;
  for (const [f, re] of FORMATS) if (re.test(s)) return f;
  return undefined;
}

export function inferSchema(value: unknown, depth = 0): JsonSchema {
  if (value === null) return { type: 'null' };
  switch (typeof value) {
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return { type: Number.isInteger(value) ? 'integer' : 'number' };
    case 'string': {
      const f = formatOf(value);
      return f ? { type: 'string', format: f } : { type: 'string' };
    }
    case 'object': {
      if (depth >= MAX_DEPTH) return {};
      if (Array.isArray(value)) {
        let items: JsonSchema | undefined;
        for (const v of value.slice(0, MAX_ITEMS))
          items = items ? mergeSchemas(items, inferSchema(v, depth + 1)) : inferSchema(v, depth + 1);
        return items ? { type: 'array', items } : { type: 'array' };
      }
      const properties: Record<string, JsonSchema> = {};
      const keys = Object.keys(value as object).slice(0, MAX_PROPS);
      for (const k of keys) properties[k] = inferSchema((value as Record<string, unknown>)[k], depth + 1);
      return keys.length ? { type: 'object', properties, required: keys } : { type: 'object' };
    }
    default:
      return {};
  }
}

function types(s: JsonSchema): string[] {
  const t = s.type;
  return Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : [];
}

/** The schema of values that match either sample schema. */
export function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const ta = types(a);
  const tb = types(b);
  if (ta.length === 0 || tb.length === 0) return {};
  let all = [...new Set([...ta, ...tb])];
  // An integer seen where numbers are is a number.
  if (all.includes('number') && all.includes('integer')) all = all.filter((t) => t !== 'integer');
  const out: JsonSchema = { type: all.length === 1 ? all[0] : all };
  if (all.includes('string')) {
    if (a.format !== undefined && a.format === b.format) out.format = a.format;
    else if (a.format !== undefined && !tb.includes('string')) out.format = a.format;
    else if (b.format !== undefined && !ta.includes('string')) out.format = b.format;
  }
  if (all.includes('object')) {
    const pa = (a.properties ?? {}) as Record<string, JsonSchema>;
    const pb = (b.properties ?? {}) as Record<string, JsonSchema>;
    const aObj = ta.includes('object');
    const bObj = tb.includes('object');
    const props: Record<string, JsonSchema> = {};
    for (const k of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
      if (Object.keys(props).length >= MAX_PROPS) break;
      props[k] = pa[k] && pb[k] ? mergeSchemas(pa[k], pb[k]) : (pa[k] ?? pb[k]);
    }
    if (Object.keys(props).length) out.properties = props;
    const ra = aObj ? ((a.required as string[] | undefined) ?? []) : undefined;
    const rb = bObj ? ((b.required as string[] | undefined) ?? []) : undefined;
    const req = ra && rb ? ra.filter((k) => rb.includes(k)) : (ra ?? rb ?? []);
    if (req.length) out.required = req;
  }
  if (all.includes('array')) {
    const ia = a.items as JsonSchema | undefined;
    const ib = b.items as JsonSchema | undefined;
    const items = ia && ib ? mergeSchemas(ia, ib) : (ia ?? ib);
    if (items) out.items = items;
  }
  return out;
}

/** Parses a JSON body (undefined if it is not JSON). */
export function parseJsonBody(text: string | undefined): unknown {
  if (!text) return undefined;
  const t = text.trimStart();
  if (t[0] !== '{' && t[0] !== '[') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

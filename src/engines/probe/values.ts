import type { Schema } from './types.ts';

/**
 * Valid values for JSON Schemas, to build requests an API accepts: the schema's own example, default,
 * enum or const first, then a value shaped by the format and the property name (`email`, `quantity`...)
 * within the declared bounds. Deterministic: the same schema, name and seed give the same value, so
 * probe runs are reproducible; a different seed varies the free-form parts (unique usernames...).
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface ValueOptions {
  /** Property or parameter name: a hint for the kind of value (`email`, `phone`, `quantity`...). */
  name?: string;
  /** Varies the generated parts (not examples or enums). Default `rampart`. */
  seed?: string | number;
  /** `request` (default) leaves `readOnly` properties out; `response` leaves `writeOnly` ones out. */
  mode?: 'request' | 'response';
  /** Optional object properties added besides the required ones (default 3). */
  optional?: number;
  /** Ignore `example`/`examples`/`default` (generate from the constraints). */
  ignoreExamples?: boolean;
}

const MAX_DEPTH = 8;

/** A value valid for `schema` (undefined schema: a string). */
export function valueFor(schema: Schema | undefined, opts: ValueOptions = {}): unknown {
  const g = new Generator(opts);
  return g.value(schema ?? {}, opts.name ?? '', 0, String(opts.seed ?? 'rampart'));
}

/** The value as a string for a path, query or header parameter. */
export function paramString(schema: Schema | undefined, opts: ValueOptions = {}): string {
  return stringify(valueFor(schema, opts));
}

export function stringify(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(stringify).join(',');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// ----------------------------------------------------------------------------------------- randomness

/** FNV-1a hash of a string: the seed of a small PRNG. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a deterministic PRNG for seeds. */
export function rng(seed: string): () => number {
  let a = hash(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(r() * 16).toString(16);
  return s;
}

function uuid(r: () => number): string {
  const h = hex(r, 32);
  const variant = '89ab'[Math.floor(r() * 4)];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// -------------------------------------------------------------------------------------------- names

const words = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function nameKind(name: string): string | undefined {
  const n = words(name);
  const is = (re: RegExp) => re.test(n);
  if (!n) return undefined;
  if (is(/(^|_)e?mail(_address)?$/)) return 'email';
  if (is(/(^|_)(url|uri|website|homepage|link|href|callback|webhook|redirect(_uri|_url)?|endpoint|avatar|image|picture)(_url|_uri)?$/))
    return 'url';
  if (is(/(^|_)(password|passwd|pass|pwd|passphrase)$/)) return 'password';
  if (is(/(^|_)(user_?name|login|handle|nickname|screen_name)$/)) return 'username';
  if (is(/(^|_)(first_?name|given_?name|forename)$/)) return 'firstName';
  if (is(/(^|_)(last_?name|family_?name|surname)$/)) return 'lastName';
  if (is(/(^|_)(full_?name|display_?name|name)$/)) return 'name';
  if (is(/(^|_)(phone|mobile|tel|telephone|phone_number|msisdn|fax)$/)) return 'phone';
  if (is(/(^|_)(country|country_code)$/)) return 'country';
  if (is(/(^|_)currency(_code)?$/)) return 'currency';
  if (is(/(^|_)(zip|zip_code|postal_code|postcode)$/)) return 'zip';
  if (is(/(^|_)city$/)) return 'city';
  if (is(/(^|_)(street|address|address_line\d?|line\d)$/)) return 'street';
  if (is(/(^|_)(lang|language|locale)$/)) return 'locale';
  if (is(/(^|_)(ip|ip_address|ipv4)$/)) return 'ipv4';
  if (is(/(^|_)(host|hostname|domain)$/)) return 'hostname';
  if (is(/(^|_)(uuid|guid)$/)) return 'uuid';
  if (is(/(^|_)(date|birth_?date|dob|day)$/)) return 'date';
  if (is(/(^|_|\b)(created|updated|modified|deleted|expires?|starts?|ends?)(_at|_on)?$|_at$|(^|_)(timestamp|time)$/)) return 'date-time';
  if (is(/(^|_)(colou?r)$/)) return 'color';
  if (is(/(^|_)slug$/)) return 'slug';
  if (is(/(^|_)sku$/)) return 'sku';
  if (is(/(^|_)(quantity|qty|count|amount_of|number_of|items_count)$/)) return 'quantity';
  if (is(/(^|_)(price|amount|total|cost|balance|subtotal|fee)$/)) return 'price';
  if (is(/(^|_)age$/)) return 'age';
  if (is(/(^|_)page$/)) return 'page';
  if (is(/(^|_)(limit|per_page|page_size|size|max_results|top|first)$/)) return 'limit';
  if (is(/(^|_)(offset|skip|start)$/)) return 'offset';
  if (is(/(^|_)year$/)) return 'year';
  if (is(/(^|_)month$/)) return 'month';
  if (is(/(^|_)(lat|latitude)$/)) return 'latitude';
  if (is(/(^|_)(lng|lon|long|longitude)$/)) return 'longitude';
  if (is(/(^|_)port$/)) return 'port';
  if (is(/(^|_)(rating|stars|score)$/)) return 'rating';
  if (is(/(^|_)(q|query|search|keyword|keywords|term|filter)$/)) return 'search';
  if (is(/(^|_)(title|subject|label|headline)$/)) return 'title';
  if (is(/(^|_)(description|comment|comments|note|notes|text|message|body|content|summary|bio|details)$/)) return 'text';
  if (is(/(^|_)(id|.*_id)$/)) return 'id';
  if (is(/(^|_)(is_)?(admin|superuser|staff|root|privileged|verified|approved)$/)) return 'privilege';
  return undefined;
}

// -------------------------------------------------------------------------------------------- values

class Generator {
  private readonly opts: ValueOptions;
  constructor(opts: ValueOptions) {
    this.opts = opts;
  }

  value(schema: Schema, name: string, depth: number, seed: string): unknown {
    if (!isObj(schema)) return schema === false ? undefined : 'rampart';
    if (!this.opts.ignoreExamples) {
      if (schema.example !== undefined) return schema.example;
      if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
      if (schema.default !== undefined) return schema.default;
    }
    if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum.find((e) => e !== null) ?? schema.enum[0];
    if (schema.const !== undefined) return schema.const;

    const alternatives = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
    if (alternatives?.length) {
      const alt = (alternatives as Schema[]).find((a) => isObj(a) && a.type !== 'null') ?? (alternatives[0] as Schema);
      const { oneOf: _o, anyOf: _a, ...rest } = schema;
      return this.value(combine(rest, isObj(alt) ? alt : {}), name, depth, seed);
    }
    if (Array.isArray(schema.allOf) && schema.allOf.length) {
      const { allOf, ...rest } = schema;
      return this.value(
        (allOf as Schema[]).reduce((a, b) => combine(a, isObj(b) ? b : {}), rest),
        name,
        depth,
        seed,
      );
    }

    const type = typeOf(schema);
    if (depth > MAX_DEPTH) return type === 'object' ? {} : type === 'array' ? [] : null;
    switch (type) {
      case 'object':
        return this.object(schema, depth, seed);
      case 'array':
        return this.array(schema, name, depth, seed);
      case 'integer':
      case 'number':
        return this.number(schema, type, name, seed);
      case 'boolean':
        return nameKind(name) !== 'privilege';
      case 'null':
        return null;
      default:
        return this.string(schema, name, seed);
    }
  }

  private object(schema: Schema, depth: number, seed: string): unknown {
    const out: Obj = {};
    const props = isObj(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
    const mode = this.opts.mode ?? 'request';
    const skip = (p: Schema) => isObj(p) && ((mode === 'request' && p.readOnly === true) || (mode === 'response' && p.writeOnly === true));
    let optional = this.opts.optional ?? 3;
    for (const [k, p] of Object.entries(props)) {
      if (skip(p)) continue;
      if (!required.has(k)) {
        if (optional <= 0 || (isObj(p) && p.deprecated === true)) continue;
        optional--;
      }
      const v = this.value(p ?? {}, k, depth + 1, `${seed}.${k}`);
      if (v !== undefined) out[k] = v;
    }
    // Required names without a declared schema (or hidden by readOnly in a response-only sense).
    for (const k of required) if (!(k in out) && !(k in props)) out[k] = this.value({}, k, depth + 1, `${seed}.${k}`);
    const min = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
    const extra = isObj(schema.additionalProperties)
      ? (schema.additionalProperties as Schema)
      : schema.additionalProperties === false
        ? undefined
        : {};
    for (let i = 0; Object.keys(out).length < min && extra && i < 100; i++) {
      const k = `key${i + 1}`;
      if (!(k in out)) out[k] = this.value(extra, k, depth + 1, `${seed}.${k}`);
    }
    return out;
  }

  private array(schema: Schema, name: string, depth: number, seed: string): unknown[] {
    const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
    const max = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
    const n = Math.min(Math.max(min, 1), max);
    const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as Schema[]) : [];
    const items = isObj(schema.items) ? (schema.items as Schema) : {};
    const itemName = singular(name);
    const out: unknown[] = [];
    const seen = new Set<string>();
    for (let i = 0, tries = 0; out.length < Math.max(n, prefix.length) && tries < n * 4 + 8; tries++) {
      const s = prefix[out.length] ?? items;
      // Later items vary their seed (and drop the example) so that `uniqueItems` can hold.
      const v = this.varied(s, itemName, depth + 1, `${seed}[${i++}]`, tries > 0);
      if (schema.uniqueItems === true) {
        const key = JSON.stringify(v);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      out.push(v);
    }
    return out;
  }

  private varied(schema: Schema, name: string, depth: number, seed: string, vary: boolean): unknown {
    if (!vary) return this.value(schema, name, depth, seed);
    const g = new Generator({ ...this.opts, ignoreExamples: true });
    return g.value(schema, name, depth, seed);
  }

  private number(schema: Schema, type: 'integer' | 'number', name: string, seed: string): number {
    const kind = nameKind(name);
    const r = rng(seed);
    const hints: Record<string, number> = {
      quantity: 1,
      price: type === 'integer' ? 10 : 9.99,
      age: 30,
      page: 1,
      limit: 10,
      offset: 0,
      year: 2024,
      month: 6,
      latitude: 48.8566,
      longitude: 2.3522,
      port: 8080,
      rating: 4,
      id: 1,
    };
    let v = kind && kind in hints ? (hints[kind] as number) : 1 + Math.floor(r() * 9);
    const isInt = type === 'integer' || schema.format === 'int32' || schema.format === 'int64';
    if (isInt) v = Math.round(v);
    const step = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : 0;
    let lo = typeof schema.minimum === 'number' ? schema.minimum : Number.NEGATIVE_INFINITY;
    let hi = typeof schema.maximum === 'number' ? schema.maximum : Number.POSITIVE_INFINITY;
    let loEx = false;
    let hiEx = false;
    if (typeof schema.exclusiveMinimum === 'number' && schema.exclusiveMinimum >= lo) [lo, loEx] = [schema.exclusiveMinimum, true];
    if (typeof schema.exclusiveMaximum === 'number' && schema.exclusiveMaximum <= hi) [hi, hiEx] = [schema.exclusiveMaximum, true];
    if (schema.format === 'int32') [lo, hi] = [Math.max(lo, -2147483648), Math.min(hi, 2147483647)];
    // As ajv judges multipleOf: the quotient must be an integer.
    const ok = (x: number) =>
      Number.isFinite(x) &&
      (loEx ? x > lo : x >= lo) &&
      (hiEx ? x < hi : x <= hi) &&
      (!step || Number.isInteger(x / step)) &&
      (!isInt || Number.isInteger(x));
    if (ok(v)) return v;
    const round = (x: number) => Number.parseFloat(x.toPrecision(12));
    const candidates: number[] = [];
    if (step) {
      for (const base of [v, lo, hi]) {
        if (!Number.isFinite(base)) continue;
        const k = Math.round(base / step);
        for (const d of [0, 1, -1, 2, -2]) candidates.push(round((k + d) * step));
      }
    }
    if (isInt) {
      for (const x of [Math.ceil(lo), Math.ceil(lo) + 1, Math.floor(hi), Math.floor(hi) - 1]) candidates.push(x);
    } else {
      if (Number.isFinite(lo) && Number.isFinite(hi)) candidates.push((lo + hi) / 2);
      if (Number.isFinite(lo)) candidates.push(lo, lo + 0.5, lo + 1e-6);
      if (Number.isFinite(hi)) candidates.push(hi, hi - 0.5, hi - 1e-6);
    }
    return candidates.find(ok) ?? v;
  }

  private string(schema: Schema, name: string, seed: string): string {
    const r = rng(seed);
    const format = typeof schema.format === 'string' ? schema.format.toLowerCase() : undefined;
    const kind = nameKind(name);
    const tag = hex(r, 6);
    let v = formatValue(format, r, tag) ?? nameValue(kind, r, tag) ?? `rampart-${tag}`;
    const pattern = typeof schema.pattern === 'string' ? schema.pattern : undefined;
    if (pattern) {
      const re = compile(pattern);
      if (re && !re.test(v)) {
        const fromPattern = generateFromPattern(pattern, r);
        const candidates = [fromPattern, tag, 'rampart', `${1 + Math.floor(r() * 9)}`, 'A1', 'a'];
        v = candidates.find((c): c is string => c !== undefined && re.test(c)) ?? v;
      }
    }
    return fitLength(v, schema, pattern, r);
  }
}

function typeOf(schema: Schema): string {
  const t = schema.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) {
    const first = t.find((x) => x !== 'null');
    return typeof first === 'string' ? first : 'null';
  }
  if (isObj(schema.properties) || isObj(schema.additionalProperties) || Array.isArray(schema.required)) return 'object';
  if (schema.items !== undefined || Array.isArray(schema.prefixItems)) return 'array';
  if (['minimum', 'maximum', 'multipleOf', 'exclusiveMinimum', 'exclusiveMaximum'].some((k) => typeof schema[k] === 'number'))
    return 'number';
  return 'string';
}

/** Merges two schemas for generation (properties and required united; the second wins elsewhere). */
function combine(a: Schema, b: Schema): Schema {
  const out: Obj = { ...a, ...b };
  if (isObj(a.properties) || isObj(b.properties)) out.properties = { ...(a.properties as Obj), ...(b.properties as Obj) };
  if (Array.isArray(a.required) || Array.isArray(b.required))
    out.required = [...new Set([...((a.required as string[]) ?? []), ...((b.required as string[]) ?? [])])];
  if (a.type !== undefined && b.type === undefined) out.type = a.type;
  return out;
}

function singular(name: string): string {
  if (/ies$/.test(name)) return `${name.slice(0, -3)}y`;
  if (/ses$/.test(name)) return name.slice(0, -2);
  if (/s$/.test(name) && !/ss$/.test(name)) return name.slice(0, -1);
  return name;
}

function formatValue(format: string | undefined, r: () => number, tag: string): string | undefined {
  switch (format) {
    case 'email':
    case 'idn-email':
      return `probe-${tag}@example.com`;
    case 'uuid':
      return uuid(r);
    case 'date':
      return '2024-01-15';
    case 'date-time':
      return '2024-01-15T10:30:00Z';
    case 'time':
      return '10:30:00Z';
    case 'duration':
      return 'P1D';
    case 'uri':
    case 'url':
    case 'iri':
      return `https://example.com/rampart/${tag}`;
    case 'uri-reference':
    case 'iri-reference':
      return `/rampart/${tag}`;
    case 'uri-template':
      return 'https://example.com/{id}';
    case 'ipv4':
      return '192.0.2.10';
    case 'ipv6':
      return '2001:db8::10';
    case 'hostname':
    case 'idn-hostname':
      return 'example.com';
    case 'password':
      return `Rampart-${tag}-Pw1!`;
    case 'byte':
      return Buffer.from(`rampart-${tag}`).toString('base64');
    case 'binary':
      return `rampart-${tag}`;
    case 'int32':
    case 'int64':
    case 'integer':
      return String(1 + Math.floor(r() * 9));
    case 'double':
    case 'float':
    case 'decimal':
    case 'number':
      return '1.5';
    case 'regex':
      return '^rampart$';
    case 'json-pointer':
      return '/rampart';
    default:
      return undefined;
  }
}

function nameValue(kind: string | undefined, r: () => number, tag: string): string | undefined {
  switch (kind) {
    case 'email':
      return `probe-${tag}@example.com`;
    case 'url':
      return `https://example.com/rampart/${tag}`;
    case 'password':
      return `Rampart-${tag}-Pw1!`;
    case 'username':
      return `probe_${tag}`;
    case 'firstName':
      return 'Ada';
    case 'lastName':
      return 'Lovelace';
    case 'name':
      return `Rampart probe ${tag}`;
    case 'phone':
      return `+1555555${String(1000 + Math.floor(r() * 8999))}`;
    case 'country':
      return 'US';
    case 'currency':
      return 'USD';
    case 'zip':
      return '94105';
    case 'city':
      return 'Springfield';
    case 'street':
      return '1 Main Street';
    case 'locale':
      return 'en';
    case 'ipv4':
      return '192.0.2.10';
    case 'hostname':
      return 'example.com';
    case 'uuid':
      return uuid(r);
    case 'date':
      return '2024-01-15';
    case 'date-time':
      return '2024-01-15T10:30:00Z';
    case 'color':
      return '#336699';
    case 'slug':
      return `rampart-${tag}`;
    case 'sku':
      return `SKU-${tag.toUpperCase()}`;
    case 'search':
      return 'rampart';
    case 'title':
      return `Rampart probe ${tag}`;
    case 'text':
      return 'Created by the rampart probe';
    case 'id':
      return String(1 + Math.floor(r() * 9));
    case 'quantity':
    case 'age':
    case 'page':
    case 'limit':
    case 'rating':
      return '1';
    case 'price':
      return '9.99';
    case 'offset':
      return '0';
    default:
      return undefined;
  }
}

function compile(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    try {
      return new RegExp(pattern);
    } catch {
      return undefined;
    }
  }
}

function fitLength(v: string, schema: Schema, pattern: string | undefined, r: () => number): string {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  const len = [...v].length;
  if (len >= min && len <= max) return v;
  const re = pattern ? compile(pattern) : undefined;
  // Pad or cut, keeping the value's start (a pattern anchored at the start usually still holds).
  let out = len > max ? [...v].slice(0, max).join('') : v + 'x'.repeat(min - len);
  if (re && !re.test(out)) {
    const again = generateFromPattern(pattern as string, r, min, max);
    if (again !== undefined && re.test(again)) out = again;
  }
  return out;
}

// ----------------------------------------------------------------------------- strings from patterns

type Node =
  | { k: 'chars'; set: string[] }
  | { k: 'group'; alts: Node[][] }
  | { k: 'repeat'; node: Node; min: number; max: number }
  | { k: 'empty' };

const DIGITS = '0123456789'.split('');
const WORD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'.split('');
const LOWER = 'abcdefghijklmnopqrstuvwxyz'.split('');

/**
 * A string matching a simple regular expression (literals, classes, `\d \w \s`, groups with `|`,
 * quantifiers, anchors), or undefined for anything else (lookarounds, backreferences...).
 * `minLen`/`maxLen` steer open quantifiers towards a length in range.
 */
export function generateFromPattern(
  pattern: string,
  r: () => number = rng(pattern),
  minLen = 0,
  maxLen = Number.POSITIVE_INFINITY,
): string | undefined {
  let ast: Node[][];
  try {
    const p = new PatternParser(pattern);
    ast = p.parse();
  } catch {
    return undefined;
  }
  // An unanchored pattern matches inside any string: still generate just the match.
  const target = Number.isFinite(maxLen) ? Math.max(minLen, Math.min(maxLen, Math.max(minLen, 8))) : Math.max(minLen, 1);
  const first = emit({ k: 'group', alts: ast }, r, target, 0);
  return first;
}

function emit(n: Node, r: () => number, want: number, have: number): string {
  switch (n.k) {
    case 'empty':
      return '';
    case 'chars':
      return n.set.length ? (n.set[Math.floor(r() * n.set.length)] as string) : '';
    case 'group': {
      const alt = n.alts[0] ?? [];
      let s = '';
      for (const part of alt) s += emit(part, r, want, have + s.length);
      return s;
    }
    case 'repeat': {
      let count = n.min;
      // Open quantifiers grow towards the wanted total length.
      const room = want - have;
      if (n.max > n.min && room > n.min) count = Math.min(n.max, Math.max(n.min, Math.min(room, n.min + 16)));
      if (n.max === Number.POSITIVE_INFINITY && count === 0 && room <= 0) count = n.min;
      let s = '';
      for (let i = 0; i < count; i++) s += emit(n.node, r, want, have + s.length);
      return s;
    }
  }
}

class PatternParser {
  private i = 0;
  private readonly s: string;
  constructor(s: string) {
    this.s = s;
  }

  parse(): Node[][] {
    const alts = this.alternatives();
    if (this.i < this.s.length) throw new Error('unbalanced');
    return alts;
  }

  private alternatives(): Node[][] {
    const alts: Node[][] = [[]];
    while (this.i < this.s.length) {
      const c = this.s[this.i] as string;
      if (c === ')') break;
      if (c === '|') {
        this.i++;
        alts.push([]);
        continue;
      }
      const atom = this.atom();
      (alts[alts.length - 1] as Node[]).push(this.quantified(atom));
    }
    return alts;
  }

  private atom(): Node {
    const c = this.s[this.i++] as string;
    if (c === '^' || c === '$') return { k: 'empty' };
    if (c === '(') {
      if (this.s[this.i] === '?') {
        if (this.s[this.i + 1] === ':') this.i += 2;
        else if (this.s[this.i + 1] === '<' && /[A-Za-z]/.test(this.s[this.i + 2] ?? '')) {
          const end = this.s.indexOf('>', this.i);
          if (end === -1) throw new Error('bad group');
          this.i = end + 1;
        } else throw new Error('lookaround');
      }
      const alts = this.alternatives();
      if (this.s[this.i] !== ')') throw new Error('unclosed');
      this.i++;
      return { k: 'group', alts };
    }
    if (c === '[') return this.charClass();
    if (c === '.') return { k: 'chars', set: LOWER };
    if (c === '\\') return { k: 'chars', set: this.escape(false) };
    if (c === '*' || c === '+' || c === '?' || c === '{') throw new Error('dangling quantifier');
    return { k: 'chars', set: [c] };
  }

  private escape(inClass: boolean): string[] {
    const c = this.s[this.i++];
    if (c === undefined) throw new Error('trailing backslash');
    switch (c) {
      case 'd':
        return DIGITS;
      case 'w':
        return WORD;
      case 's':
        return [' '];
      case 'D':
      case 'W':
        return ['-'];
      case 'S':
        return ['a'];
      case 'n':
        return ['\n'];
      case 't':
        return ['\t'];
      case 'b':
        if (inClass) return ['\b'];
        throw new Error('word boundary');
      case 'u': {
        const h = this.s.slice(this.i, this.i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(h)) throw new Error('bad escape');
        this.i += 4;
        return [String.fromCharCode(Number.parseInt(h, 16))];
      }
      case 'x': {
        const h = this.s.slice(this.i, this.i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new Error('bad escape');
        this.i += 2;
        return [String.fromCharCode(Number.parseInt(h, 16))];
      }
      default:
        if (/[1-9]/.test(c)) throw new Error('backreference');
        if (/[A-Za-z]/.test(c) && !'pP'.includes(c)) throw new Error('unknown escape');
        if (c === 'p' || c === 'P') throw new Error('unicode property');
        return [c];
    }
  }

  private charClass(): Node {
    let negate = false;
    if (this.s[this.i] === '^') {
      negate = true;
      this.i++;
    }
    const set = new Set<string>();
    let first = true;
    while (this.i < this.s.length && (this.s[this.i] !== ']' || first)) {
      first = false;
      let from: string[];
      if (this.s[this.i] === '\\') {
        this.i++;
        from = this.escape(true);
      } else from = [this.s[this.i++] as string];
      if (from.length === 1 && this.s[this.i] === '-' && this.s[this.i + 1] !== ']' && this.i + 1 < this.s.length) {
        this.i++;
        let to: string;
        if (this.s[this.i] === '\\') {
          this.i++;
          const e = this.escape(true);
          if (e.length !== 1) throw new Error('bad range');
          to = e[0] as string;
        } else to = this.s[this.i++] as string;
        const a = (from[0] as string).charCodeAt(0);
        const b = to.charCodeAt(0);
        if (b < a) throw new Error('bad range');
        for (let x = a; x <= Math.min(b, a + 200); x++) set.add(String.fromCharCode(x));
      } else for (const f of from) set.add(f);
    }
    if (this.s[this.i] !== ']') throw new Error('unclosed class');
    this.i++;
    if (negate) {
      const pool = [...LOWER, ...DIGITS, '-', '_', 'A', 'Z'];
      return { k: 'chars', set: pool.filter((c) => !set.has(c)) };
    }
    // Prefer letters and digits: they survive URLs and most validators.
    const all = [...set];
    const nice = all.filter((c) => /[A-Za-z0-9]/.test(c));
    return { k: 'chars', set: nice.length ? nice : all };
  }

  private quantified(atom: Node): Node {
    const c = this.s[this.i];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (c === '+') [min, max] = [1, Number.POSITIVE_INFINITY];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY;
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.s[this.i] === '?' || this.s[this.i] === '+') this.i++; // lazy / possessive
    if (min > 1000) throw new Error('too long');
    return { k: 'repeat', node: atom, min, max };
  }
}

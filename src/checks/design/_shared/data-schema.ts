/**
 * Schema helpers of the data checks (group C): which schemas the API receives, what type a schema has
 * in any OpenAPI version, how to name the place of a finding without tying its fingerprint to the
 * order of operations, and which strings are file uploads.
 */

import type { Obj, SchemaVisit } from '../../../engines/design/types.ts';
import type { Operation, Parameter } from '../../../formats/openapi/model.ts';
import type { NodeRef } from '../../../formats/openapi/refs.ts';
import { getAt, parsePointer } from '../../../formats/pointer.ts';
import { isFileMediaType } from './media-types.ts';
import { isObj } from './nodes.ts';
import { opLabel } from './operations.ts';

/**
 * The API receives this schema from its clients: a request body, a 2.0 `formData`/`body` parameter or a
 * query/path/header/cookie parameter of a path operation. Requests of webhooks and callbacks are what
 * the API sends out, so they are not input to it.
 */
export function isInbound(v: SchemaVisit): boolean {
  return v.direction === 'request' && v.operation.kind === 'path';
}

/** The API returns this schema: a response of a path operation, or the payload of a webhook/callback it sends. */
export function isOutbound(v: SchemaVisit): boolean {
  if (v.direction === 'response') return v.operation.kind === 'path';
  return v.operation.kind !== 'path' && (v.parameter === undefined || v.parameter.in === 'body');
}

/** Inbound and part of a body (request body, 2.0 body or formData parameter), not a query/path/header parameter. */
export function isInboundBody(v: SchemaVisit): boolean {
  return isInbound(v) && (v.parameter === undefined || v.parameter.in === 'body' || v.parameter.in === 'formData');
}

/** The schema's types: `type: string`, 3.1 `type: [string, 'null']`, or none. */
export function typesOf(s: Obj): string[] {
  const t = s.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string' && x !== 'null');
  return [];
}

export function hasType(s: Obj, type: string): boolean {
  const t = s.type;
  return t === type || (Array.isArray(t) && t.includes(type));
}

/** Has `enum` or `const` (3.1), so the set of values is fixed. */
export function isEnumerated(s: Obj): boolean {
  return (Array.isArray(s.enum) && s.enum.length > 0) || 'const' in s;
}

/** `METHOD /path`, or `webhook "name"` for a webhook, for messages. */
export function opOrWebhookLabel(op: Operation): string {
  if (op.kind === 'webhook') return `webhook "${op.path}"`;
  return opLabel(op);
}

/** The node sits inside `base` (same file, pointer below it). */
export function under(node: NodeRef, base: NodeRef): boolean {
  return node.doc === base.doc && (node.pointer === base.pointer || node.pointer.startsWith(`${base.pointer}/`));
}

/**
 * Names where a node sits in a way that does not depend on which operation reached it first, so a
 * finding's message (and fingerprint) stays stable when operations are added or reordered:
 * `schema "Pet"`, `the request body of POST /pets`, `path /pets/{id}`, `parameter "limit"`.
 */
export function placeOf(node: NodeRef, op: Operation): string {
  if (under(node, op.ref)) {
    const rest = node.pointer.slice(op.ref.pointer.length);
    let what = 'the request body of';
    if (rest.startsWith('/responses/')) what = 'a response of';
    else if (rest.startsWith('/parameters/')) {
      const param = getAt(op.ref.value, parsePointer(rest).slice(0, 2));
      if (!isObj(param) || param.in !== 'body') what = 'a parameter of';
    }
    return `${what} ${opOrWebhookLabel(op)}`;
  }
  const segs = parsePointer(node.pointer);
  const file = node.doc === op.ref.doc ? '' : ` in ${node.doc.file}`;
  if (segs[0] === 'components' && segs.length >= 3) {
    const kinds: Record<string, string> = {
      schemas: 'schema',
      parameters: 'parameter',
      requestBodies: 'request body',
      responses: 'response',
      headers: 'header',
    };
    return `${kinds[segs[1]] ?? segs[1]} "${segs[2]}"${file}`;
  }
  if (segs[0] === 'definitions' && segs.length >= 2) return `schema "${segs[1]}"${file}`;
  if (segs[0] === 'parameters' && segs.length >= 2) return `parameter "${segs[1]}"${file}`;
  if (segs[0] === 'responses' && segs.length >= 2) return `response "${segs[1]}"${file}`;
  if ((segs[0] === 'paths' || segs[0] === 'webhooks') && segs.length >= 2)
    return `${segs[0] === 'paths' ? 'path' : 'webhook'} ${segs[1]}${file}`;
  return `${node.doc.file}#${node.pointer}`;
}

/**
 * Where a parameter is, to follow its name in a message: ` of GET /orders` for a parameter of the
 * operation, nothing for a shared `parameters/PageSize` whose name is the parameter's own, else
 * ` (parameter "PageSize")`, ` (path /orders/{id})`...
 */
export function parameterPlace(p: Parameter, op: Operation): string {
  if (under(p.ref, op.ref)) return ` of ${opOrWebhookLabel(op)}`;
  const place = placeOf(p.ref, op);
  return place === `parameter "${p.name}"` ? '' : ` (${place})`;
}

/** The name of the innermost property a node sits in, read from its pointer (`.../properties/tags/items` → tags). */
export function propertyOf(node: NodeRef): string | undefined {
  const segs = parsePointer(node.pointer);
  for (let i = segs.length - 1; i > 0; i--) if (segs[i - 1] === 'properties' && (i < 2 || segs[i - 2] !== 'properties')) return segs[i];
  return undefined;
}

/**
 * What to call a visited schema in a message, from where it is defined only (never from the path that
 * reached it first, which changes when operations are added): `property "name" of schema "Pet"`,
 * `query parameter "limit" of GET /pets`, `the request body of POST /pets`, `schema "Name"`.
 */
export function describe(v: SchemaVisit): string {
  const d = describeOwner(v);
  // `.../properties/tags/items` is not the tags array itself but one of its elements.
  const segs = parsePointer(v.ref.pointer);
  for (let i = segs.length - 1; i >= 0 && segs[i] !== 'properties' && segs[i] !== 'schema'; i--) {
    if (segs[i] === 'additionalProperties') return `the values of ${d}`;
    if (segs[i] === 'items') return `the items of ${d}`;
  }
  return d;
}

function describeOwner(v: SchemaVisit): string {
  const p = v.parameter;
  const prop = propertyOf(v.ref);
  if (p && p.in !== 'body' && under(v.ref, p.ref)) {
    const param = `${p.in === 'formData' ? 'form' : p.in} parameter "${p.name}"${parameterPlace(p, v.operation)}`;
    return prop ? `property "${prop}" of ${param}` : param;
  }
  const place = placeOf(v.ref, v.operation);
  return prop ? `property "${prop}" of ${place}` : place;
}

/** `is a string` / `is an array` / `are strings`: the verb and noun for a description from `describe`. */
export function isA(description: string, noun: string): string {
  if (description.startsWith('the items of') || description.startsWith('the values of')) return `are ${noun}s`;
  return `is ${'aeiou'.includes(noun.charAt(0)) ? 'an' : 'a'} ${noun}`;
}

/** The schema is a query, path, header or cookie parameter (or inside one): sent in the URL or headers. */
export function inUrlOrHeaders(v: SchemaVisit): boolean {
  return !!v.parameter && v.parameter.in !== 'body' && v.parameter.in !== 'formData';
}

/** First letter in upper case, for a description that starts a sentence. */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const BINARY_FORMATS: ReadonlySet<string> = new Set(['binary', 'byte', 'base64']);

/**
 * A request string that carries a file or raw bytes: a 2.0 `type: file` parameter; in a multipart or
 * binary body, a `format: binary|byte|base64` string (or the body itself as a string); in 3.1, any
 * string with `contentMediaType` or `contentEncoding`.
 */
export function isUpload(v: SchemaVisit): boolean {
  const s = v.schema;
  if (v.parameter && v.parameter.in === 'formData' && s.type === 'file') return true;
  if (!hasType(s, 'string') && s.type !== undefined) return false;
  if (typeof s.contentMediaType === 'string' || typeof s.contentEncoding === 'string') return true;
  if (!isFileMediaType(v.mediaType)) return false;
  if (typeof s.format === 'string' && BINARY_FORMATS.has(s.format)) return true;
  // The whole body is a string: `application/octet-stream: { schema: { type: string } }`.
  return v.propertyPath.length === 0 && hasType(s, 'string') && !v.parent;
}

/** The visit or one of its ancestors is marked readOnly (so clients cannot send any of it). */
export function readOnlyInPath(v: SchemaVisit): boolean {
  for (let p: SchemaVisit | undefined = v; p; p = p.parent) if (p.readOnly) return true;
  return false;
}

/** The visit or one of its ancestors is marked writeOnly (so the API never returns it). */
export function writeOnlyInPath(v: SchemaVisit): boolean {
  for (let p: SchemaVisit | undefined = v; p; p = p.parent) if (p.writeOnly) return true;
  return false;
}

/**
 * The types a schema can take, looking through `allOf`/`anyOf`/`oneOf` (two levels) and `$ref`s:
 * `{ anyOf: [{ $ref: Token }], nullable: true }` → object. A schema with `properties` but no `type` counts
 * as object, one with `items` as array. Empty when nothing says.
 */
export function effectiveTypes(resolve: (r: NodeRef) => NodeRef | undefined, ref: NodeRef, depth = 0): Set<string> {
  const out = new Set<string>();
  const t = resolve(ref);
  if (!t || !isObj(t.value)) return out;
  const s = t.value;
  for (const x of typesOf(s)) out.add(x);
  if (out.size === 0 && isObj(s.properties)) out.add('object');
  if (out.size === 0 && s.items !== undefined) out.add('array');
  if (out.size === 0 && depth < 2) {
    for (const k of ['allOf', 'anyOf', 'oneOf']) {
      const list = s[k];
      if (!Array.isArray(list)) continue;
      for (let i = 0; i < list.length; i++)
        for (const x of effectiveTypes(resolve, { doc: t.doc, pointer: `${t.pointer}/${k}/${i}`, value: list[i] }, depth + 1)) out.add(x);
    }
  }
  return out;
}

/**
 * Formats whose values have a bounded length by definition, so `maxLength` adds nothing: dates and
 * times (RFC 3339), UUIDs/GUIDs/ULIDs, IP addresses, host names (253 characters, RFC 1123) and numbers
 * written as strings (int32, int64, float, double). `email`, `uri`, `byte` (base64) and `password` are
 * NOT here: the RFCs allow very long values and validators do not cap them.
 */
export const LENGTH_BOUNDING_FORMATS: ReadonlySet<string> = new Set([
  'date',
  'date-time',
  'time',
  'full-date',
  'full-time',
  'uuid',
  'guid',
  'ulid',
  'ipv4',
  'ipv6',
  'hostname',
  'int32',
  'int64',
  'float',
  'double',
]);

/**
 * A pattern that bounds the length of what it matches: anchored at both ends (`^...$`), no top-level
 * alternation, and no unbounded quantifier (`*`, `+`, `{n,}`). `^[A-Z]{2}[0-9]{1,8}$` bounds;
 * `^[a-z]+$` and `[0-9]{4}` do not. One linear pass.
 */
export function patternBoundsLength(p: string): boolean {
  const n = p.length;
  if (n < 2 || p[0] !== '^' || p[n - 1] !== '$') return false;
  let depth = 0;
  let inClass = false;
  for (let i = 1; i < n - 1; i++) {
    const c = p[i];
    if (c === '\\') {
      // `\$` just before the final `$` would leave the pattern unanchored: `^a\$` ends with an escaped dollar.
      if (i === n - 2) return false;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return false;
    else if (c === '*' || c === '+') return false;
    else if (c === '{') {
      const close = p.indexOf('}', i);
      if (close < 0) return false;
      const body = p.slice(i + 1, close);
      if (body.endsWith(',')) return false;
      i = close;
    }
  }
  return true;
}

/** The request string has a bounded length: maxLength, enum/const, a bounding format or pattern. */
export function stringIsBounded(s: Obj): boolean {
  if (typeof s.maxLength === 'number' || isEnumerated(s)) return true;
  if (typeof s.format === 'string' && LENGTH_BOUNDING_FORMATS.has(s.format.toLowerCase())) return true;
  return typeof s.pattern === 'string' && patternBoundsLength(s.pattern);
}

/** The numeric upper bound of a schema (`maximum`, or 3.1 numeric `exclusiveMaximum`), if any. */
export function hasMaximum(s: Obj): boolean {
  return typeof s.maximum === 'number' || typeof s.exclusiveMaximum === 'number';
}

/** The numeric lower bound of a schema (`minimum`, or 3.1 numeric `exclusiveMinimum`), if any. */
export function hasMinimum(s: Obj): boolean {
  return typeof s.minimum === 'number' || typeof s.exclusiveMinimum === 'number';
}

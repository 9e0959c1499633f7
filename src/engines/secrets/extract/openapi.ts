/**
 * OpenAPI (2.0, 3.x) examples, defaults and extensions: the credential is often one level or two below
 * the name that says what it is (`properties: {password: {type: string, example: "..."}}`, a header
 * parameter `{name: X-API-Key, example: "..."}`, `examples: {live: {value: "..."}}`), on other lines than
 * the name. Each scalar example/default/enum value is scanned under the name of the property, parameter
 * or header that owns it (the same reading as the design check secret-in-example).
 */
import { getAt, joinPointer, parsePointer } from '../../../formats/pointer.ts';
import type { StructDoc } from './docs.ts';
import { type Piece, worthAPiece } from './pieces.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function isOpenApi(v: unknown): boolean {
  return isObj(v) && (typeof v.openapi === 'string' || typeof v.swagger === 'string');
}

/** Pointer segments between a name and its example value. */
const WRAPPERS = new Set([
  'example',
  'examples',
  'default',
  'value',
  'x-example',
  'x-examples',
  'schema',
  'items',
  'enum',
  'content',
  'allOf',
  'oneOf',
  'anyOf',
]);
const VALUE_KEYS = ['example', 'default', 'x-example', 'const'];

/** The name a value belongs to: its property, header or parameter (`parameters/0` -> that parameter's `name`). */
export function ownerName(root: unknown, segs: string[]): string | undefined {
  for (let i = segs.length - 1; i >= 0; i--) {
    const s = segs[i];
    if (WRAPPERS.has(s) || s.includes('/')) continue; // media types (`application/json`) are wrappers too
    if (/^\d+$/.test(s)) {
      if (segs[i - 1] === 'parameters') {
        const p = getAt(root, segs.slice(0, i + 1)) as { name?: unknown } | undefined;
        return typeof p?.name === 'string' ? p.name : undefined;
      }
      continue;
    }
    if (s === 'properties' || s === 'headers' || s === 'parameters') return undefined;
    return s;
  }
  return undefined;
}

/**
 * One example value given to credentials of different kinds (the same string as access_token,
 * refresh_token and actor_token) is a documentation sample: real credentials of different kinds never
 * coincide. Such pieces are dropped (the value, on its own line, is still read by the plain scan).
 */
export function dropSharedExamples(pieces: Piece[]): Piece[] {
  const names = new Map<string, Set<string>>();
  for (const p of pieces) {
    if (p.key === undefined) continue;
    const set = names.get(p.value.text) ?? new Set<string>();
    set.add(p.key.toLowerCase().replace(/[-_.\s]/g, ''));
    names.set(p.value.text, set);
  }
  return pieces.filter((p) => p.key === undefined || (names.get(p.value.text)?.size ?? 0) < 2);
}

/** Scalar examples, defaults and enum values of a schema, parameter or header, under their owner's name. */
export function openApiPieces(doc: StructDoc, node: unknown, pointer: string, add: (p: Piece) => void): void {
  if (!isObj(node)) return;
  const segs = parsePointer(pointer);
  const named = (p: string, extra: string[]) => {
    const owner = ownerName(doc.value, [...segs, ...extra]);
    // Other values are read by the plain scan on their own line; only a credential's name changes how
    // a value is judged.
    const m = owner && worthAPiece('', owner) ? doc.string(p) : undefined;
    if (owner && m && m.length > 0 && !m.text.includes('\n')) add({ pointer: p, key: owner, value: m });
  };
  for (const k of VALUE_KEYS) if (typeof node[k] === 'string') named(joinPointer(pointer, k), [k]);
  if (Array.isArray(node.enum))
    node.enum.forEach((v, i) => {
      if (typeof v === 'string') named(joinPointer(pointer, 'enum', i), ['enum', String(i)]);
    });
  // `examples: {name: {value: "..."}}` (3.x) and `examples: {"application/json": "..."}` (2.0 responses).
  if (isObj(node.examples)) {
    for (const [name, ex] of Object.entries(node.examples)) {
      if (isObj(ex) && typeof ex.value === 'string') named(joinPointer(pointer, 'examples', name, 'value'), ['examples', name, 'value']);
    }
  }
}

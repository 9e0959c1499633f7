import type { Operation } from '../../formats/openapi/model.ts';
import type { DocumentSet, NodeRef } from '../../formats/openapi/refs.ts';
import { child } from '../../formats/openapi/refs.ts';
import type { Obj, SchemaVisit } from './types.ts';

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const MAX_DEPTH = 64;

/**
 * Walks every schema an operation sends or returns, following `$ref`s across files. Each schema node is
 * visited once per direction (request/response) for the whole document, which keeps big definitions
 * fast and stops at cycles and YAML alias bombs.
 */
export class SchemaWalker {
  // Keyed by the schema object itself: a $ref target and every YAML alias of one node are the same
  // object, so a schema is visited once per direction however many pointers lead to it (alias bombs).
  private seen = { request: new WeakSet<Obj>(), response: new WeakSet<Obj>() };
  private set: DocumentSet;
  private visit: (v: SchemaVisit) => void;
  constructor(set: DocumentSet, visit: (v: SchemaVisit) => void) {
    this.set = set;
    this.visit = visit;
  }

  operation(op: Operation): void {
    for (const p of op.parameters) {
      if (p.schema)
        this.walk(
          p.schema,
          { direction: 'request', operation: op, parameter: p, propertyName: p.in === 'body' ? undefined : p.name, propertyPath: [] },
          0,
        );
    }
    if (op.requestBody) {
      for (const mt of op.requestBody.content) {
        if (mt.schema) this.walk(mt.schema, { direction: 'request', operation: op, mediaType: mt.type, propertyPath: [] }, 0);
      }
    }
    for (const r of op.responses) {
      for (const mt of r.content) {
        if (mt.schema)
          this.walk(mt.schema, { direction: 'response', operation: op, status: r.status, mediaType: mt.type, propertyPath: [] }, 0);
      }
    }
  }

  private walk(raw: NodeRef, base: Omit<SchemaVisit, 'ref' | 'schema' | 'readOnly' | 'writeOnly'>, depth: number): void {
    if (depth > MAX_DEPTH) return;
    const ref = this.set.resolve<Obj>(raw);
    if (!ref || !isObj(ref.value)) return;
    const s = ref.value;
    const seen = this.seen[base.direction];
    if (seen.has(s)) return;
    seen.add(s);
    // OpenAPI 3.1 allows siblings next to $ref: readOnly there applies to this use of the schema.
    const site = isObj(raw.value) ? raw.value : {};
    const readOnly = s.readOnly === true || site.readOnly === true;
    const writeOnly = s.writeOnly === true || site.writeOnly === true;
    const visit: SchemaVisit = { ...base, ref, schema: s, readOnly, writeOnly };
    this.visit(visit);

    const props = child<Obj>(ref, 'properties');
    if (props && isObj(props.value)) {
      for (const name of Object.keys(props.value)) {
        this.walk(
          child(props, name) as NodeRef,
          { ...base, parent: visit, propertyName: name, propertyPath: [...base.propertyPath, name], parameter: base.parameter },
          depth + 1,
        );
      }
    }
    for (const k of ['allOf', 'oneOf', 'anyOf', 'prefixItems'] as const) {
      const list = child(ref, k);
      if (list && Array.isArray(list.value)) {
        for (let i = 0; i < list.value.length; i++) this.walk(child(list, i) as NodeRef, { ...base, parent: visit }, depth + 1);
      }
    }
    for (const k of ['items', 'additionalProperties'] as const) {
      const sub = child(ref, k);
      if (sub && isObj(sub.value)) this.walk(sub, { ...base, parent: visit }, depth + 1);
    }
    const pp = child<Obj>(ref, 'patternProperties');
    if (pp && isObj(pp.value))
      for (const name of Object.keys(pp.value)) this.walk(child(pp, name) as NodeRef, { ...base, parent: visit }, depth + 1);
  }
}

const EXAMPLE_KEYS = new Set(['example', 'examples', 'default', 'x-example', 'x-examples']);

/**
 * Visits every scalar of a file once. Shared YAML aliases are walked once (a guard against alias
 * bombs); pointers are built only when a check asks for one.
 */
export function walkScalars(
  doc: NodeRef['doc'],
  visit: (key: string, value: string | number | boolean, pointer: () => string, inExample: boolean) => void,
): void {
  const path: string[] = [];
  const seen = new Set<object>();
  const pointer = () => (path.length ? `/${path.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}` : '');
  const rec = (v: unknown, key: string, inExample: boolean, depth: number) => {
    if (v === null || v === undefined) return;
    if (typeof v === 'object') {
      if (seen.has(v) || depth > 256) return;
      seen.add(v);
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          path.push(String(i));
          rec(v[i], key, inExample, depth + 1);
          path.pop();
        }
      } else {
        for (const k of Object.keys(v)) {
          path.push(k);
          rec((v as Obj)[k], k, inExample || EXAMPLE_KEYS.has(k) || k.startsWith('x-'), depth + 1);
          path.pop();
        }
      }
      return;
    }
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') visit(key, v, pointer, inExample);
  };
  rec(doc.value, '', false, 0);
}

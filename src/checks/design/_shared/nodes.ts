/** Nodes of a definition as the design checks handle them: JSON objects, and one key per place in its files. */
import type { Obj } from '../../../engines/design/types.ts';
import type { NodeRef } from '../../../formats/openapi/refs.ts';

/** A JSON object (a mapping), not an array or a scalar. */
export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The identity of a node across the files of a definition: `/abs/dir/api.yaml#/components/schemas/Pet`. */
export function nodeKey(ref: NodeRef): string {
  return `${ref.doc.absPath}#${ref.pointer}`;
}

/**
 * A test that is true the first time it is given a node and false for that node afterwards: reports a
 * shared node (a `$ref`'d response, body or parameter reached from many operations) once.
 */
export function onlyOnce(): (ref: NodeRef) => boolean {
  const seen = new Set<string>();
  return (ref) => {
    const key = nodeKey(ref);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}

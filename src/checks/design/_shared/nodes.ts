/** Node identity for the design checks: one key per place in the definition's files. */
import type { NodeRef } from '../../../formats/openapi/refs.ts';

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

/**
 * Kubernetes Secret manifests (`kind: Secret`, YAML or JSON, one document of several): `data` values are
 * base64 (https://kubernetes.io/docs/concepts/configuration/secret/), so each is decoded and scanned under
 * its key (`password`, `api-token`, `.dockerconfigjson`, `tls.key`); a match is reported on the encoded
 * value. `stringData` values are plain and read like any other value.
 */
import { joinPointer } from '../../../formats/pointer.ts';
import type { StructDoc } from './docs.ts';
import { keyed, type Piece, wholeSpan } from './pieces.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function isKubernetesSecret(v: unknown): boolean {
  return isObj(v) && v.kind === 'Secret' && typeof v.apiVersion === 'string';
}

/** Strict base64 of mostly printable text (UTF-8 allowed), else undefined. */
export function decodeBase64Text(s: string): string | undefined {
  const v = s.replace(/\s+/g, '');
  if (v.length < 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) return undefined;
  const buf = Buffer.from(v, 'base64');
  if (buf.toString('base64').replace(/=+$/, '') !== v.replace(/=+$/, '')) return undefined;
  const text = buf.toString('utf8');
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad === 0 ? text : undefined;
}

/** The decoded `data` values of a Secret (and of each Secret in a `kind: List`). */
export function secretPieces(doc: StructDoc, node: unknown, pointer: string, add: (p: Piece) => void): void {
  if (!isObj(node)) return;
  if (node.kind === 'List' && Array.isArray(node.items)) {
    node.items.forEach((item, i) => {
      secretPieces(doc, item, joinPointer(pointer, 'items', i), add);
    });
    return;
  }
  if (!isKubernetesSecret(node) || !isObj(node.data)) return;
  for (const [k, v] of Object.entries(node.data)) {
    if (typeof v !== 'string') continue;
    const p = joinPointer(pointer, 'data', k);
    const span = doc.string(p)?.fullSpan();
    const text = decodeBase64Text(v);
    if (!span || text === undefined || text.length === 0) continue;
    add(keyed(p, k, wholeSpan(text, span)));
  }
}

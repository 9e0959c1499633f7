/**
 * Docker Compose and CI workflow environment blocks. Most entries are `NAME=value` or `NAME: value` on
 * one line, which the plain scan reads; what it cannot read is a default hidden in an interpolation,
 * `${NAME:-default}` (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/):
 * the default is a hard-coded value, scanned under the variable's name.
 */
import { joinPointer } from '../../../formats/pointer.ts';
import type { StructDoc } from './docs.ts';
import type { Piece } from './pieces.ts';

const DEFAULT = /\$\{([A-Za-z_][A-Za-z0-9_]{0,80}):?[-=]([^}\r\n]{1,200})\}/g;

const ENV_KEYS = new Set(['environment', 'env', 'variables', 'args']);

/** Pieces for defaults inside `environment:`/`env:`/`variables:`/`args:` maps and `NAME=value` lists. */
export function envDefaultPieces(doc: StructDoc, node: unknown, pointer: string, key: string | undefined, add: (p: Piece) => void): void {
  if (key === undefined || !ENV_KEYS.has(key) || node === null || typeof node !== 'object') return;
  const entries: [string, unknown][] = Array.isArray(node) ? node.map((v, i) => [String(i), v]) : Object.entries(node);
  for (const [k, v] of entries) {
    if (typeof v !== 'string' || !v.includes('${')) continue;
    const m = doc.string(joinPointer(pointer, k));
    if (!m) continue;
    const name = Array.isArray(node) ? v.slice(0, Math.max(0, v.indexOf('='))) : k;
    for (const d of m.text.matchAll(DEFAULT)) {
      const start = (d.index ?? 0) + d[0].indexOf(d[2], d[1].length + 3);
      add({ pointer: joinPointer(pointer, k), key: name || d[1], value: m.slice(start, start + d[2].length) });
    }
  }
}

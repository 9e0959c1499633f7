/**
 * API versions in path templates (`/v1/...`, `/api/2023-10-17/...`, `/1/...`), to tell an old version
 * still in use from the one the definitions document.
 */
import type { DocumentedOperation } from './definitions.ts';
import { classifySegment } from './template.ts';
import type { InventoryEndpoint } from './types.ts';

export interface PathVersion {
  /** Segment index of the version. */
  index: number;
  label: string;
  rank: number[];
  /** The template with the version segment replaced and parameter names dropped (`/api/v1/users/{id}` gives `/api/` + `*` + `/users/{}`). */
  shape: string;
  /** Same, only the part before the version: the API the version belongs to (`/api`). */
  prefix: string;
}

export function versionOf(template: string): PathVersion | undefined {
  const segs = template.split('/').filter(Boolean);
  for (let i = 0; i < segs.length; i++) {
    if (segs[i].includes('{')) continue;
    const c = classifySegment(segs[i], segs[i - 1], i);
    if (!c.version) continue;
    const rank = (segs[i].match(/\d+/g) ?? []).map(Number);
    const shape = `/${segs.map((s, j) => (j === i ? '*' : s.replace(/\{[^}]+\}/g, '{}'))).join('/')}`;
    return { index: i, label: segs[i], rank, shape, prefix: `/${segs.slice(0, i).join('/')}` };
  }
  return undefined;
}

export function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface NewerVersion {
  /** The newest documented version of the same API. */
  newest: string;
  /** The documented operation for the same method and resource in a newer version, if there is one. */
  successor?: { op: DocumentedOperation; template: string };
}

/** A newer version of this endpoint's API in the definitions, or undefined. */
export function newerDocumented(ep: InventoryEndpoint, operations: readonly DocumentedOperation[]): NewerVersion | undefined {
  const v = versionOf(ep.path);
  if (!v) return undefined;
  let newest: PathVersion | undefined;
  let successor: NewerVersion['successor'];
  let successorRank: number[] | undefined;
  for (const op of operations) {
    for (const t of op.templates) {
      const dv = versionOf(t);
      if (!dv || dv.index !== v.index || dv.prefix !== v.prefix || compareRank(dv.rank, v.rank) <= 0) continue;
      if (!newest || compareRank(dv.rank, newest.rank) > 0) newest = dv;
      if (dv.shape === v.shape && op.method === ep.method && (!successorRank || compareRank(dv.rank, successorRank) > 0)) {
        successor = { op, template: t };
        successorRank = dv.rank;
      }
    }
  }
  return newest ? { newest: newest.label, successor } : undefined;
}

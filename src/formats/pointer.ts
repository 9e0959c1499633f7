/** RFC 6901 JSON pointers. */

export function escapeSegment(seg: string | number): string {
  const s = String(seg);
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
}

export function joinPointer(base: string, ...segs: (string | number)[]): string {
  let p = base;
  for (const s of segs) p += `/${escapeSegment(s)}`;
  return p;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const p = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (!p.startsWith('/')) throw new Error(`invalid JSON pointer "${pointer}"`);
  return p
    .slice(1)
    .split('/')
    .map((s) => {
      const d = s.includes('%') ? safeDecode(s) : s;
      return d.includes('~') ? d.replace(/~1/g, '/').replace(/~0/g, '~') : d;
    });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The value at `pointer` in `root`, or undefined. Does not follow `$ref`. */
export function getAt(root: unknown, segs: string[]): unknown {
  let cur: unknown = root;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      const i = Number(s);
      if (!Number.isInteger(i)) return undefined;
      cur = cur[i];
    } else {
      if (!Object.hasOwn(cur, s)) return undefined;
      cur = (cur as Record<string, unknown>)[s];
    }
  }
  return cur;
}

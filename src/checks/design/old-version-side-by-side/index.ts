import { defineDesignCheck } from '../../../engines/design/types.ts';
import type { Operation } from '../../../formats/openapi/model.ts';
import { opLabel } from '../_shared/operations.ts';

/** A version as it appears in a path segment: v2, v1.1, v1beta2, v2alpha1, 2.0 or a date (2023-10-16). */
export interface PathVersion {
  /** Sortable parts; dates and numbered versions are never compared with each other. */
  kind: 'number' | 'date';
  parts: number[];
  stable: boolean;
  text: string;
}

const NUMBERED = /^v(\d{1,4})(?:\.(\d{1,4}))?(?:(alpha|beta|rc)(\d{0,4}))?$/i;
const DOTTED = /^(\d{1,4})\.(\d{1,4})$/;
const DATED = /^(\d{4})-(\d{2})-(\d{2})$/;
const STAGE: Record<string, number> = { alpha: 0, beta: 1, rc: 2 };

export function parseVersion(segment: string): PathVersion | undefined {
  let m = NUMBERED.exec(segment);
  if (m) {
    const stage = m[3] ? STAGE[m[3].toLowerCase()] : 3;
    return { kind: 'number', parts: [Number(m[1]), Number(m[2] ?? 0), stage, Number(m[4] || 0)], stable: !m[3], text: segment };
  }
  m = DOTTED.exec(segment);
  if (m) return { kind: 'number', parts: [Number(m[1]), Number(m[2]), 3, 0], stable: true, text: segment };
  m = DATED.exec(segment);
  if (m) return { kind: 'date', parts: [Number(m[1]), Number(m[2]), Number(m[3])], stable: true, text: segment };
  return undefined;
}

export function compareVersions(a: PathVersion, b: PathVersion): number {
  for (let i = 0; i < Math.max(a.parts.length, b.parts.length); i++) {
    const d = (a.parts[i] ?? 0) - (b.parts[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

interface Versioned {
  op: Operation;
  version: PathVersion;
  /** The path up to its version segment: `/api/v1`. */
  prefix: string;
}

const EXAMPLES = 3;

/** The operation's family (method + path with the version segment and parameter names blanked), and its version. */
function family(op: Operation): { key: string; version: PathVersion; prefix: string } | undefined {
  const segs = op.path.split('/');
  for (let i = 0; i < segs.length; i++) {
    const version = parseVersion(segs[i]);
    if (!version) continue;
    const rest = segs.map((s, j) => (j === i ? `<${version.kind}>` : s.startsWith('{') ? '{}' : s.toLowerCase()));
    return { key: `${op.method} ${rest.join('/')}`, version, prefix: segs.slice(0, i + 1).join('/') };
  }
  return undefined;
}

export default defineDesignCheck({
  id: 'old-version-side-by-side',
  title: 'Old version of an operation documented beside the new one',
  severity: 'low',
  confidence: 'medium',
  owasp: ['API9:2023'],
  cwe: ['CWE-1059'],
  messages: {
    older:
      'Operations under "{{oldPrefix}}" (such as {{old}}) are still documented beside their newer versions under "{{newPrefix}}" (such as {{new}}) and are not marked deprecated: old versions tend to keep the bugs and weaker controls the new one fixed. Deprecate them with a sunset date, or retire them.',
  },
  docs: {
    description:
      'Groups operations that differ only by a version segment in their path (/v1/users and /v2/users, /api/v1beta1/jobs and /api/v1/jobs, /2010-04-01/... and /2023-10-16/...) and finds each older one that is not marked `deprecated`. One finding per pair of old and new version prefixes (for example /api/v1 beside /api/v2), at the first such operation, with the count and examples as evidence. A pre-release (alpha, beta, rc) newer version does not make a stable one old; an older pre-release is reported when any later version exists. Deprecated old operations are left to deprecated-without-sunset.',
    attack:
      'Old API versions are where attackers look first: they stay reachable long after clients moved on, are left out of monitoring, and miss the authorization checks, rate limits and input validation added to the new version (the 2023 OWASP top 10 cites a v1 API without the rate limiting of v2 being brute-forced). When the definition documents both, nothing tells consumers or the inventory that one is on its way out.',
    fix: 'Mark the old operation `deprecated: true`, announce a sunset date (a `Sunset` response header, RFC 8594, and an `x-sunset` extension), monitor its remaining traffic, and remove it from the gateway and the definition when the date passes. Keep an inventory of every version in production.',
  },
  create(ctx) {
    const families = new Map<string, Versioned[]>();
    return {
      operation(op) {
        if (op.kind !== 'path') return;
        const f = family(op);
        if (!f) return;
        const entry = { op, version: f.version, prefix: f.prefix };
        const list = families.get(f.key);
        if (list) list.push(entry);
        else families.set(f.key, [entry]);
      },
      done() {
        // (old prefix, new prefix) -> pairs of (old operation, newest operation), in document order.
        const pairs = new Map<string, { old: Versioned; newer: Versioned }[]>();
        for (const list of families.values()) {
          if (list.length < 2) continue;
          let newest = list[0];
          for (const v of list) if (compareVersions(v.version, newest.version) > 0) newest = v;
          // The newest stable version: a newer beta does not make a stable version old.
          let newestStable: Versioned | undefined;
          for (const v of list)
            if (v.version.stable && (!newestStable || compareVersions(v.version, newestStable.version) > 0)) newestStable = v;
          for (const v of list) {
            if (v.op.deprecated) continue;
            // Name the newest stable version when it is newer; a pre-release is only old beside anything newer.
            const stableNewer = newestStable && compareVersions(newestStable.version, v.version) > 0 ? newestStable : undefined;
            const newer = v.version.stable ? stableNewer : (stableNewer ?? newest);
            if (!newer || compareVersions(newer.version, v.version) <= 0) continue;
            const key = `${v.prefix}\0${newer.prefix}`;
            const group = pairs.get(key);
            if (group) group.push({ old: v, newer });
            else pairs.set(key, [{ old: v, newer }]);
          }
        }
        for (const group of pairs.values()) {
          // Prefer a resource operation over the version's root (discovery) path as the example.
          const { old, newer } = group.find((p) => p.old.op.path.length > p.old.prefix.length + 1) ?? group[0];
          const n = group.length;
          const examples = group
            .slice(0, EXAMPLES)
            .map((p) => `${opLabel(p.old.op)} -> ${opLabel(p.newer.op)}`)
            .join('; ');
          ctx.report({
            node: old.op.ref,
            messageId: 'older',
            data: { oldPrefix: old.prefix, newPrefix: newer.prefix, old: opLabel(old.op), new: opLabel(newer.op) },
            evidence: `${n} operation${n === 1 ? '' : 's'} with a newer version: ${examples}${n > EXAMPLES ? '; ...' : ''}`,
          });
        }
      },
    };
  },
});

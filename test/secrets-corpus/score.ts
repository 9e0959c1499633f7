// Scores a secret scanner's reports against the corpus labels (used by test/secrets-accuracy.test.ts
// and bench/secrets.ts, so that Rampart, gitleaks and secretlint are scored the same way).
//
// A report matches a positive label when it is in the same file (and, for history, the same commit)
// and its line range overlaps the label's. Precision counts distinct reported places (file + first line
// [+ commit]): a secret reported by two rules on one line is one true positive, not two; a place that
// matches no positive label is a false positive, named by the negative label it sits on, if any.
// Recall counts positive labels with at least one matching report.

import { readFileSync } from 'node:fs';
import type { Label } from './corpus.ts';

export interface Reported {
  file: string;
  startLine: number;
  endLine?: number;
  ruleId: string;
  /** Commit id (history scans): must equal the label's commit. */
  commit?: string;
  /** Anything else to show with a false positive (never the secret). */
  note?: string;
}

export interface ScoredLabel extends Label {
  commit?: string;
}

export interface KindScore {
  kind: string;
  total: number;
  found: number;
  /** Rule ids that found labels of this kind. */
  rules: Set<string>;
}

export interface FalsePositive {
  file: string;
  line: number;
  commit?: string;
  ruleIds: string[];
  /** The negative label at that place, or 'unlabelled'. */
  negativeKind: string;
}

export interface Score {
  positives: number;
  found: number;
  truePlaces: number;
  falsePlaces: number;
  precision: number;
  recall: number;
  perKind: KindScore[];
  perContext: KindScore[];
  /** Negative kinds that drew a false positive, with how many of their labels did. */
  perNegativeKind: { kind: string; total: number; flagged: number }[];
  misses: ScoredLabel[];
  falsePositives: FalsePositive[];
}

const norm = (p: string) => p.split('\\').join('/').replace(/^\.\//, '');

function overlaps(l: ScoredLabel, r: Reported): boolean {
  const lEnd = l.endLine ?? l.line;
  const rEnd = r.endLine ?? r.startLine;
  return r.startLine <= lEnd && rEnd >= l.line;
}

function sameCommit(l: ScoredLabel, r: Reported): boolean {
  if (l.commit === undefined && r.commit === undefined) return true;
  if (!l.commit || !r.commit) return false;
  return l.commit.startsWith(r.commit) || r.commit.startsWith(l.commit);
}

export function score(labels: readonly ScoredLabel[], reported: readonly Reported[]): Score {
  const byFile = new Map<string, ScoredLabel[]>();
  for (const l of labels) {
    const k = norm(l.file);
    const list = byFile.get(k);
    if (list) list.push(l);
    else byFile.set(k, [l]);
  }
  const found = new Map<ScoredLabel, Set<string>>();
  const places = new Map<string, { tp: boolean; fp?: FalsePositive }>();
  for (const r of reported) {
    const file = norm(r.file);
    const candidates = (byFile.get(file) ?? []).filter((l) => overlaps(l, r) && sameCommit(l, r));
    const hits = candidates.filter((l) => l.positive);
    const key = `${file}\0${r.startLine}\0${r.commit ?? ''}`;
    const place = places.get(key);
    if (hits.length) {
      for (const h of hits) {
        const s = found.get(h) ?? new Set<string>();
        s.add(r.ruleId);
        found.set(h, s);
      }
      if (!place) places.set(key, { tp: true });
      else place.tp = true;
      continue;
    }
    const neg = candidates.find((l) => !l.positive);
    if (place?.fp) {
      if (!place.fp.ruleIds.includes(r.ruleId)) place.fp.ruleIds.push(r.ruleId);
    } else if (!place) {
      places.set(key, {
        tp: false,
        fp: { file, line: r.startLine, commit: r.commit, ruleIds: [r.ruleId], negativeKind: neg?.kind ?? 'unlabelled' },
      });
    }
  }
  const positives = labels.filter((l) => l.positive);
  const truePlaces = [...places.values()].filter((p) => p.tp).length;
  const falsePositives = [...places.values()].filter((p) => !p.tp && p.fp).map((p) => p.fp as FalsePositive);
  const group = (key: (l: ScoredLabel) => string) => {
    const m = new Map<string, KindScore>();
    for (const l of positives) {
      const k = key(l);
      const e = m.get(k) ?? { kind: k, total: 0, found: 0, rules: new Set<string>() };
      e.total++;
      const rules = found.get(l);
      if (rules) {
        e.found++;
        for (const id of rules) e.rules.add(id);
      }
      m.set(k, e);
    }
    return [...m.values()].sort((a, b) => a.found / a.total - b.found / b.total || a.kind.localeCompare(b.kind));
  };
  const negTotals = new Map<string, { kind: string; total: number; flagged: number }>();
  for (const l of labels) {
    if (l.positive) continue;
    const e = negTotals.get(l.kind) ?? { kind: l.kind, total: 0, flagged: 0 };
    e.total++;
    negTotals.set(l.kind, e);
  }
  for (const fp of falsePositives) {
    if (fp.negativeKind === 'unlabelled') continue;
    const e = negTotals.get(fp.negativeKind);
    if (e) e.flagged++;
  }
  return {
    positives: positives.length,
    found: positives.filter((l) => found.has(l)).length,
    truePlaces,
    falsePlaces: falsePositives.length,
    precision: truePlaces + falsePositives.length === 0 ? 1 : truePlaces / (truePlaces + falsePositives.length),
    recall: positives.length === 0 ? 1 : positives.filter((l) => found.has(l)).length / positives.length,
    perKind: group((l) => l.kind),
    perContext: group((l) => l.context),
    perNegativeKind: [...negTotals.values()].filter((e) => e.flagged > 0).sort((a, b) => b.flagged - a.flagged),
    misses: positives.filter((l) => !found.has(l)),
    falsePositives: falsePositives.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
  };
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A plain-text report of a score (what the test and the benchmark print). */
export function formatScore(name: string, s: Score, opts: { perKind?: boolean; details?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(
    `${name}: precision ${pct(s.precision)} (${s.truePlaces} true / ${s.falsePlaces} false places), recall ${pct(s.recall)} (${s.found} of ${s.positives} secrets)`,
  );
  if (opts.perKind) {
    lines.push('  per kind (found/total, rules):');
    for (const k of s.perKind) {
      const mark = k.found === k.total ? ' ' : '!';
      lines.push(`  ${mark} ${k.kind.padEnd(26)} ${`${k.found}/${k.total}`.padStart(5)}  ${[...k.rules].sort().join(', ')}`);
    }
    lines.push('  per context (found/total):');
    lines.push(`    ${s.perContext.map((c) => `${c.kind} ${c.found}/${c.total}`).join(', ')}`);
  }
  if (opts.details) {
    if (s.misses.length) {
      lines.push(`  missed (${s.misses.length}):`);
      for (const m of s.misses)
        lines.push(
          `    ${m.file}:${m.line}${m.endLine ? `-${m.endLine}` : ''}${m.commit ? ` @${m.commit.slice(0, 8)}` : ''}  ${m.kind} (${m.context})`,
        );
    }
    if (s.falsePositives.length) {
      lines.push(`  false positives (${s.falsePositives.length}):`);
      for (const fp of s.falsePositives)
        lines.push(
          `    ${fp.file}:${fp.line}${fp.commit ? ` @${fp.commit.slice(0, 8)}` : ''}  ${fp.ruleIds.join(', ')}  on ${fp.negativeKind}`,
        );
    }
    if (s.perNegativeKind.length)
      lines.push(`  negative kinds flagged: ${s.perNegativeKind.map((n) => `${n.kind} ${n.flagged}/${n.total}`).join(', ')}`);
  }
  return lines.join('\n');
}

export function readLabels(path: string): Label[] {
  return JSON.parse(readFileSync(path, 'utf8')) as Label[];
}

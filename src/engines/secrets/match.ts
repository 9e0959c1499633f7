/**
 * The matches of a rule set in one text: the keyword prefilter picks the rules (and the windows) that can
 * match, encoded runs are decoded and scanned too, overlapping matches reduced to the most confident
 * rule. Apart from the engine (files, git, archives, reports) so that a caller that only matches text,
 * such as the detecting thread of `rampart logs`, loads only this.
 */
import { decodedRuns } from './decode.ts';
import { type KeywordEnds, type KeywordPrefilter, prefilterFor, ScanPlan } from './prefilter.ts';
import { patternReach } from './regex-length.ts';
import { runRule, runRuleIn } from './scan.ts';
import type { SecretMatch, SecretRule } from './types.ts';

export const CONFIDENCE_RANK = { high: 3, medium: 2, low: 1 } as const;

/** A match found inside an encoded run: reported at the run, and the message says how it was hidden. */
export interface EncodedMatch extends SecretMatch {
  encoding?: 'base64' | 'hex' | 'percent';
}

/**
 * The matches of `rules` in `text`, including secrets hidden in base64, hex or percent-encoded runs
 * (reported at the encoded run's position), with overlapping matches of several rules on one secret
 * reduced to the most confident rule. `keywordEnds` (without decoding only): the rules' keyword ends in
 * `text`, when the caller's own pass over it found them already.
 */
export function matchText(
  text: string,
  rules: readonly SecretRule[],
  options: { decode?: boolean; enabled?: Uint8Array; keywordEnds?: KeywordEnds } = {},
): SecretMatch[] {
  const out: SecretMatch[] = [];
  const decode = options.decode !== false;
  const runs = scanInto(text, rules, out, options.enabled, decode, decode ? undefined : options.keywordEnds);
  if (decode) {
    for (const run of decodedRuns(text, runs)) {
      const inner: SecretMatch[] = [];
      scanInto(run.text, rules, inner, options.enabled);
      for (const m of inner) {
        const found: EncodedMatch = { ruleId: m.ruleId, secret: m.secret, start: run.start, end: run.end, encoding: run.encoding };
        out.push(found);
      }
    }
  }
  return reduceOverlaps(out, rules);
}

/** Scans `text` and returns the base64 runs the keyword pass noted (a copy: the plan is reused). */
function scanInto(
  text: string,
  rules: readonly SecretRule[],
  out: SecretMatch[],
  enabled?: Uint8Array,
  runsToo = true,
  ends?: KeywordEnds,
): number[] {
  const set = compiledSet(rules);
  const { plan } = set;
  set.prefilter.plan(text, set.maxLen, plan, runsToo, set.bound, ends);
  for (let i = 0; i < rules.length; i++) {
    const mode = plan.mode[i];
    if (mode === 0 || (enabled && !enabled[i])) continue;
    if (mode === 2) runRule(text, rules[i], out);
    else {
      const w = plan.windows[i];
      for (let k = 0; k < w.length; k += 2) runRuleIn(text, rules[i], out, w[k], w[k + 1], set.pad[i]);
    }
  }
  return plan.runs.slice();
}

interface CompiledSet {
  prefilter: KeywordPrefilter;
  /** Longest match of each rule, or Infinity when it must run on the whole text. */
  maxLen: Float64Array;
  /** Context each window needs on each side, for the rule's lookarounds and word boundaries. */
  pad: Float64Array;
  /** Fills in rule i's maxLen and pad (NaN until its keyword is first seen) and returns its maxLen. */
  bound: (i: number) => number;
  plan: ScanPlan;
}

/** Context kept on each side of a window at least (word boundaries look one character away). */
const MIN_PAD = 16;

const compiledSets = new WeakMap<readonly SecretRule[], CompiledSet>();

function compiledSet(rules: readonly SecretRule[]): CompiledSet {
  let c = compiledSets.get(rules);
  if (!c) {
    // Each rule's bounds are worked out the first time its keyword is seen (NaN until then): trying every
    // rule's samples up front cost a short scan (a pre-commit hook's) about 0.1 s for rules that never ran.
    const maxLen = new Float64Array(rules.length).fill(Number.NaN);
    const pad = new Float64Array(rules.length).fill(Number.NaN);
    const bound = (i: number): number => {
      const r = rules[i];
      const reach = patternReach(r.pattern);
      const context = Math.max(reach.behind, reach.ahead);
      const ok = windowable(r) && Number.isFinite(reach.length) && Number.isFinite(context);
      maxLen[i] = ok ? reach.length : Number.POSITIVE_INFINITY;
      pad[i] = ok ? Math.max(MIN_PAD, context + 1) : 0;
      return maxLen[i];
    };
    c = { prefilter: prefilterFor(rules), maxLen, pad, bound, plan: new ScanPlan(rules.length) };
    compiledSets.set(rules, c);
  }
  return c;
}

/**
 * A rule may run on windows around its keywords only if every match contains a keyword, as the rule
 * convention says. Its own true-positive samples are the evidence: if one matches without a keyword
 * inside the match, the rule runs on the whole text (slower, never wrong).
 */
function windowable(rule: SecretRule): boolean {
  if (rule.keywords.length === 0) return false;
  const re = new RegExp(rule.pattern.source, rule.pattern.flags.replace(/[gy]/g, ''));
  for (const s of rule.samples.tp) {
    const m = re.exec(s.text);
    if (!m) continue;
    const lower = m[0].toLowerCase();
    if (!rule.keywords.some((k) => lower.includes(k))) return false;
  }
  return true;
}

const rankCache = new WeakMap<readonly SecretRule[], Map<string, number>>();

/** Two rules that match overlapping text found one secret: keep the most confident, then most severe. */
function reduceOverlaps(matches: SecretMatch[], rules: readonly SecretRule[]): SecretMatch[] {
  if (matches.length < 2) return matches;
  let rank = rankCache.get(rules);
  if (!rank) {
    rank = new Map();
    for (const r of rules)
      rank.set(r.id, CONFIDENCE_RANK[r.confidence] * 10 + (5 - ['critical', 'high', 'medium', 'low', 'info'].indexOf(r.severity)));
    rankCache.set(rules, rank);
  }
  const rk = rank;
  matches.sort((a, b) => a.start - b.start || b.end - a.end || (rk.get(b.ruleId) ?? 0) - (rk.get(a.ruleId) ?? 0));
  const kept: SecretMatch[] = [];
  for (const m of matches) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) {
      if (last.secret === m.secret && last.ruleId === m.ruleId) continue;
      // Overlap: the same secret seen by two rules (a provider rule and a generic one, say).
      if ((rk.get(m.ruleId) ?? 0) > (rk.get(last.ruleId) ?? 0)) kept[kept.length - 1] = m;
      continue;
    }
    kept.push(m);
  }
  return kept;
}

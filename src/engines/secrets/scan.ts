import { prefilterFor } from './prefilter.ts';
import { entropy } from './redact.ts';
import type { SecretMatch, SecretRule } from './types.ts';

/** Placeholders and variable references that are never secrets, whatever rule matched them. */
const PLACEHOLDER = [
  /^(?:x{4,}|\*{4,}|0{8,}|\.{3,}|-{4,})$/i,
  /^<[^>]{1,80}>$/,
  /^\$\{[^}]{1,120}\}$/,
  /^\$\{\{[^}]{1,120}\}\}$/,
  /^\{\{[^}]{1,120}\}\}$/,
  /^%[A-Z_][A-Z0-9_]{0,80}%$/,
  /^\$[A-Z_][A-Z0-9_]{0,80}$/,
  /(?:your|my|the)[_-]?(?:api[_-]?)?(?:key|token|secret|password)/i,
  /^(?:changeme|change_me|password|secret|example|dummy|sample|placeholder|redacted|null|undefined|none|test|todo)$/i,
];

export function isPlaceholder(secret: string): boolean {
  return PLACEHOLDER.some((p) => p.test(secret));
}

interface Compiled {
  rule: SecretRule;
  re: RegExp;
  /** The same pattern with match indices, sticky: only to place a secret group that `re` cannot. */
  indexed: RegExp | undefined;
}

const compiled = new WeakMap<SecretRule, Compiled>();

/**
 * Rules whose patterns come from users: they may backtrack, so they must stay runnable on V8's linear
 * engine, which has no match indices (`d`).
 */
const userRules = new WeakSet<SecretRule>();

export function markUserRule(rule: SecretRule): void {
  userRules.add(rule);
}

function compile(rule: SecretRule): Compiled {
  let c = compiled.get(rule);
  if (!c) {
    const flags = rule.pattern.flags.replace(/[gyd]/g, '');
    c = { rule, re: new RegExp(rule.pattern.source, `${flags}g`), indexed: undefined };
    compiled.set(rule, c);
  }
  return c;
}

/**
 * The span of the secret of match `m` in the string it was found in. Without match indices (they cost
 * and the linear engine lacks them): the secret group is found in the match text when it occurs there
 * once; otherwise (it repeats, or a lookbehind captured it outside the match) the match is re-run at
 * the same place with indices.
 */
function secretSpan(c: Compiled, m: RegExpExecArray, s: string, secret: string): [number, number] {
  if (m.groups?.secret === undefined) return [m.index, m.index + m[0].length];
  const k = m[0].indexOf(secret);
  if (k !== -1 && m[0].indexOf(secret, k + 1) === -1) return [m.index + k, m.index + k + secret.length];
  if (userRules.has(c.rule)) return k === -1 ? [m.index, m.index + m[0].length] : [m.index + k, m.index + k + secret.length];
  c.indexed ??= new RegExp(c.re.source, `${c.re.flags.replace('g', '')}dy`);
  c.indexed.lastIndex = m.index;
  const again = c.indexed.exec(s);
  const span = again?.indices?.groups?.secret;
  return span ? [span[0], span[1]] : [m.index, m.index + m[0].length];
}

/**
 * Finds the secrets of `rules` in `text`. Rules whose keywords are absent are skipped (one pass of a
 * keyword automaton over the text decides which, see prefilter.ts); each remaining pattern runs once
 * over the whole text (secrets such as PEM keys span lines).
 */
export function scanText(text: string, rules: readonly SecretRule[]): SecretMatch[] {
  const prefilter = prefilterFor(rules);
  const hit = new Uint8Array(rules.length);
  prefilter.candidates(text, hit);
  const out: SecretMatch[] = [];
  for (let i = 0; i < rules.length; i++) if (hit[i]) runRule(text, rules[i], out);
  return out.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}

/** Runs one rule's pattern over `text` and appends the matches that pass its filters to `out`. */
export function runRule(text: string, rule: SecretRule, out: SecretMatch[]): void {
  runRuleIn(text, rule, out, 0, text.length);
}

/**
 * Runs one rule's pattern over `text[from, to)` only: the matches that lie inside that span are kept
 * (with offsets into `text`). The pattern sees `pad` characters of context on each side (enough for
 * its lookarounds and word boundaries), so it behaves at the span's edges as on the whole text.
 */
export function runRuleIn(text: string, rule: SecretRule, out: SecretMatch[], from: number, to: number, pad = 0): void {
  const c = compile(rule);
  const { re } = c;
  const whole = from === 0 && to === text.length;
  const a = whole ? 0 : Math.max(0, from - pad);
  const b = whole ? text.length : Math.min(text.length, to + pad);
  const sub = whole ? text : text.slice(a, b);
  const lo = from - a;
  const hi = to - a;
  re.lastIndex = lo;
  for (let m = re.exec(sub); m; m = re.exec(sub)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (m.index + m[0].length > hi) break;
    const secret = m.groups?.secret ?? m[0];
    if (!secret) continue;
    if (rule.minEntropy !== undefined && entropy(secret) < rule.minEntropy) continue;
    if (isPlaceholder(secret)) continue;
    if (rule.allow?.some((x) => x.test(secret))) continue;
    if (rule.validate && !rule.validate(secret)) continue;
    const span = secretSpan(c, m, sub, secret);
    out.push({ ruleId: rule.id, secret, start: span[0] + a, end: span[1] + a });
  }
}

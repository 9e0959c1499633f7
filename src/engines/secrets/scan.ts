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
}

const compiled = new WeakMap<SecretRule, Compiled>();

function compile(rule: SecretRule): Compiled {
  let c = compiled.get(rule);
  if (!c) {
    const flags = `${rule.pattern.flags.replace(/[gy]/g, '')}gd`;
    c = { rule, re: new RegExp(rule.pattern.source, flags) };
    compiled.set(rule, c);
  }
  return c;
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

/** Context kept on each side of a window, for `\b` and lookarounds at its edges. */
const WINDOW_PAD = 64;

/**
 * Runs one rule's pattern over `text[from, to)` only: the matches that lie inside that span are kept
 * (with offsets into `text`). The pattern sees WINDOW_PAD characters of context on each side, so word
 * boundaries and lookarounds at the span's edges behave as they do on the whole text.
 */
export function runRuleIn(text: string, rule: SecretRule, out: SecretMatch[], from: number, to: number): void {
  const { re } = compile(rule);
  const whole = from === 0 && to === text.length;
  const a = whole ? 0 : Math.max(0, from - WINDOW_PAD);
  const b = whole ? text.length : Math.min(text.length, to + WINDOW_PAD);
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
    const span = (m.indices?.groups?.secret ?? m.indices?.[0]) as [number, number];
    if (!secret || !span) continue;
    if (rule.minEntropy !== undefined && entropy(secret) < rule.minEntropy) continue;
    if (isPlaceholder(secret)) continue;
    if (rule.allow?.some((x) => x.test(secret))) continue;
    if (rule.validate && !rule.validate(secret)) continue;
    out.push({ ruleId: rule.id, secret, start: span[0] + a, end: span[1] + a });
  }
}

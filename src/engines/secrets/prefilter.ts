import type { SecretRule } from './types.ts';

/**
 * A keyword prefilter: one Aho-Corasick automaton over the keywords of every rule, run once over a text,
 * answers "which rules can match here?" in one pass (instead of one `includes` per keyword). The
 * automaton is a dense DFA over ASCII with case folding built into the table, so the text needs no
 * lowercase copy; a non-ASCII character resets it (keywords are ASCII; one that is not falls back to
 * `includes`).
 */
export class KeywordPrefilter {
  /** Rules without keywords: they always run. */
  readonly always: number[];
  private readonly delta: Int32Array;
  /** For each state, the index into `outputs` of its rule list, or -1. */
  private readonly out: Int32Array;
  private readonly outputs: number[][];
  /** Keywords that are not ASCII, checked with `includes` on a lowercase copy. */
  private readonly slow: { keyword: string; rules: number[] }[];
  readonly ruleCount: number;

  constructor(keywordsOf: readonly (readonly string[])[]) {
    this.ruleCount = keywordsOf.length;
    this.always = [];
    const byKeyword = new Map<string, number[]>();
    keywordsOf.forEach((kws, i) => {
      if (kws.length === 0) {
        this.always.push(i);
        return;
      }
      for (const k of kws) {
        const kw = k.toLowerCase();
        if (kw === '') {
          this.always.push(i);
          continue;
        }
        const list = byKeyword.get(kw) ?? [];
        if (!list.includes(i)) list.push(i);
        byKeyword.set(kw, list);
      }
    });
    this.slow = [];
    // Trie
    const goto: Map<number, number>[] = [new Map()];
    const outSets: Set<number>[] = [new Set()];
    for (const [kw, rules] of byKeyword) {
      if (!/^[\x20-\x7e]+$/.test(kw)) {
        this.slow.push({ keyword: kw, rules });
        continue;
      }
      let s = 0;
      for (let j = 0; j < kw.length; j++) {
        const c = kw.charCodeAt(j);
        let next = goto[s].get(c);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          outSets.push(new Set());
          goto[s].set(c, next);
        }
        s = next;
      }
      for (const r of rules) outSets[s].add(r);
    }
    const n = goto.length;
    const delta = new Int32Array(n * 128);
    const fail = new Int32Array(n);
    // BFS to fill failure links and the full transition table.
    const queue: number[] = [];
    for (let c = 0; c < 128; c++) {
      const t = goto[0].get(c);
      if (t !== undefined) {
        delta[c] = t;
        fail[t] = 0;
        queue.push(t);
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      for (const r of outSets[fail[s]]) outSets[s].add(r);
      for (let c = 0; c < 128; c++) {
        const t = goto[s].get(c);
        if (t !== undefined) {
          fail[t] = delta[fail[s] * 128 + c];
          delta[s * 128 + c] = t;
          queue.push(t);
        } else delta[s * 128 + c] = delta[fail[s] * 128 + c];
      }
    }
    // Case folding: an upper-case letter moves like its lower-case twin.
    for (let s = 0; s < n; s++) for (let c = 65; c <= 90; c++) delta[s * 128 + c] = delta[s * 128 + c + 32];
    this.delta = delta;
    this.out = new Int32Array(n).fill(-1);
    this.outputs = [];
    for (let s = 0; s < n; s++) {
      if (outSets[s].size) {
        this.out[s] = this.outputs.length;
        this.outputs.push([...outSets[s]]);
      }
    }
  }

  /** Marks `hit[i] = 1` for every rule i that can match `text` (its keywords occur, or it has none). */
  candidates(text: string, hit: Uint8Array): void {
    hit.fill(0);
    for (const i of this.always) hit[i] = 1;
    const { delta, out, outputs } = this;
    let s = 0;
    let remaining = this.outputs.length;
    const seen = new Uint8Array(outputs.length);
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      s = c < 128 ? delta[(s << 7) | c] : 0;
      const o = out[s];
      if (o >= 0 && seen[o] === 0) {
        seen[o] = 1;
        for (const r of outputs[o]) hit[r] = 1;
        // Every keyword seen: nothing more to learn from the rest of the text.
        if (--remaining === 0) break;
      }
    }
    if (this.slow.length) {
      const lower = text.toLowerCase();
      for (const { keyword, rules } of this.slow) if (lower.includes(keyword)) for (const r of rules) hit[r] = 1;
    }
  }
}

/** The prefilter of a rule set, built once per rules array. */
const cache = new WeakMap<readonly SecretRule[], KeywordPrefilter>();

export function prefilterFor(rules: readonly SecretRule[]): KeywordPrefilter {
  let p = cache.get(rules);
  if (!p) {
    p = new KeywordPrefilter(rules.map((r) => r.keywords));
    cache.set(rules, p);
  }
  return p;
}

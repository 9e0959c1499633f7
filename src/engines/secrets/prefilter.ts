import type { SecretRule } from './types.ts';

/** Shortest run of base64 characters worth decoding. */
export const MIN_RUN = 16;
/** Shortest run of hex digits worth decoding. */
export const MIN_HEX_RUN = 32;

/**
 * Classes of the characters of base64 (standard and URL-safe) runs, as bits: a run is worth decoding
 * when it mixes lower case, upper case and digits (base64 of text does; identifiers and words do not),
 * or when it is all hex digits (RUN_NONHEX never set) and long enough.
 */
export const RUN_LOWER = 1;
export const RUN_UPPER = 2;
export const RUN_DIGIT = 4;
export const RUN_NONHEX = 8;
export const RUN_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[a-z]/.test(ch)) RUN_CLASS[c] = RUN_LOWER | (/[a-f]/.test(ch) ? 0 : RUN_NONHEX);
  else if (/[A-Z]/.test(ch)) RUN_CLASS[c] = RUN_UPPER | (/[A-F]/.test(ch) ? 0 : RUN_NONHEX);
  else if (/[0-9]/.test(ch)) RUN_CLASS[c] = RUN_DIGIT;
  else if (/[+/_-]/.test(ch)) RUN_CLASS[c] = RUN_NONHEX | 16;
}

/** 1 for a run of base64 to decode, 2 for a run of hex, 0 for neither (a word, an identifier). */
export function runKind(length: number, mask: number): number {
  if ((mask & RUN_NONHEX) === 0) return length >= MIN_HEX_RUN ? 2 : 0;
  return length >= MIN_RUN && (mask & (RUN_LOWER | RUN_UPPER | RUN_DIGIT)) === (RUN_LOWER | RUN_UPPER | RUN_DIGIT) ? 1 : 0;
}

/**
 * Keyword ends found by a pass of the caller's own (the logs engine reads them in the same pass as its
 * candidate lines): flat [output, position] pairs in order of position, `count` numbers used. Outputs
 * are the prefilter's (`output(state)`).
 */
export interface KeywordEnds {
  at: Int32Array;
  count: number;
}

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
  /**
   * The transitions of `plan`, packed so that one load per character gives everything: bits 8+ the
   * next state times 128 (the row of the next lookup), bit 7 "the next state has an output", bits 0-4
   * the character's base64 run class (RUN_CLASS).
   */
  private readonly packed: Int32Array;
  /** `packed` without the run classes: for a caller that decodes nothing, runs are not tracked at all. */
  private readonly packedNoRuns: Int32Array;
  /** The second stream's keyword ends of `keywordEnds` ([output, position] pairs), reused. */
  private laterEnds = new Int32Array(4096);
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
    if (n * 128 >= 1 << 23) throw new Error(`too many keyword states (${n}) for the packed automaton`);
    const packed = new Int32Array(n * 128);
    for (let i = 0; i < n * 128; i++) {
      const next = delta[i];
      packed[i] = ((next << 7) << 8) | (this.out[next] >= 0 ? 128 : 0) | RUN_CLASS[i & 127];
    }
    this.packed = packed;
    this.packedNoRuns = packed.map((d) => d & ~31);
  }

  /** Number of states of the automaton (the start state is 0). */
  get states(): number {
    return this.out.length;
  }

  /** The state after `state` reads character code `c` (a character outside ASCII leads back to 0). */
  next(state: number, c: number): number {
    return c < 128 ? this.delta[state * 128 + c] : 0;
  }

  /** The output of `state` (what `KeywordEnds` records), or -1 when no keyword ends there. */
  output(state: number): number {
    return this.out[state];
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

  /**
   * Which rules can match `text`, and where. `maxLen[r]` is the longest match of rule r (Infinity:
   * unknown); every match of a rule contains one of its keywords, so a rule with a finite bound needs
   * only the windows `[end of keyword - maxLen, end of keyword + maxLen]` around its keyword
   * occurrences. Overlapping windows are merged; when they would cover much of the text, the rule
   * runs on the whole text instead. Fills `plan.mode` (0: skip, 1: windows, 2: whole text) and
   * `plan.windows[r]` (flat [start, end, start, end...]). `runsToo`: also note the base64 runs in
   * `plan.runs` (a caller that decodes nothing saves a third of the pass). A `maxLen[r]` of NaN is not
   * known yet: `bound(r)` works it out (and stores it) the first time rule r's keyword is seen.
   * `ends`: the keyword ends of `text`, read by the caller already (no runs are noted then).
   */
  plan(
    text: string,
    maxLen: ArrayLike<number>,
    plan: ScanPlan,
    runsToo = true,
    bound?: (rule: number) => number,
    ends?: KeywordEnds,
  ): void {
    const { mode, windows, covered } = plan;
    mode.fill(0);
    covered.fill(0);
    for (const w of windows) w.length = 0;
    for (const i of this.always) mode[i] = 2;
    const { out, outputs } = this;
    const n = text.length;
    const budget = n / 3;
    // Outputs whose rules all run on the whole text already: nothing more to record for them.
    const done = new Uint8Array(outputs.length);
    /** Windows for the rules of output `o`, whose keywords end at `i` (called in order of `i`). */
    const keywordEnd = (o: number, i: number): void => {
      if (done[o] === 1) return;
      let allWhole = true;
      for (const r of outputs[o]) {
        if (mode[r] === 2) continue;
        let len = maxLen[r];
        if (bound && Number.isNaN(len)) len = bound(r);
        if (len === Number.POSITIVE_INFINITY) {
          mode[r] = 2;
          continue;
        }
        allWhole = false;
        const a = Math.max(i - len, 0);
        const b = Math.min(i + len + 1, n);
        const w = windows[r];
        mode[r] = 1;
        if (w.length && a <= w[w.length - 1]) {
          covered[r] += b - w[w.length - 1];
          w[w.length - 1] = b;
        } else {
          w.push(a, b);
          covered[r] += b - a;
        }
        if (covered[r] > budget) {
          mode[r] = 2;
          w.length = 0;
        }
      }
      if (allWhole) done[o] = 1;
    };
    const runs = plan.runs;
    runs.length = 0;
    if (ends) {
      const at = ends.at;
      for (let j = 0; j < ends.count; j += 2) keywordEnd(at[j], at[j + 1]);
      this.slowKeywords(text, mode);
      return;
    }
    if (!runsToo) {
      this.keywordEnds(text, keywordEnd);
      this.slowKeywords(text, mode);
      return;
    }
    const packed = this.packed;
    // The same pass notes runs of base64 characters (hex runs among them) for the decoder.
    let runStart = -1;
    let mask = 0;
    // The row of the current state in `packed` (state * 128).
    let row = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      // A non-ASCII character: back to the start state, not a base64 character, no output.
      const d = c < 128 ? packed[row | c] : 0;
      row = d >>> 8;
      const k = d & 31;
      if (k !== 0) {
        if (runStart < 0) {
          runStart = i;
          mask = 0;
        }
        mask |= k;
      } else if (runStart >= 0) {
        if (i - runStart >= MIN_RUN) {
          const kind = runKind(i - runStart, mask);
          if (kind) runs.push(runStart, i, kind);
        }
        runStart = -1;
      }
      if ((d & 128) !== 0) keywordEnd(out[row >>> 7], i);
    }
    if (runStart >= 0 && runKind(n - runStart, mask)) runs.push(runStart, n, runKind(n - runStart, mask));
    this.slowKeywords(text, mode);
  }

  /**
   * Calls `found(output, i)` for every keyword end in `text`, in order of `i` (no runs noted). The text
   * is read as two streams at once, from its start and from the line that starts nearest its middle:
   * each character's step waits for the one before it (the next state is looked up from the last), so
   * two independent lookups a step take little longer than one. A keyword never holds a line break, so
   * the second stream starts in the start state, as the single pass would be there; its keyword ends are
   * kept and reported after the first stream's.
   */
  private keywordEnds(text: string, found: (output: number, i: number) => void): void {
    const packed = this.packedNoRuns;
    const out = this.out;
    const n = text.length;
    const mid = secondStream(text);
    // The second stream starts past the middle: it is never the longer one.
    const both = n - mid;
    let later = this.laterEnds;
    let count = 0;
    let a = 0;
    let b = 0;
    for (let k = 0; k < both; k++) {
      const ca = text.charCodeAt(k);
      const cb = text.charCodeAt(mid + k);
      const da = ca < 128 ? packed[a | ca] : 0;
      const db = cb < 128 ? packed[b | cb] : 0;
      a = da >>> 8;
      b = db >>> 8;
      if ((da & 128) !== 0) found(out[a >>> 7], k);
      if ((db & 128) !== 0) {
        if (count + 2 > later.length) {
          const grown = new Int32Array(later.length * 2);
          grown.set(later);
          later = this.laterEnds = grown;
        }
        later[count++] = out[b >>> 7];
        later[count++] = mid + k;
      }
    }
    for (let i = both; i < mid; i++) {
      const c = text.charCodeAt(i);
      const d = c < 128 ? packed[a | c] : 0;
      a = d >>> 8;
      if ((d & 128) !== 0) found(out[a >>> 7], i);
    }
    for (let j = 0; j < count; j += 2) found(later[j], later[j + 1]);
  }

  /** Rules with a keyword that is not ASCII run on the whole text when it occurs. */
  private slowKeywords(text: string, mode: Uint8Array): void {
    if (!this.slow.length) return;
    const lower = text.toLowerCase();
    for (const { keyword, rules } of this.slow) if (lower.includes(keyword)) for (const r of rules) mode[r] = 2;
  }
}

/**
 * Where the second stream of a two-stream pass over `text` starts: at the line that starts nearest its
 * middle, or at its end (one stream) for a text of 4 KiB or less or without a line break there. Every
 * automaton read this way (keywords, candidate lines) is in its start state at a line's start.
 */
export function secondStream(text: string): number {
  const n = text.length;
  const nl = n > 4096 ? text.indexOf('\n', n >> 1) : -1;
  return nl < 0 ? n : nl + 1;
}

/** Where each rule of a set runs in one text (see `KeywordPrefilter.plan`); reused across texts. */
export class ScanPlan {
  /** Runs worth decoding: flat [start, end, kind (1 base64, 2 hex)...], see `runKind`. */
  readonly runs: number[] = [];
  readonly mode: Uint8Array;
  readonly windows: number[][];
  readonly covered: Float64Array;
  constructor(ruleCount: number) {
    this.mode = new Uint8Array(ruleCount);
    this.windows = Array.from({ length: ruleCount }, () => []);
    this.covered = new Float64Array(ruleCount);
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

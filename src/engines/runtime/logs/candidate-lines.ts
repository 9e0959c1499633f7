/**
 * Which lines of a batch may hold anything detectLine finds: the lines where CANDIDATE or CRED_HINT
 * (detect.ts) matches, found with a DFA instead of the regular expression engine. Irregexp tries the
 * patterns at every position of the batch, and most positions of an access log are digits some
 * pattern starts with: that cost a third of the detecting thread. A DFA reads each character once,
 * with one table lookup.
 *
 * The DFA is built lazily from the patterns' NFA (refa), one state the first time the text leads to it:
 * the full automaton has thousands of states, log lines visit a few hundred. `\b` is read as always
 * true, so the automaton marks a superset of the lines the patterns match (detectLine decides). Past
 * `maxStates` a line that needs a new state is marked too: memory stays bounded on hostile input.
 */
import { JS, NFA } from 'refa';
import { type KeywordEnds, type KeywordPrefilter, secondStream } from '../../secrets/prefilter.ts';

/** DFA states kept by default (each a row of one Int32 entry per character class). */
const MAX_STATES = 4096;

type Node = NFA.ReadonlyNode;

/** The NFA of "a match of `re` ends here", from any position of a line (`re` holds no line break). */
function searchNfa(re: RegExp): NFA {
  const flags = re.flags.replace(/[gy]/g, '');
  const { expression, maxCharacter } = JS.Parser.fromLiteral({ source: String.raw`[^\n]*(?:${re.source})`, flags }).parse({
    assertions: 'ignore',
  });
  return NFA.fromRegex(expression, { maxCharacter }, { assertions: 'ignore' });
}

export class LineAutomaton {
  /** Character class of each UTF-16 code unit: characters of one class lead every state to the same state. */
  private readonly classOf: Uint8Array;
  /** One character of each class (what the NFA is asked about). */
  private readonly sample: number[];
  private readonly classes: number;
  private readonly newline: number;
  /**
   * Row s * classes + class: the next state's row start << 1, plus 1 when a match ends there (the line
   * is a candidate); -1 not computed yet (odd too: the loop tests one bit for both rare cases).
   */
  private readonly table: Int32Array;
  /** The NFA states of each DFA state. */
  private readonly sets: Node[][] = [];
  private readonly stateOf = new Map<string, number>();
  private readonly nodeId = new Map<Node, number>();
  private readonly finals: ReadonlySet<Node>;
  /** The row start of the state after a match (nothing more to find on the line); the start state's is 0. */
  private readonly matched: number;
  /** Match positions of the two streams of `mark`, reused. */
  private hits: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private laterHits: Int32Array<ArrayBuffer> = new Int32Array(1024);

  private readonly maxStates: number;

  /** `patterns`: none may match a line break. */
  constructor(patterns: readonly RegExp[], maxStates = MAX_STATES) {
    this.maxStates = maxStates;
    const [first, ...rest] = patterns.map(searchNfa);
    for (const other of rest) first.union(other);
    const nfa = first;
    this.finals = nfa.finals;
    // Character classes: the intervals between the edges' range bounds, grouped by which edge sets hold them.
    const sets: { has(c: number): boolean; ranges: readonly { min: number; max: number }[] }[] = [];
    const seen = new Set<string>();
    this.nodeId.set(nfa.initial, 0);
    const queue: Node[] = [nfa.initial];
    for (const n of queue) {
      for (const [to, cs] of n.out) {
        const key = cs.toRangesString();
        if (!seen.has(key)) {
          seen.add(key);
          sets.push(cs);
        }
        if (!this.nodeId.has(to)) {
          this.nodeId.set(to, this.nodeId.size);
          queue.push(to);
        }
      }
    }
    const bounds = new Set([0, 10, 11, 0x10000]);
    for (const cs of sets) for (const r of cs.ranges) bounds.add(r.min).add(r.max + 1);
    const sorted = [...bounds].sort((a, b) => a - b);
    this.classOf = new Uint8Array(0x10000);
    this.sample = [];
    const classBySignature = new Map<string, number>();
    for (let i = 0; i + 1 < sorted.length; i++) {
      const c = sorted[i];
      const signature = c === 10 ? 'newline' : sets.map((cs) => (cs.has(c) ? '1' : '0')).join('');
      let k = classBySignature.get(signature);
      if (k === undefined) {
        k = this.sample.length;
        if (k > 255) throw new Error('line automaton: more than 256 character classes');
        classBySignature.set(signature, k);
        this.sample.push(c);
      }
      this.classOf.fill(k, c, sorted[i + 1]);
    }
    this.classes = this.sample.length;
    this.newline = this.classOf[10];
    this.table = new Int32Array((maxStates + 1) * this.classes).fill(-1);
    this.intern([nfa.initial]);
    // After a match the line is marked: stay put until its end (a state of no NFA states, made here).
    this.matched = this.sets.length * this.classes;
    this.sets.push([]);
    this.table.fill(this.matched << 1, this.matched, this.matched + this.classes);
    this.table[this.matched + this.newline] = 0;
  }

  /** The row start of the DFA state made of these NFA states, made on first sight; -1 past maxStates. */
  private intern(set: Node[]): number {
    const key = set
      .map((n) => this.nodeId.get(n) as number)
      .sort((a, b) => a - b)
      .join(',');
    let s = this.stateOf.get(key);
    if (s === undefined) {
      if (this.sets.length >= this.maxStates) return -1;
      s = this.sets.length * this.classes;
      this.sets.push(set);
      this.stateOf.set(key, s);
      // A line break leads back to the start state (row 0): a new line.
      this.table[s + this.newline] = 0;
    }
    return s;
  }

  /** The character class of UTF-16 code unit `c`. */
  classAt(c: number): number {
    return this.classOf[c];
  }

  /**
   * Where state row `s` goes on class `k`: the next state's row << 1, plus 1 when a match ends there
   * (made on first use).
   */
  entry(s: number, k: number): number {
    const d = this.table[s + k];
    return d < 0 ? this.step(s, k) : d;
  }

  /** The table entry of state row `s` on class `k`, computed and stored on first use. */
  private step(s: number, k: number): number {
    const c = this.sample[k];
    const next = new Set<Node>();
    let match = false;
    for (const n of this.sets[s / this.classes]) {
      for (const [to, cs] of n.out) {
        if (!cs.has(c) || next.has(to)) continue;
        next.add(to);
        if (this.finals.has(to)) match = true;
      }
    }
    const to = match ? -1 : this.intern([...next]);
    // A match, or no room for a new state: the line is a candidate.
    const entry = to < 0 ? (this.matched << 1) | 1 : to << 1;
    this.table[s + k] = entry;
    return entry;
  }

  /**
   * Sets into[i] = 1 for each line i of `text` (lines joined by `\n`, line i starting at `starts[i]`)
   * where a pattern matches. The text is read as two streams, from its start and from the line nearest
   * its middle: each step waits for the lookup before it, so two independent lookups a step take
   * little longer than one.
   */
  mark(text: string, starts: Int32Array, into: Uint8Array): void {
    const { table, classOf } = this;
    const mid = secondStream(text);
    const both = text.length - mid;
    let hits = this.hits;
    let later = this.laterHits;
    let count = 0;
    let laterCount = 0;
    let a = 0;
    let b = 0;
    for (let i = 0; i < both; i++) {
      const ka = classOf[text.charCodeAt(i)];
      const kb = classOf[text.charCodeAt(mid + i)];
      let da = table[a + ka];
      let db = table[b + kb];
      // Rare: a match, or a step not computed yet (-1), in either stream: one test for both.
      if (((da | db) & 1) !== 0) {
        if (da < 0) da = this.step(a, ka);
        if (db < 0) db = this.step(b, kb);
        if ((da & 1) !== 0) {
          if (count === hits.length) hits = this.hits = grown(hits);
          hits[count++] = i;
        }
        if ((db & 1) !== 0) {
          if (laterCount === later.length) later = this.laterHits = grown(later);
          later[laterCount++] = mid + i;
        }
      }
      a = da >> 1;
      b = db >> 1;
    }
    // The rest of the first stream (the second starts past the middle: it is never the longer one).
    for (let i = both; i < mid; i++) {
      const k = classOf[text.charCodeAt(i)];
      let d = table[a + k];
      if ((d & 1) === 0) {
        a = d >> 1;
        continue;
      }
      if (d < 0) d = this.step(a, k);
      a = d >> 1;
      if ((d & 1) === 0) continue;
      if (count === hits.length) hits = this.hits = grown(hits);
      hits[count++] = i;
    }
    markLines(hits, count, later, laterCount, starts, into);
  }
}

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const g = new Int32Array(a.length * 2);
  g.set(a);
  return g;
}

/** Marks the lines holding the match positions of both streams (each list in order, the first's before). */
function markLines(hits: Int32Array, count: number, later: Int32Array, laterCount: number, starts: Int32Array, into: Uint8Array): void {
  let li = 0;
  for (let j = 0; j < count + laterCount; j++) {
    const at = j < count ? hits[j] : later[j - count];
    while (li + 1 < starts.length && starts[li + 1] <= at) li++;
    into[li] = 1;
  }
}

/** States of the product automaton kept by default. */
const MAX_PAIRS = 8192;

/**
 * Candidate lines and the secret rules' keyword ends in one pass over a batch: the product of the
 * candidate automaton and the keyword prefilter's Aho-Corasick automaton (states are pairs of theirs,
 * made lazily like the candidate automaton's). Each of the two passes spent most of its time on the
 * table lookup each character waits for; the product does one lookup per character for both. Its
 * character classes tell apart what either automaton tells apart. Past `maxPairs` states it gives up
 * for good (`mark` answers false): the caller runs the two passes apart, as without it.
 */
export class CandidatesAndKeywords {
  private readonly lines: LineAutomaton;
  private readonly keywords: KeywordPrefilter;
  private readonly classOf: Uint16Array;
  private readonly classes: number;
  /** Per class: the candidate automaton's class and a character the keyword automaton reads alike. */
  private readonly lineClass: number[] = [];
  private readonly keywordChar: number[] = [];
  /**
   * Row p * classes + class: the next pair's row << 2, plus 1 when a candidate match ends there, plus 2
   * when a keyword does; -1 not computed yet (both low bits set: the loop tests them once).
   */
  private readonly table: Int32Array;
  /** Per pair: the candidate automaton's row, the keyword automaton's state and that state's output. */
  private readonly lineRow: number[] = [];
  private readonly keywordState: number[] = [];
  private readonly outputs: Int32Array;
  private readonly pairOf = new Map<number, number>();
  private readonly maxPairs: number;
  private full = false;
  private hits: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private laterHits: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private laterEnds: Int32Array<ArrayBuffer> = new Int32Array(1024);

  constructor(lines: LineAutomaton, keywords: KeywordPrefilter, maxPairs = MAX_PAIRS) {
    this.lines = lines;
    this.keywords = keywords;
    this.maxPairs = maxPairs;
    // Characters the keyword automaton reads alike: the same next state from every state. Most lead
    // back to the start from everywhere (no keyword holds them): one class with everything past ASCII.
    const n = keywords.states;
    const keywordClass = new Int32Array(128);
    const bySignature = new Map<string, number>();
    for (let c = 0; c < 128; c++) {
      const next: number[] = [];
      for (let st = 0; st < n; st++) next.push(keywords.next(st, c));
      const signature = next.some((x) => x !== 0) ? next.join(',') : 'start';
      let k = bySignature.get(signature);
      if (k === undefined) {
        k = signature === 'start' ? 128 : c;
        bySignature.set(signature, k);
      }
      keywordClass[c] = k;
    }
    this.classOf = new Uint16Array(0x10000);
    const classByPair = new Map<number, number>();
    for (let c = 0; c < 0x10000; c++) {
      const line = lines.classAt(c);
      const keyword = c < 128 ? keywordClass[c] : 128;
      const pair = line * 256 + keyword;
      let k = classByPair.get(pair);
      if (k === undefined) {
        k = this.lineClass.length;
        classByPair.set(pair, k);
        this.lineClass.push(line);
        this.keywordChar.push(keyword);
      }
      this.classOf[c] = k;
    }
    this.classes = this.lineClass.length;
    this.table = new Int32Array(maxPairs * this.classes).fill(-1);
    this.outputs = new Int32Array(maxPairs);
    this.intern(0, 0);
  }

  /** The row of the pair (candidate row, keyword state), made on first sight; -1 past maxPairs. */
  private intern(lineRow: number, keywordState: number): number {
    const key = lineRow * this.keywords.states + keywordState;
    let p = this.pairOf.get(key);
    if (p === undefined) {
      if (this.lineRow.length >= this.maxPairs) return -1;
      p = this.lineRow.length;
      this.pairOf.set(key, p);
      this.lineRow.push(lineRow);
      this.keywordState.push(keywordState);
      this.outputs[p] = this.keywords.output(keywordState);
    }
    return p * this.classes;
  }

  /** The table entry of pair row `row` on class `k`; -1 when the product is full. */
  private step(row: number, k: number): number {
    const p = row / this.classes;
    const line = this.lines.entry(this.lineRow[p], this.lineClass[k]);
    const keyword = this.keywords.next(this.keywordState[p], this.keywordChar[k]);
    const next = this.intern(line >> 1, keyword);
    if (next < 0) return -1;
    const entry = (next << 2) | (line & 1) | (this.keywords.output(keyword) >= 0 ? 2 : 0);
    this.table[row + k] = entry;
    return entry;
  }

  /**
   * As LineAutomaton.mark, and fills `ends` with the keyword ends of `text` (see KeywordEnds). False,
   * with nothing marked or filled, once the product is full. Its loops are LineAutomaton.mark's with
   * entries of two flag bits and a second list: one per-character loop for both would test the table
   * layout on every character of every batch (what they share is in secondStream and markLines).
   */
  mark(text: string, starts: Int32Array, into: Uint8Array, ends: KeywordEnds): boolean {
    if (this.full) return false;
    const { table, classOf, outputs, classes } = this;
    const mid = secondStream(text);
    const both = text.length - mid;
    let hits = this.hits;
    let laterHits = this.laterHits;
    let at = ends.at;
    let laterEnds = this.laterEnds;
    let count = 0;
    let laterCount = 0;
    let endCount = 0;
    let laterEndCount = 0;
    let a = 0;
    let b = 0;
    for (let i = 0; i < both; i++) {
      const ka = classOf[text.charCodeAt(i)];
      const kb = classOf[text.charCodeAt(mid + i)];
      let da = table[a + ka];
      let db = table[b + kb];
      // Rare: a match, a keyword end or a step not computed yet, in either stream: one test for all.
      if (((da | db) & 3) !== 0) {
        if (da < 0) da = this.step(a, ka);
        if (db < 0) db = this.step(b, kb);
        if (da < 0 || db < 0) {
          this.full = true;
          return false;
        }
        if ((da & 1) !== 0) {
          if (count === hits.length) hits = this.hits = grown(hits);
          hits[count++] = i;
        }
        if ((db & 1) !== 0) {
          if (laterCount === laterHits.length) laterHits = this.laterHits = grown(laterHits);
          laterHits[laterCount++] = mid + i;
        }
        if ((da & 2) !== 0) {
          if (endCount + 2 > at.length) at = ends.at = grown(at);
          at[endCount++] = outputs[(da >> 2) / classes];
          at[endCount++] = i;
        }
        if ((db & 2) !== 0) {
          if (laterEndCount + 2 > laterEnds.length) laterEnds = this.laterEnds = grown(laterEnds);
          laterEnds[laterEndCount++] = outputs[(db >> 2) / classes];
          laterEnds[laterEndCount++] = mid + i;
        }
      }
      a = da >> 2;
      b = db >> 2;
    }
    // The rest of the first stream (the second starts past the middle: it is never the longer one).
    for (let i = both; i < mid; i++) {
      const k = classOf[text.charCodeAt(i)];
      let d = table[a + k];
      if ((d & 3) !== 0) {
        if (d < 0) d = this.step(a, k);
        if (d < 0) {
          this.full = true;
          return false;
        }
        if ((d & 1) !== 0) {
          if (count === hits.length) hits = this.hits = grown(hits);
          hits[count++] = i;
        }
        if ((d & 2) !== 0) {
          if (endCount + 2 > at.length) at = ends.at = grown(at);
          at[endCount++] = outputs[(d >> 2) / classes];
          at[endCount++] = i;
        }
      }
      a = d >> 2;
    }
    markLines(hits, count, laterHits, laterCount, starts, into);
    while (endCount + laterEndCount > at.length) at = ends.at = grown(at);
    at.set(laterEnds.subarray(0, laterEndCount), endCount);
    ends.count = endCount + laterEndCount;
    return true;
  }
}

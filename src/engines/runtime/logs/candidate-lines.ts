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
    const n = text.length;
    const nl = n > 4096 ? text.indexOf('\n', n >> 1) : -1;
    const mid = nl < 0 ? n : nl + 1;
    const both = n - mid;
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
    let li = 0;
    for (let j = 0; j < count; j++) li = markAt(hits[j], li, starts, into);
    for (let j = 0; j < laterCount; j++) li = markAt(later[j], li, starts, into);
  }
}

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const g = new Int32Array(a.length * 2);
  g.set(a);
  return g;
}

/** Marks the line holding position `at` (positions come in order: the search goes on from line `li`). */
function markAt(at: number, li: number, starts: Int32Array, into: Uint8Array): number {
  while (li + 1 < starts.length && starts[li + 1] <= at) li++;
  into[li] = 1;
  return li;
}

// The candidate automaton (candidate-lines.ts) marks the lines of a batch where CANDIDATE or CRED_HINT
// (detect.ts) match, with `\b` read as true: exactly the lines the same patterns without `\b` mark (a
// superset of the patterns' lines), on the corpus logs, the labelled accuracy data and generated text.
// Its product with the secret rules' keyword automaton (CandidatesAndKeywords) marks the same lines and
// finds the keyword ends the keyword automaton finds, one character at a time.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { loadSecretRules } from '../../../src/checks/secrets/registry.ts';
import { CandidatesAndKeywords, LineAutomaton } from '../../../src/engines/runtime/logs/candidate-lines.ts';
import { CANDIDATE, CRED_HINT, candidateAutomaton, detectLine } from '../../../src/engines/runtime/logs/detect.ts';
import { type KeywordEnds, KeywordPrefilter, prefilterFor, ScanPlan } from '../../../src/engines/secrets/prefilter.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const LOGS = join(ROOT, '..', 'shared', 'corpus', 'traffic', 'logs', 'lnav');

/** What the automaton stands for: the patterns with every `\b` dropped. */
const WITHOUT_B = [new RegExp(CANDIDATE.source.replaceAll('\\b', '')), CRED_HINT];

/** Numbers of the lines of `text` where one of `patterns` matches. */
function linesWhere(patterns: RegExp[], text: string): number[] {
  return text.split('\n').flatMap((l, i) => (patterns.some((re) => re.test(l)) ? [i] : []));
}

/** The start of each line of `text`, and room for a mark per line. */
function lineStarts(text: string): { starts: Int32Array; into: Uint8Array } {
  const lines = text.split('\n');
  const starts = new Int32Array(lines.length);
  for (let i = 1; i < lines.length; i++) starts[i] = starts[i - 1] + lines[i - 1].length + 1;
  return { starts, into: new Uint8Array(lines.length) };
}

const markedOnes = (into: Uint8Array) => [...into.keys()].filter((i) => into[i] === 1);

/** Numbers of the lines the automaton marks. */
function marked(text: string, automaton = candidateAutomaton()): number[] {
  const { starts, into } = lineStarts(text);
  automaton.mark(text, starts, into);
  return markedOnes(into);
}

const corpus = () => {
  const texts = [readFileSync(join(ROOT, 'bench', 'data', 'logs-labelled.jsonl'), 'utf8')];
  if (existsSync(LOGS)) for (const f of readdirSync(LOGS)) texts.push(readFileSync(join(LOGS, f), 'utf8'));
  return texts;
};

it('marks the lines where the patterns match: labelled data and corpus logs', () => {
  let lines = 0;
  for (const t of corpus()) {
    const want = linesWhere(WITHOUT_B, t);
    expect(marked(t)).toEqual(want);
    // The superset: every line the real patterns (with \b) match is among them.
    expect(want).toEqual(expect.arrayContaining(linesWhere([CANDIDATE, CRED_HINT], t)));
    lines += want.length;
  }
  expect(lines).toBeGreaterThan(300);
});

/** Digit runs and the separators between them: both generators below start from these. */
const DIGITS_AND_SEPARATORS = ['0', '1', '2', '7', '9', '12', '123', '1234', ' ', '-', '.', '(', ')', '+'];

// Digits, separators, capitals, credential words and characters outside ASCII (a non-breaking space is
// `\s` to CRED_HINT's URL part; a Kelvin sign is not a `k` without the u flag), on many lines.
const PIECES = [
  ...DIGITS_AND_SEPARATORS,
  '+4',
  'A',
  'B',
  'D',
  'L',
  'Z',
  'GB',
  'X-',
  'eyJ',
  '@',
  'x',
  '2A',
  '  ',
  'pass',
  'PWD',
  'To',
  'ken',
  'sid',
  'Key',
  'auth',
  'cookie',
  '://',
  'u:p@',
  ':',
  '/',
  '\u00a0',
  '\u212a',
  '\u00e9',
  '\n',
];

/**
 * Texts of 150-400 lines of 15-40 pieces: mostly over 4 KiB, read from both ends of their middle line at
 * once (fast-check's default size keeps arrays near their minimum length).
 */
const longText = (piece: fc.Arbitrary<string>) =>
  fc
    .array(
      fc.array(piece, { minLength: 15, maxLength: 40, size: 'max' }).map((p) => p.join('')),
      { minLength: 150, maxLength: 400, size: 'max' },
    )
    .map((lines) => lines.join('\n'));

it('marks the lines where the patterns match: generated text, short and in two streams', () => {
  const piece = fc.constantFrom(...PIECES);
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
      const t = parts.join('');
      expect(marked(t)).toEqual(linesWhere(WITHOUT_B, t));
    }),
    { numRuns: 20_000 },
  );
  // Texts over 4 KiB are read from both ends of their middle line at once.
  let long = 0;
  fc.assert(
    fc.property(longText(piece), (t) => {
      if (t.length > 4096) long++;
      expect(marked(t)).toEqual(linesWhere(WITHOUT_B, t));
    }),
    { numRuns: 300 },
  );
  expect(long).toBeGreaterThan(250);
});

it('finds a value at every position of a text read in two streams (both split points, both tails)', () => {
  const value = '4111111111111';
  // Line lengths vary so that either half may be the longer one; 5,000+ characters: two streams.
  for (const lengths of [
    [900, 40, 1700, 30, 2600],
    [2600, 30, 1700, 40, 900],
  ]) {
    const filler = lengths.map((n) => 'x'.repeat(n)).join('\n');
    for (let at = 0; at + value.length <= filler.length; at += 7) {
      const text = filler.slice(0, at) + value + filler.slice(at + value.length);
      if (text.slice(at, at + value.length).includes('\n') || filler.slice(at, at + value.length).includes('\n')) continue;
      const line = filler.slice(0, at).split('\n').length - 1;
      expect(marked(text), `value at ${at}`).toEqual([line]);
    }
  }
});

it('past its state limit, marks every line that needs a new state (a superset, memory bounded)', () => {
  const small = new LineAutomaton([CANDIDATE, CRED_HINT], 4);
  const text = ['plain words only', '4111 1111 1111 1111', 'GET /x 200 512', 'tel +44 20 7946 0958'].join('\n');
  const got = marked(text, small);
  expect(got).toEqual(expect.arrayContaining(linesWhere(WITHOUT_B, text)));
  expect(got.length).toBeGreaterThan(linesWhere(WITHOUT_B, text).length);
  // The full automaton on the same text marks only the two lines with a value.
  expect(marked(text)).toEqual([1, 3]);
});

it('every line detectLine finds something in is a candidate line (the batch pass skips the others)', () => {
  const found = (line: string) => detectLine(line, { secretRules: [] }).length > 0;
  const candidate = (line: string) => marked(line).length === 1;
  const lines = readFileSync(join(ROOT, 'bench', 'data', 'logs-labelled.jsonl'), 'utf8').split('\n');
  if (existsSync(LOGS)) for (const f of readdirSync(LOGS)) lines.push(...readFileSync(join(LOGS, f), 'utf8').split('\n'));
  let hits = 0;
  for (const l of lines) {
    if (!found(l)) continue;
    hits++;
    expect(candidate(l), l).toBe(true);
  }
  expect(hits).toBeGreaterThan(40);
  // Generated lines: digits in runs of every length with every separator, context words, brackets.
  const piece = fc.constantFrom(
    ...DIGITS_AND_SEPARATORS,
    '4',
    '5',
    '555',
    '4111',
    '046',
    '454',
    '286',
    '+1',
    '+44',
    '/',
    ':',
    '=',
    'x',
    'A',
    'AB',
    'GB',
    'X-',
    'Z',
    'L',
    '2A',
    'phone ',
    'tel:',
    'ssn ',
    'card=',
    'SIN ',
    'BSN ',
    'aadhaar ',
    'cpf ',
    'dni ',
    'nino ',
    'iban ',
    '@',
    'eyJ',
    // Whole values, so that many lines hold one next to the pieces above.
    '4111 1111 1111 1111',
    '4111111111111111',
    '(555) 123-4567',
    '555.123.4567',
    '+44 20 7946 0958',
    '123-45-6789',
    '046 454 286',
    '123456782',
    '2345 6789 0124',
    '529.982.247-25',
    '12345678Z',
    'X1234567L',
    'AB 12 34 56 C',
    'RSSMRA85T10A562S',
    '1 85 05 78 006 084 36',
    'GB82WEST12345698765432',
    'a@b.io',
  );

  let generated = 0;
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
      const l = parts.join('');
      if (!found(l)) return;
      generated++;
      expect(candidate(l), l).toBe(true);
    }),
    { numRuns: 30_000 },
  );
  expect(generated).toBeGreaterThan(5000);
});

// ------------------------------------------------------------------ candidate lines and keywords at once

/** The lines and keyword ends the product finds (undefined: it gave up). */
function markedWithKeywords(both: CandidatesAndKeywords, text: string): { lines: number[]; ends: number[] } | undefined {
  const { starts, into } = lineStarts(text);
  const ends: KeywordEnds = { at: new Int32Array(2), count: 0 };
  if (!both.mark(text, starts, into, ends)) {
    expect(markedOnes(into)).toEqual([]);
    return undefined;
  }
  return { lines: markedOnes(into), ends: [...ends.at.subarray(0, ends.count)] };
}

/** [output, position] of every keyword end, read one character at a time with the keyword automaton. */
function keywordEndsOf(keywords: KeywordPrefilter, text: string): number[] {
  const out: number[] = [];
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    state = keywords.next(state, text.charCodeAt(i));
    if (keywords.output(state) >= 0) out.push(keywords.output(state), i);
  }
  return out;
}

/** Keywords of a small rule set (one not ASCII) and pieces of text made of them and of PIECES. */
const SMALL_KEYWORDS = [['ghp_'], ['key', 'token'], [], ['sk_live_'], ['abc', 'bcd'], ['cd'], ['://'], ['\u00e9t\u00e9']];
const KEYWORD_PIECES = [...PIECES, 'ghp_', 'KEY', 'tok', 'en', 'sk_live_', 'ab', 'c', 'd', '\u00e9', 't', '\u0161'];

it('marks the lines the candidate automaton marks and finds every keyword end: corpus, real rules', async () => {
  const keywords = prefilterFor(await loadSecretRules());
  const both = new CandidatesAndKeywords(candidateAutomaton(), keywords);
  let ends = 0;
  for (const t of corpus()) {
    const got = markedWithKeywords(both, t);
    expect(got?.lines).toEqual(marked(t));
    expect(got?.ends).toEqual(keywordEndsOf(keywords, t));
    ends += (got?.ends.length ?? 0) / 2;
  }
  expect(ends).toBeGreaterThan(1000);
});

it('marks the same lines and finds the same keyword ends on generated text, in one and two streams', () => {
  const keywords = new KeywordPrefilter(SMALL_KEYWORDS);
  const both = new CandidatesAndKeywords(candidateAutomaton(), keywords);
  const maxLen = [40, 12, 5, 30, 8, 3, Number.POSITIVE_INFINITY, 10];
  const own = new ScanPlan(SMALL_KEYWORDS.length);
  const given = new ScanPlan(SMALL_KEYWORDS.length);
  const piece = fc.constantFrom(...KEYWORD_PIECES);
  const check = (t: string) => {
    const got = markedWithKeywords(both, t);
    expect(got?.lines).toEqual(marked(t));
    expect(got?.ends).toEqual(keywordEndsOf(keywords, t));
    // The secret rules' plan from those ends is the plan of the prefilter's own pass.
    keywords.plan(t, maxLen, own, false);
    keywords.plan(t, maxLen, given, false, undefined, { at: Int32Array.from(got?.ends ?? []), count: got?.ends.length ?? 0 });
    expect([...given.mode]).toEqual([...own.mode]);
    expect(given.windows).toEqual(own.windows);
  };
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (parts) => check(parts.join(''))),
    { numRuns: 5_000 },
  );
  let long = 0;
  fc.assert(
    fc.property(longText(piece), (t) => {
      if (t.length > 4096) long++;
      check(t);
    }),
    { numRuns: 300 },
  );
  expect(long).toBeGreaterThan(250);
});

it('past its state limit, gives up for good: nothing marked, the caller runs both automata apart', () => {
  const both = new CandidatesAndKeywords(candidateAutomaton(), new KeywordPrefilter(SMALL_KEYWORDS), 3);
  expect(markedWithKeywords(both, 'a KEY 4111 1111 1111 1111 ghp_x')).toBeUndefined();
  expect(markedWithKeywords(both, '')).toBeUndefined();
  // With room, the same text: one line, keyword ends of `key` and `ghp_`.
  const roomy = new CandidatesAndKeywords(candidateAutomaton(), new KeywordPrefilter(SMALL_KEYWORDS));
  expect(markedWithKeywords(roomy, 'a KEY 4111 1111 1111 1111 ghp_x')).toEqual({
    lines: [0],
    ends: [expect.any(Number), 4, expect.any(Number), 29],
  });
});

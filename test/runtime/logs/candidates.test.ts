// The candidate automaton (candidate-lines.ts) marks the lines of a batch where CANDIDATE or CRED_HINT
// (detect.ts) match, with `\b` read as true: exactly the lines the same patterns without `\b` mark (a
// superset of the patterns' lines), on the corpus logs, the labelled accuracy data and generated text.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { LineAutomaton } from '../../../src/engines/runtime/logs/candidate-lines.ts';
import { CANDIDATE, CRED_HINT, candidateAutomaton, detectLine } from '../../../src/engines/runtime/logs/detect.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const LOGS = join(ROOT, '..', 'shared', 'corpus', 'traffic', 'logs', 'lnav');

/** What the automaton stands for: the patterns with every `\b` dropped. */
const WITHOUT_B = [new RegExp(CANDIDATE.source.replaceAll('\\b', '')), CRED_HINT];

/** Numbers of the lines of `text` where one of `patterns` matches. */
function linesWhere(patterns: RegExp[], text: string): number[] {
  return text.split('\n').flatMap((l, i) => (patterns.some((re) => re.test(l)) ? [i] : []));
}

/** Numbers of the lines the automaton marks. */
function marked(text: string, automaton = candidateAutomaton()): number[] {
  const lines = text.split('\n');
  const starts = new Int32Array(lines.length);
  for (let i = 1; i < lines.length; i++) starts[i] = starts[i - 1] + lines[i - 1].length + 1;
  const into = new Uint8Array(lines.length);
  automaton.mark(text, starts, into);
  return [...into.keys()].filter((i) => into[i] === 1);
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

it('marks the lines where the patterns match: generated text, short and in two streams', () => {
  const piece = fc.constantFrom(...PIECES);
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
      const t = parts.join('');
      expect(marked(t)).toEqual(linesWhere(WITHOUT_B, t));
    }),
    { numRuns: 20_000 },
  );
  // Texts over 4 KiB are read from both ends of their middle line at once: every split of lengths.
  fc.assert(
    fc.property(
      fc.array(
        fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
        { minLength: 50, maxLength: 400 },
      ),
      (lines) => {
        const t = lines.join('\n');
        expect(marked(t)).toEqual(linesWhere(WITHOUT_B, t));
      },
    ),
    { numRuns: 300 },
  );
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

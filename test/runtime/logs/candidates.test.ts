// CANDIDATE (detect.ts) is the candidate alternation grouped by first and second character for speed. It
// must match at exactly the places the plain alternation below (the shapes one by one) matches: on the
// corpus logs, on the labelled accuracy data and on generated text made of digits, separators, capitals.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { CANDIDATE, CRED_HINT, detectLine, LINE_CANDIDATE } from '../../../src/engines/runtime/logs/detect.ts';

// The shapes one by one: JWT, email, international phone; cards, 9 digits, SSN, phone, SIN, Aadhaar, CPF,
// AHV, DNI, NIR, NIR (Corsica); IBAN, NINO, codice fiscale, NIE.
const PLAIN = new RegExp(
  [
    'eyJ',
    '@',
    '\\+[1-9](?:[ .-]?\\(?\\d\\)?){7}',
    '\\d(?:[ -]?\\d){12}',
    '\\d\\d{8}',
    '\\d\\d{2}-\\d{2}-\\d{4}',
    '\\d\\)?[ .-]\\d{3}[ .-]\\d{4}',
    '\\d\\d{2}[ -]\\d{3}[ -]\\d{3}',
    '\\d\\d{3}[ -]\\d{4}[ -]\\d{4}',
    '\\d\\d{2}\\.\\d{3}\\.\\d{3}-\\d{2}',
    '\\d\\d{3}\\.\\d{2}\\.\\d{3}',
    '\\d\\d{7}-?[A-Z]\\b',
    '\\d \\d{2} \\d{2} ',
    '\\d\\d{4}2[AB]\\d{8}',
    '[A-Z][A-Z]\\d{2}(?: ?[A-Z0-9]){11}',
    '[A-Z][A-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b',
    '[A-Z][A-Z]{5}[0-9LMNP-V]{2}[A-Z]',
    '[A-Z]-?\\d{7}-?[A-Z]\\b',
  ].join('|'),
  'g',
);

function starts(re: RegExp, text: string): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

const ROOT = join(import.meta.dirname, '..', '..', '..');
const LOGS = join(ROOT, '..', 'shared', 'corpus', 'traffic', 'logs', 'lnav');

it('matches where the plain alternation matches: labelled data and corpus logs', () => {
  const texts = [readFileSync(join(ROOT, 'bench', 'data', 'logs-labelled.jsonl'), 'utf8')];
  if (existsSync(LOGS)) for (const f of readdirSync(LOGS)) texts.push(readFileSync(join(LOGS, f), 'utf8'));
  let matches = 0;
  for (const t of texts) {
    const want = starts(PLAIN, t);
    expect(starts(CANDIDATE, t)).toEqual(want);
    matches += want.length;
  }
  expect(matches).toBeGreaterThan(100);
});

it('matches where the plain alternation matches: generated text', () => {
  const piece = fc.constantFrom(
    '0',
    '1',
    '2',
    '7',
    '9',
    '12',
    '123',
    '1234',
    ' ',
    '-',
    '.',
    '(',
    ')',
    '+',
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
    '\n',
    '2A',
    '  ',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
      const t = parts.join('');
      expect(starts(CANDIDATE, t)).toEqual(starts(PLAIN, t));
    }),
    { numRuns: 20_000 },
  );
});

it('LINE_CANDIDATE marks the lines CANDIDATE or the credential words mark, in one pass', () => {
  /** Lines (by number) where `re` matches at least once. */
  const linesOf = (re: RegExp, text: string) => {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    return new Set(text.split('\n').flatMap((l, i) => (l.match(g) ? [i] : [])));
  };
  const texts = [readFileSync(join(ROOT, 'bench', 'data', 'logs-labelled.jsonl'), 'utf8')];
  if (existsSync(LOGS)) for (const f of readdirSync(LOGS)) texts.push(readFileSync(join(LOGS, f), 'utf8'));
  texts.push('GET /a?Password=x\nAUTHORIZATION: Bearer x\nnothing here\n+44 20 7946 0958\nhttps://u:p@h/\nCookie: a=1');
  let marked = 0;
  for (const t of texts) {
    const want = new Set([...linesOf(CANDIDATE, t), ...linesOf(CRED_HINT, t)]);
    expect(linesOf(LINE_CANDIDATE, t)).toEqual(want);
    marked += want.size;
  }
  expect(marked).toBeGreaterThan(100);
});

it('every line detectLine finds something in is a candidate line (the batch pass skips the others)', () => {
  const found = (line: string) => detectLine(line, { secretRules: [] }).length > 0;
  const candidate = (line: string) => {
    LINE_CANDIDATE.lastIndex = 0;
    return LINE_CANDIDATE.test(line);
  };
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
    '0',
    '1',
    '2',
    '4',
    '5',
    '7',
    '9',
    '12',
    '123',
    '555',
    '1234',
    '4111',
    '046',
    '454',
    '286',
    ' ',
    '-',
    '.',
    '(',
    ')',
    '+',
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
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
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

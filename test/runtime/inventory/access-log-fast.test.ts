// The combined-log fast path (indexOf, no regex) must read every line it accepts exactly as the COMBINED
// regex does, and hand back (false) whatever it is not sure of. Checked on every line of the corpus's
// access logs and on generated lines built from awkward pieces.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { AccessLogParser, fastCombined, regexCombined } from '../../../src/formats/traffic/access-log.ts';

const LOGS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'traffic', 'logs', 'lnav');

/** A line with every field set: a record read from it, then from another line, must keep none of it. */
const FULL = 'h:443 9.9.9.9 - eve [10/Oct/2000:13:55:36 +0000] "PUT /old?q=1 HTTP/1.1" 500 9 "http://r/" "ua/1"';
const reused = fastCombined(FULL, 'old.log', 1) || undefined;

function same(line: string): boolean {
  const fast = fastCombined(line, 'x.log', 7);
  if (fast === false) return false;
  expect({ line, record: fast }).toEqual({ line, record: regexCombined(line, 'x.log', 7) });
  // Read into a record of another line: the same fields, in the same record.
  expect(reused).toBeDefined();
  const into = fastCombined(line, 'x.log', 7, reused);
  expect(into).toBe(reused);
  expect({ line, record: { ...into } }).toEqual({ line, record: { ...fast } });
  fastCombined(FULL, 'old.log', 1, reused);
  return true;
}

it.skipIf(!existsSync(LOGS))('reads the corpus access logs as the regex does, and most of their lines itself', () => {
  let fast = 0;
  let combined = 0;
  for (const f of readdirSync(LOGS)) {
    for (const line of readFileSync(join(LOGS, f), 'utf8').split('\n')) {
      if (regexCombined(line, 'x.log', 7)) combined++;
      if (same(line)) fast++;
    }
  }
  expect(combined).toBeGreaterThan(1000);
  // The fast path is only worth having if it takes nearly all of them.
  expect(fast / combined).toBeGreaterThan(0.95);
});

it('takes the common forms itself', () => {
  const lines = [
    '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
    '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /a?b=1&c=2 HTTP/1.1" 404 - "http://x/?q" "Mozilla/5.0 (X11)"',
    'shop.example:443 10.0.0.1 - alice [10/Oct/2000:13:55:36 +0000] "POST /orders#frag HTTP/2.0" 201 12 "-" "-"',
    '10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "DELETE /x" 500 0',
  ];
  for (const l of lines) expect(same(l), l).toBe(true);
  expect(fastCombined(lines[2], 'x.log', 1)).toMatchObject({ host: 'shop.example', scheme: 'https', user: 'alice', clientIp: '10.0.0.1' });
});

it('hands back what it is not sure of', () => {
  for (const l of [
    '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /a\\"b HTTP/1.0" 200 1', // escaped quote
    '127.0.0.1 - [x] [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1', // bracket in the prefix
    '127.0.0.1\t- - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1', // tab
    '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "get / HTTP/1.0" 200 1', // lower-case method
    '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET http://h/x HTTP/1.0" 200 1', // absolute URL
    '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /x HTTP/1.0 junk" 200 1',
    '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /x" 2000 1',
    // A second ` [` inside the brackets: COMBINED takes a longer prefix (user `[GET`).
    '1.2.3.4 - - [GET [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1',
    '1.2.3.4 - - [10/Oct/2000 [13:55:36 -0700] "GET / HTTP/1.0" 200 1',
    // ... at either end of the time.
    '1.2.3.4 - - [ [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1',
    '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700 [] "GET / HTTP/1.0" 200 1',
  ]) {
    expect(fastCombined(l, 'x.log', 1), l).toBe(false);
  }
});

it('agrees with the regex on generated lines', () => {
  const piece = fc.constantFrom(
    ' ',
    '  ',
    '-',
    '"',
    '\\',
    '[',
    ']',
    '?',
    '#',
    '/',
    'GET',
    'get',
    'HTTP/1.1',
    ' HTTP/2',
    '200',
    '0',
    '-1',
    ':443',
    '10.0.0.1',
    'a b',
    '\t',
    'é',
    '\u00a0',
    '10/Oct/2000:13:55:36 -0700',
    ' "',
    '" "',
    '" ',
  );
  const line = fc
    .tuple(
      fc.array(piece, { maxLength: 3 }),
      fc.constantFrom('1.2.3.4 - -', 'h:443 1.2.3.4 - bob', '1.2.3.4 x y z w', '1.2.3.4 -', ''),
      fc.array(piece, { maxLength: 3 }),
      fc.constantFrom(
        ' [10/Oct/2000:13:55:36 -0700]',
        // Times of one minute and of others, other zones, and forms only the regex (or Date.parse) reads.
        ' [10/Oct/2000:13:55:07 -0700]',
        ' [10/Oct/2000:13:55:59 +0000]',
        ' [10/Oct/2000:13:56:07 +0130]',
        ' [31/Dec/1999:23:59:59 -1200]',
        ' [10/oct/2000:13:55:36 -0700]',
        ' [10/Oct/2000:13:55:6x -0700]',
        ' [10/Oct/2000:13:55:60 -0700]',
        ' [10/Oct/2000:13:55:99 -0700]',
        ' [1/Oct/2000:13:55:36 -0700]',
        ' [10/Oct/2000:13:55:36.250 -0700]',
        ' [10/Oct/2000:13:55:36 junk1]',
        ' [10/Oct/2000:13:55:36 -07:00]',
        ' [10/Xyz/2000:13:55:36 -0700]',
        ' [short]',
        ' [10/Oct/2000:13:55:36 -0700',
        '',
      ),
      fc.array(piece, { maxLength: 3 }),
      fc.constantFrom(' "GET /a/1?x=y HTTP/1.1"', ' "POST /b HTTP/1.0"', ' "GET /c"', ' "-"', ' "GET /d  "'),
      fc.array(piece, { maxLength: 3 }),
      fc.constantFrom(' 200 5', ' 404 -', ' - -', ' 200 -5', ' 99 5', ' 200 123456789012345', ' 200 12345678901234567890', ''),
      fc.array(piece, { maxLength: 4 }),
    )
    .map((parts) => parts.flat().join(''));
  fc.assert(
    fc.property(line, (l) => {
      same(l);
    }),
    { numRuns: 20000 },
  );
});

it('reads into one record when the parser is asked to (reuse), and into new ones otherwise', () => {
  const lines = [
    'h:443 9.9.9.9 - eve [10/Oct/2000:13:55:36 +0000] "PUT /old?q=1 HTTP/1.1" 500 9 "http://r/" "ua/1"',
    '10.0.0.2 - - [10/Oct/2000:13:55:37 +0000] "GET /new HTTP/1.1" 200 5',
    // The regex's line (an escaped quote): a record of its own.
    '10.0.0.3 - - [10/Oct/2000:13:55:38 +0000] "GET /q\\"x HTTP/1.1" 200 5',
  ];
  const plain = new AccessLogParser('a.log', { format: 'combined' });
  const reusing = new AccessLogParser('a.log', { format: 'combined', reuse: true });
  const first = reusing.parse(lines[0], 1);
  expect({ ...first }).toEqual(plain.parse(lines[0], 1));
  const second = reusing.parse(lines[1], 2);
  expect(second).toBe(first);
  expect({ ...second }).toEqual(plain.parse(lines[1], 2));
  expect(second).toMatchObject({ user: undefined, query: undefined, host: undefined, referer: undefined, userAgent: undefined });
  const third = reusing.parse(lines[2], 3);
  expect(third).not.toBe(first);
  expect(third).toEqual(plain.parse(lines[2], 3));
  expect(plain.parse(lines[1], 2)).not.toBe(plain.parse(lines[1], 2));
});

// INJECTION_HINT is the cheap test before the injection patterns on every access-log URL: a URL it
// passes over is never decoded nor matched. So it must hold for every URL where a pattern matches the
// decoded text, whichever characters the payload percent-encodes (once or twice) or writes as `+`.
import { describe, expect, it } from 'vitest';
import { decoded, INJECTION, INJECTION_HINT } from '../../../src/engines/runtime/logs/attacks.ts';

/** Payloads of every kind, as an attacker writes them before encoding. */
const PAYLOADS = [
  "1' OR '1'='1",
  '1 and 1=1',
  'x" or "a"="a',
  "1' union all select password from users--",
  'select name from users',
  '1; drop table users',
  '1 and sleep(5)',
  'benchmark(1000000,md5(1))',
  "1'; waitfor delay '0:0:5'",
  'information_schema',
  'union/**/select',
  'UNION/select/1',
  'win.ini',
  'pg_sleep',
  "admin'--",
  'xp_cmdshell',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  'x onerror=evil',
  'onload=evil',
  '<img src=x>',
  'prompt(1)',
  'document.cookie',
  '../../etc/passwd',
  '..\\..\\win.ini',
  '/etc/shadow',
  'boot.ini',
  '/proc/self/environ',
  '127.0.0.1;cat /etc/hosts',
  'a|id',
  '`whoami`',
  '$(uname)',
  'x&&curl evil',
  '/bin/sh',
  '/bin/bash',
  'cmd.exe',
  '=http://169.254.169.254/latest',
  '=gopher://localhost:6379/_',
  ': http://10.0.0.1/',
  '=file:///etc/passwd',
  '=http://[::1]/',
];

/** Deterministic pseudo-random numbers (a test that fails must fail again). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const hex = (c: number) => c.toString(16).padStart(2, '0');

/** `s` with characters percent-encoded (some twice, in either case) and spaces written as `+`, at random. */
function encodeSome(s: string, rand: () => number): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    const r = rand();
    if (ch === ' ' && r < 0.3) out += '+';
    else if (c < 128 && r < 0.5) {
      const e = rand() < 0.5 ? hex(c) : hex(c).toUpperCase();
      out += rand() < 0.2 ? `%25${e}` : `%${e}`;
    } else if (ch === ' ') out += '%20';
    else out += ch;
  }
  return out;
}

const matchesSome = (url: string) => INJECTION.some(([, re]) => re.test(decoded(url)));

describe('INJECTION_HINT', () => {
  it('every payload is matched by a pattern, and hinted, as written and fully encoded', () => {
    for (const p of PAYLOADS) {
      const plain = p.replace(/ /g, '+');
      expect(matchesSome(plain), p).toBe(true);
      expect(INJECTION_HINT.test(plain), p).toBe(true);
      const all = [...p].map((ch) => `%${hex(ch.charCodeAt(0))}`).join('');
      expect(INJECTION_HINT.test(all), all).toBe(true);
    }
  });

  it('holds for every payload encoded at random (2,000 variants each)', () => {
    const rand = rng(7);
    for (const p of PAYLOADS) {
      for (let i = 0; i < 2000; i++) {
        const url = `/api/x?q=${encodeSome(p, rand)}`;
        if (matchesSome(url)) expect(INJECTION_HINT.test(url), url).toBe(true);
      }
    }
  });

  it('holds on random text built from the characters and words the patterns use', () => {
    const rand = rng(11);
    const pieces = [
      "'",
      '"',
      ' ',
      '+',
      '%20',
      '%2c',
      '%D8%B3',
      '=',
      '1',
      'or',
      'and',
      'select',
      'from',
      'union',
      '(',
      ')',
      ';',
      '|',
      '&',
      'id',
      '/',
      '.',
      '..',
      'etc',
      'passwd',
      ':',
      '//',
      'http',
      'localhost',
      '10.0.0.1',
      '<',
      'script',
      'on',
      'error',
      'x',
      '-',
      '_',
      'cmd',
      'exe',
      'bin',
      'sh',
      '%3a',
      '%2f',
      '%2e',
      '%27',
    ];
    let checked = 0;
    for (let i = 0; i < 100_000; i++) {
      let url = '/p?';
      const n = 2 + Math.floor(rand() * 10);
      for (let k = 0; k < n; k++) url += pieces[Math.floor(rand() * pieces.length)];
      if (!matchesSome(url)) continue;
      checked++;
      expect(INJECTION_HINT.test(url), url).toBe(true);
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('passes over common URLs with nothing to decode into a payload', () => {
    for (const url of ['/api/products?page=2&sort=price', '/filter/27%2C13%2C4', '/%D8%B3%D9%84%DB%8C-PR257AT', '/a/b-c/d_e?x=1&y=2#top']) {
      expect(INJECTION_HINT.test(url), url).toBe(false);
    }
  });
});

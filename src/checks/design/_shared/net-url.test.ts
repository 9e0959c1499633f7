import { describe, expect, it } from 'vitest';
import { isCleartext, parseUrl } from './net-url.ts';

describe('isCleartext', () => {
  it.each([
    ['http://api.example.com/v1', true, true],
    ['ws://api.example.com/socket', true, true],
    ['https://api.example.com/v1', false, false],
    ['http://localhost:8080', false, false],
    ['http://127.0.0.1/', false, false],
    ['/v1', false, false],
  ])('%s → %s (%s with hostless)', (url, plain, hostless) => {
    expect(isCleartext(parseUrl(url))).toBe(plain);
    expect(isCleartext(parseUrl(url), true)).toBe(hostless);
  });
  it('counts an http URL without a host only with hostless', () => {
    const p = { scheme: 'http', hostname: '', username: '', password: '', relative: true };
    expect(isCleartext(p)).toBe(false);
    expect(isCleartext(p, true)).toBe(true);
  });
});

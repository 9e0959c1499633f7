import { describe, expect, it } from 'vitest';
import { Cracker, crackHmac } from './crack.ts';
import { decodeJwt, expiredClaims, findJwts, hmacMatches, maskSecret, signHmac, unsigned, withBrokenSignature } from './jwt.ts';
import { endpointFor, setQuery, withGarbage, withToken } from './targets.ts';
import { JWT_SECRET_WORDLIST } from './wordlist.ts';

const claims = { sub: 'alice', iat: 1_700_000_000, exp: 1_700_000_900 };

describe('JWT helpers of the probe checks', () => {
  it('signs, decodes and verifies HMAC tokens; breaks and strips signatures', () => {
    const token = signHmac('HS384', 'k', { typ: 'JWT' }, claims);
    const jwt = decodeJwt(token)!;
    expect(jwt).toMatchObject({ alg: 'HS384', header: { typ: 'JWT', alg: 'HS384' }, claims });
    expect(hmacMatches(jwt, 'k')).toBe(true);
    expect(hmacMatches(decodeJwt(withBrokenSignature(jwt))!, 'k')).toBe(false);
    expect(unsigned('None', jwt.header, claims)).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.$/);
    expect(decodeJwt('a.b.c')).toBeUndefined();
    expect(decodeJwt(`${token}.x`)).toBeUndefined();
  });

  it('finds JWTs in text and moves expiry into the past, keeping the lifetime', () => {
    const t = signHmac('HS256', 'k', {}, claims);
    expect(findJwts(`{"url":"/d?token=${t}","again":"${t}"}`)).toEqual([t]);
    expect(expiredClaims(claims, 3600, 2_000_000_000)).toEqual({ sub: 'alice', exp: 1_999_996_400, iat: 1_999_995_500 });
    expect(maskSecret('secret')).toBe('"se…" (6 chars)');
    expect(maskSecret('')).toBe('(empty string)');
  });

  it('cracks wordlist secrets, remembers found ones, and gives up at the deadline', () => {
    expect(JWT_SECRET_WORDLIST.length).toBe(1000);
    expect(new Set(JWT_SECRET_WORDLIST).size).toBe(1000);
    const weak = decodeJwt(signHmac('HS512', 'supersecret', {}, claims))!;
    expect(crackHmac(weak)).toBe('supersecret');
    expect(crackHmac(decodeJwt(signHmac('HS256', 'n0t-in-any-list-8c1f', {}, claims))!)).toBeUndefined();
    expect(crackHmac(decodeJwt(signHmac('HS256', 'custom', {}, claims))!, { extra: ['custom'] })).toBe('custom');
    expect(crackHmac(decodeJwt(signHmac('HS256', 'jwt_secret_test', {}, claims))!, { deadline: Date.now() - 1 })).toBeUndefined();
    const cracker = new Cracker({ extra: ['x-tra'] });
    expect(cracker.crack(decodeJwt(signHmac('HS256', 'x-tra', {}, claims))!)).toBe('x-tra');
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) crackHmac(decodeJwt(signHmac('HS256', `random-${i}-value`, {}, claims))!);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('puts a forged token where the identity sends its own, and garbage in every credential', () => {
    const base = { method: 'GET', path: '/a?x=1', headers: { accept: 'text/plain' } };
    const cookie = {
      headers: { cookie: 'theme=dark; session=old' },
      query: {},
      token: 'old',
      tokenPlacement: { in: 'cookie' as const, name: 'session', prefix: '' },
    };
    expect(withToken(base, cookie, 'NEW').headers).toEqual({ accept: 'text/plain', cookie: 'theme=dark; session=NEW' });
    const query = {
      headers: {},
      query: { access_token: 'old', k: 'v' },
      token: 'old',
      tokenPlacement: { in: 'query' as const, name: 'access_token', prefix: '' },
    };
    expect(withToken(base, query, 'NEW').path).toBe('/a?x=1&k=v&access_token=NEW');
    const apiKey = { headers: { 'x-api-key': 'k1', authorization: 'Basic abc' }, query: { key: 'q' } };
    expect(withGarbage(base, apiKey, 'G')).toEqual({
      method: 'GET',
      path: '/a?x=1&key=G',
      headers: { accept: 'text/plain', 'x-api-key': 'G', authorization: 'Basic G' },
    });
    expect(setQuery('/p', 't', 'a b')).toBe('/p?t=a+b');
  });

  it('maps a concrete path to the most specific endpoint template', () => {
    const e = (path: string) => ({
      method: 'GET',
      path,
      source: 'openapi' as const,
      parameters: [],
      responses: [],
      auth: 'unknown' as const,
      scopes: [],
      admin: false,
      deprecated: false,
      tags: [],
    });
    const eps = [e('/files/{id}'), e('/files/latest'), e('/files/{id}/link')];
    expect(endpointFor(eps, 'GET', '/files/latest?x=1')?.path).toBe('/files/latest');
    expect(endpointFor(eps, 'GET', '/files/7')?.path).toBe('/files/{id}');
    expect(endpointFor(eps, 'POST', '/files/7')).toBeUndefined();
  });
});

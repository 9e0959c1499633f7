import { describe, expect, it } from 'vitest';
import type { Exchange, ProbeContext } from '../../../engines/probe/types.ts';
import { signHmac } from './jwt.ts';
import { tokenSightings } from './sightings.ts';

const link = signHmac('HS256', 'secret', { typ: 'JWT' }, { file: 'f1', exp: 4_000_000_000 });

function exchange(identity: string | undefined): Exchange {
  return {
    identity,
    request: { method: 'GET', path: '/api/files/f1/link', headers: {} },
    response: { status: 200, headers: {}, body: `{"url":"/api/downloads?token=${link}"}` },
  } as unknown as Exchange;
}

describe('tokenSightings', () => {
  // Regression: concurrent requests finish in any order; under CI load bob's copy of a shared link
  // landed first and the finding named bob instead of alice.
  it('credits a token seen by several identities to the first configured identity, whatever order requests finished in', async () => {
    const history = [exchange('bob'), exchange('alice')];
    const ctx = {
      identities: [{ name: 'alice' }, { name: 'bob' }],
      credentials: async () => {
        throw new Error('no login in this test');
      },
      exchanges: () => history,
    } as unknown as ProbeContext;
    const sightings = await tokenSightings(ctx, 10);
    expect(sightings.map((s) => [s.source, s.identity])).toEqual([['response', 'alice']]);
    expect(sightings[0].exchange).toBe(history[1]);
  });
});

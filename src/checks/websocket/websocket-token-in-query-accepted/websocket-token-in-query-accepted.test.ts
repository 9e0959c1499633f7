import { describe, expect, it } from 'vitest';
import { runWsProbeCheck } from '../_kit/run.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';

const id = 'websocket-token-in-query-accepted';

describe(id, () => {
  it("flags bob's bearer token accepted as ?access_token= with no header", async () => {
    const [f, ...rest] = await runWsProbeCheck(id, unsafe);
    expect(rest).toEqual([]);
    expect(f.message).toBe(
      'The socket accepted bob\'s token in the query parameter "access_token" of the upgrade URL, with no header or cookie: the URL, token included, is written to access logs of every proxy and server on the way.',
    );
    expect(f.evidence?.request).toMatch(/^GET \/socket\?access_token=bob-%E2%80%A6\(26%20chars\) HTTP\/1\.1/);
    expect(f.evidence?.request).not.toMatch(/authorization/i);
    expect(JSON.stringify(f.evidence)).not.toContain('bob-token-4e8d1a6c93f27b50');
    expect(f.evidence?.curl).toContain('access_token=\'"$BOB_TOKEN"');
    expect(f.evidence?.response).toMatch(
      /\n--- compare: GET \/socket \(no credentials, Origin: http:\/\/127\.0\.0\.1:\d+\)\nHTTP\/1\.1 401 Unauthorized\n/,
    );
  });

  it('does not flag a server that takes tokens from the Authorization header only', async () => {
    expect(await runWsProbeCheck(id, safe)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { runWsProbeCheck } from '../_kit/run.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import twin from './fixtures/unsafe.wss-twin.ts';

const id = 'websocket-cleartext-endpoint';

describe(id, () => {
  it('flags an accepted ws:// upgrade, high when it carried credentials', async () => {
    const [f, ...rest] = await runWsProbeCheck(id, unsafe);
    expect(rest).toEqual([]);
    expect(f.message).toMatch(
      /^The socket at ws:\/\/127\.0\.0\.1:\d+\/socket accepts unencrypted ws:\/\/ connections and carried alice's credentials/,
    );
    expect(f.severity).toBe('high');
  });

  it('flags ws:// on loopback when the same host also serves the socket over wss://', async () => {
    const [f, ...rest] = await runWsProbeCheck(id, twin);
    expect(rest).toEqual([]);
    expect(f.message).toMatch(
      /^The socket at ws:\/\/127\.0\.0\.1:\d+\/socket accepts unencrypted ws:\/\/ connections and carried alice's credentials although the same host serves it over wss:\/\/ on port \d+: /,
    );
    expect(f.evidence?.response).toMatch(
      /\n--- compare: GET \/socket \(no credentials, Origin: http:\/\/127\.0\.0\.1:\d+\)\nHTTP\/1\.1 401 Unauthorized\n/,
    );
  });

  it('does not flag ws:// on loopback by default', async () => {
    expect(await runWsProbeCheck(id, safe)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { probeFixture, runWsProbeCheck } from '../_kit/run.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';

const id = 'websocket-message-flood-accepted';

describe(id, () => {
  it('flags 500 messages taken from one connection without a 1008 close', async () => {
    const [f, ...rest] = await runWsProbeCheck(id, unsafe);
    expect(rest).toEqual([]);
    expect(f.message).toMatch(
      /^The socket took 500 messages in \d+ ms from one connection without closing it \(1008 Policy Violation\) or answering with a throttling error and kept answering/,
    );
    expect(f.evidence?.response).toMatch(/… \(\d+ more frames\)/);
  });

  it('does not flag a server that closes floods with 1008', async () => {
    const r = await probeFixture(safe, [id]);
    expect(r.findings).toEqual([]);
    // The flood was sent: the server's rate limit is what closed the socket.
    expect(r.closes).toEqual([1008]);
  });
});

import { describe, expect, it } from 'vitest';
import { probeFixture, runWsProbeCheck } from '../_kit/run.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';

const id = 'websocket-oversized-message-accepted';

describe(id, () => {
  it('flags a 2 MiB frame taken without a 1009 close', async () => {
    const [f, ...rest] = await runWsProbeCheck(id, unsafe);
    expect(rest).toEqual([]);
    expect(f.message).toBe(
      'The socket took a single 2.0 MiB frame without closing the connection (1009 Message Too Big) and answered it: nothing bounds what one client makes the server buffer and parse.',
    );
    // The frame is cut in the evidence.
    expect(f.evidence?.response).toMatch(/> \{"type":"ping","rampart_pad":"a+… \(2097152 bytes, cut\)/);
    expect((f.evidence?.response ?? '').length).toBeLessThan(4000);
  });

  it('does not flag a server that closes with 1009', async () => {
    const r = await probeFixture(safe, [id]);
    expect(r.findings).toEqual([]);
    // The big frame was sent: the server's maxPayload is what closed the socket.
    expect(r.closes).toEqual([1009]);
  });
});

import { describe, expect, it } from 'vitest';
import { probeFixture, runWsProbeCheck } from '../_kit/run.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';

const id = 'websocket-unauthenticated-upgrade';

describe(id, () => {
  it('flags a socket that opens and answers without credentials', async () => {
    const [f, ...rest] = await runWsProbeCheck(id, unsafe);
    expect(rest).toEqual([]);
    expect(f.location).toMatchObject({ kind: 'http', method: 'GET', path: '/socket' });
    expect(f.message).toMatch(
      /^The socket at ws:\/\/127\.0\.0\.1:\d+\/socket accepted an upgrade without any credentials and answered the probe message with data \(\{"type":"pong","user":"guest"/,
    );
    expect(f.evidence?.request).toMatch(/^GET \/socket HTTP\/1\.1\nhost: 127\.0\.0\.1:\d+\nconnection: Upgrade/);
    expect(f.evidence?.request).not.toMatch(/cookie|authorization/i);
    expect(f.evidence?.response).toMatch(/^HTTP\/1\.1 101 Switching Protocols\n[\s\S]*\n> \{"type":"ping"\}\n< \{"type":"pong"/);
    expect(f.evidence?.curl).toMatch(/^websocat -H 'origin: http:\/\/127\.0\.0\.1:\d+' 'ws:\/\/127\.0\.0\.1:\d+\/socket'$/);
  });

  it('does not flag a socket that refuses anonymous upgrades', async () => {
    const r = await probeFixture(safe, [id]);
    expect(r.findings).toEqual([]);
    // The engine's reachability upgrade, then the check's own: both refused.
    expect(r.upgrades).toEqual([
      { url: '/socket', status: 401 },
      { url: '/socket', status: 401 },
    ]);
  });
});

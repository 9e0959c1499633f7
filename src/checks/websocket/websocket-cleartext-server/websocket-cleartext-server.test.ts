import { describe, expect, it } from 'vitest';
import { positions, runAsyncApiCheck } from '../../../engines/websocket/testing.ts';

const id = 'websocket-cleartext-server';

describe(id, () => {
  it('flags ws servers on public hosts (AsyncAPI 2: protocol or URL scheme)', async () => {
    const findings = await runAsyncApiCheck(id, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['8:15 /servers/production/protocol', '10:10 /servers/staging/url']);
    expect(findings[0].message).toBe(
      'Server "production" (ws://chat.example.com/socket) speaks unencrypted WebSocket (ws): every message, and the cookie or token sent with the upgrade request, crosses the network in clear text. Serve it over wss.',
    );
    expect(findings[0].location).toMatchObject({ endLine: 8, endColumn: 17 });
  });

  it('flags ws servers on public hosts (AsyncAPI 3, JSON)', async () => {
    const findings = await runAsyncApiCheck(id, import.meta.url, 'unsafe.v3.json');
    expect(positions(findings)).toEqual(['5:61 /servers/production/protocol']);
    expect(findings[0].message).toContain('Server "production" (ws://chat.example.com/socket)');
  });

  it('accepts wss servers and ws on loopback hosts', async () => {
    expect(await runAsyncApiCheck(id, import.meta.url, 'safe.v2.yaml')).toEqual([]);
    expect(await runAsyncApiCheck(id, import.meta.url, 'safe.v3.yaml')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { positions, runAsyncApiCheck } from '../../../engines/websocket/testing.ts';

const id = 'websocket-server-without-security';

describe(id, () => {
  it('flags AsyncAPI 2 WebSocket servers without security and optional ({}) requirements', async () => {
    const findings = await runAsyncApiCheck(id, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['6:3 /servers/public', '13:9 /servers/optional/security/0']);
    expect(findings.find((f) => f.message.startsWith('WebSocket server "public"'))?.message).toBe(
      'WebSocket server "public" declares no security and neither do its 1 operation(s): anyone who can reach wss://chat.example.com/socket can open the socket and exchange messages. Declare the scheme that authenticates the upgrade.',
    );
  });

  it('flags AsyncAPI 3 operations left open beside secured ones, and servers with no secured operation', async () => {
    const findings = await runAsyncApiCheck(id, import.meta.url, 'unsafe.v3.yaml');
    expect(positions(findings)).toEqual(['9:3 /servers/open', '33:3 /operations/receiveChat']);
    expect(findings.find((f) => f.location.kind === 'file' && f.location.pointer === '/operations/receiveChat')?.message).toBe(
      'Operation "receiveChat" on channel /chat of WebSocket server "mixed" has no security while other operations of the server do: this one is open to anonymous clients.',
    );
  });

  it('accepts servers with security and servers whose every operation is secured; ignores other protocols', async () => {
    expect(await runAsyncApiCheck(id, import.meta.url, 'safe.v2.yaml')).toEqual([]);
    expect(await runAsyncApiCheck(id, import.meta.url, 'safe.v3.yaml')).toEqual([]);
  });
});

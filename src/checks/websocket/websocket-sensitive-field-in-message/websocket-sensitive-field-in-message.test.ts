import { describe, expect, it } from 'vitest';
import { positions, runAsyncApiCheck } from '../../../engines/websocket/testing.ts';

const id = 'websocket-sensitive-field-in-message';

describe(id, () => {
  it('flags sensitive properties of server-sent messages, through oneOf and $ref, once per schema (AsyncAPI 2)', async () => {
    const findings = await runAsyncApiCheck(id, import.meta.url, 'unsafe.v2.yaml');
    const p = '/components/schemas/User/properties';
    expect(positions(findings)).toEqual([`44:9 ${p}/password_hash`, `46:9 ${p}/ssn`]);
    expect(findings[0].message).toBe(
      'Property "password_hash" (payload.user.password_hash) of message "UserJoined" of server-sent operation "presenceUpdates" (channel /presence) sends a password hash to the socket\'s clients; every subscriber of the channel may receive it.',
    );
    expect(findings.map((f) => f.severity)).toEqual(['high', 'medium']);
  });

  it('flags card numbers and API keys the server sends (AsyncAPI 3)', async () => {
    const findings = await runAsyncApiCheck(id, import.meta.url, 'unsafe.v3.yaml');
    const p = '/channels/payments/messages/paid/payload/properties';
    expect(positions(findings)).toEqual([`17:13 ${p}/card_number`, `19:13 ${p}/api_key`]);
  });

  it('accepts flags, cursors, writeOnly fields, client-sent passwords and tokens on session channels', async () => {
    expect(await runAsyncApiCheck(id, import.meta.url, 'safe.v2.yaml')).toEqual([]);
    expect(await runAsyncApiCheck(id, import.meta.url, 'safe.v3.yaml')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { positions, runAsyncApiCheck } from '../../../engines/websocket/testing.ts';

const id = 'websocket-message-unbounded';

describe(id, () => {
  it('flags unbounded strings, arrays and open objects in messages clients publish (AsyncAPI 2, through $ref)', async () => {
    const findings = await runAsyncApiCheck(id, import.meta.url, 'unsafe.v2.yaml');
    const p = '/components/messages/Post/payload/properties';
    expect(positions(findings)).toEqual([`26:11 ${p}/text`, `28:11 ${p}/tags`, `33:11 ${p}/meta`]);
    const text = findings.find((f) => f.location.kind === 'file' && f.location.pointer === `${p}/text`);
    expect(text?.message).toBe(
      'Property "text" of message "Post" of client-sent operation "postMessage" (channel /chat) is a string without maxLength: a client can push megabytes in one frame.',
    );
    expect(findings.map((f) => f.severity)).toEqual(['low', 'low', 'low']);
  });

  it('flags AsyncAPI 3 receive operations only (not what the server sends)', async () => {
    const findings = await runAsyncApiCheck(id, import.meta.url, 'unsafe.v3.yaml');
    const p = '/channels/chat/messages/post/payload';
    expect(positions(findings)).toEqual([`14:9 ${p}`, `17:13 ${p}/properties/text`]);
    expect(findings.find((f) => f.message.includes('additionalProperties'))?.message).toBe(
      'The payload of message "post" of client-sent operation "receivePost" (channel /chat) accepts any extra property (additionalProperties is open): a client can add unbounded fields the server may store or echo to others.',
    );
  });

  it('accepts bounded payloads, multi-format JSON schemas, server-sent messages and non-WebSocket channels', async () => {
    expect(await runAsyncApiCheck(id, import.meta.url, 'safe.v2.yaml')).toEqual([]);
    expect(await runAsyncApiCheck(id, import.meta.url, 'safe.v3.yaml')).toEqual([]);
  });
});

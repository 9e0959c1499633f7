import { describe, expect, it } from 'vitest';
import { positions, runAsyncApiCheck } from '../../../engines/websocket/testing.ts';

const id = 'websocket-token-in-query-binding';

describe(id, () => {
  it('flags credential query parameters of ws bindings and httpApiKey schemes in the query (AsyncAPI 2)', async () => {
    const findings = await runAsyncApiCheck(id, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual([
      '16:13 /channels/~1chat/bindings/ws/query/properties/access_token',
      '30:11 /components/securitySchemes/queryKey/in',
    ]);
    expect(findings[0].message).toBe(
      'The WebSocket binding of channel /chat takes query parameter "access_token", a credential: the upgrade URL (and the credential in it) lands in proxy, load balancer and server access logs and in browser history. Send it in a header, a cookie checked together with Origin, or the first message.',
    );
  });

  it('follows a $ref to shared channel bindings (AsyncAPI 3)', async () => {
    const findings = await runAsyncApiCheck(id, import.meta.url, 'unsafe.v3.yaml');
    const p = '/components/channelBindings/wsAuth/ws/query/properties';
    expect(positions(findings)).toEqual([`21:13 ${p}/token`, `23:13 ${p}/jwt`]);
    expect(findings[0].message).toContain('query parameter "token", a token');
  });

  it('accepts headers, cursors, room names and one-time tickets in the query', async () => {
    expect(await runAsyncApiCheck(id, import.meta.url, 'safe.v2.yaml')).toEqual([]);
    expect(await runAsyncApiCheck(id, import.meta.url, 'safe.v3.yaml')).toEqual([]);
  });
});

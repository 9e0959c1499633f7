import type { AsyncApiOperation, AsyncApiServer } from '../../../engines/websocket/asyncapi.ts';
import { isObj } from '../../../engines/websocket/asyncapi.ts';
import { defineAsyncApiCheck } from '../../../engines/websocket/types.ts';
import { joinPointer } from '../../../formats/pointer.ts';

/** A `security` list that asks for something: not missing, not empty. */
const declares = (list: unknown[] | undefined): boolean => !!list && list.length > 0;

/** Index of an empty requirement (`{}` in v2: anonymous access is one of the alternatives). */
const anonymousAt = (list: unknown[]): number => list.findIndex((r) => isObj(r) && Object.keys(r).length === 0);

export default defineAsyncApiCheck({
  id: 'websocket-server-without-security',
  title: 'WebSocket server or operation without a security scheme',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API2:2023'],
  cwe: ['CWE-306'],
  messages: {
    server:
      'WebSocket server "{{name}}" declares no security and neither do its {{ops}}: anyone who can reach {{url}} can open the socket and exchange messages. Declare the scheme that authenticates the upgrade.',
    operation:
      'Operation "{{op}}" on channel {{channel}} of WebSocket server "{{server}}" has no security while other operations of the server do: this one is open to anonymous clients.',
    anonymous:
      'The security of {{what}} lists an empty requirement ({}), which lets clients connect without any credentials: remove it unless the socket is public on purpose.',
  },
  docs: {
    description:
      'Flags AsyncAPI WebSocket servers (protocol `ws`/`wss`) with no `security` (AsyncAPI 2 `servers[].security`, AsyncAPI 3 `servers.*.security`) when their operations declare none either; operations without security when others on the same server have it; and empty requirements (`{}`) that make authentication optional.',
    attack:
      "A WebSocket endpoint is a long-lived API: if the upgrade is not authenticated, anyone can subscribe to other users' events, send commands, and scrape data at socket speed. Scanners find such endpoints by their documented paths.",
    fix: 'Declare a security scheme (`httpApiKey` in a header, `http` bearer, `userPassword`, OAuth 2) on the server or on every operation, and enforce it during the HTTP upgrade, before the socket is opened. Public sockets should be documented as such with an `x-rampart-ignore` reason.',
  },
  check(api, ctx) {
    const opsOf = (s: AsyncApiServer): AsyncApiOperation[] => api.operations.filter((o) => o.channel.servers.includes(s));
    for (const server of api.servers) {
      if (!server.webSocket) continue;
      if (server.security && anonymousAt(server.security.value) >= 0) {
        ctx.report({
          pointer: joinPointer(server.security.pointer, anonymousAt(server.security.value)),
          messageId: 'anonymous',
          data: { what: `WebSocket server "${server.name}"` },
          part: 'value',
        });
      }
      if (declares(server.security?.value)) continue;
      const ops = opsOf(server);
      const secured = ops.filter((o) => declares(o.security?.value));
      if (secured.length === 0) {
        ctx.report({
          pointer: server.pointer,
          messageId: 'server',
          data: { name: server.name, url: server.url, ops: ops.length ? `${ops.length} operation(s)` : 'operations' },
        });
        continue;
      }
      for (const op of ops) {
        if (declares(op.security?.value)) continue;
        ctx.report({
          pointer: op.pointer,
          messageId: 'operation',
          data: { op: op.name, channel: op.channel.address, server: server.name },
        });
      }
    }
    for (const op of api.operations) {
      const at = op.security ? anonymousAt(op.security.value) : -1;
      if (!op.channel.webSocket || !op.security || at < 0) continue;
      ctx.report({
        pointer: joinPointer(op.security.pointer, at),
        messageId: 'anonymous',
        data: { what: `operation "${op.name}"` },
        part: 'value',
      });
    }
  },
});

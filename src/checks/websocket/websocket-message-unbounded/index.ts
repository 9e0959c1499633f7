import type { Obj } from '../../../engines/websocket/asyncapi.ts';
import { messageLabel, typesOf, walkSchema, webSocketOperations } from '../../../engines/websocket/schema.ts';
import { defineAsyncApiCheck } from '../../../engines/websocket/types.ts';
import { stringIsBounded } from '../../design/_shared/data-schema.ts';

/** Properties beyond the declared ones are refused (or capped in number). */
function closed(s: Obj): boolean {
  return s.additionalProperties === false || s.unevaluatedProperties === false || typeof s.maxProperties === 'number';
}

export default defineAsyncApiCheck({
  id: 'websocket-message-unbounded',
  title: 'Client message payload without size bounds',
  severity: 'low',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-770', 'CWE-1284'],
  messages: {
    string: '{{what}} of {{message}} is a string without maxLength: a client can push megabytes in one frame.',
    array: '{{what}} of {{message}} is an array without maxItems: a client can send any number of items in one frame.',
    object:
      '{{what}} of {{message}} accepts any extra property (additionalProperties is open): a client can add unbounded fields the server may store or echo to others.',
  },
  docs: {
    description:
      'Flags schemas of the messages a WebSocket server receives (AsyncAPI 2 `publish`, AsyncAPI 3 `receive` operations) that set no size: strings without `maxLength` (or enum, const, a length-bounding format, an anchored bounded pattern), arrays without `maxItems`, and objects whose `additionalProperties` is open (absent, `true` or a schema) without `maxProperties`.',
    attack:
      'A socket stays open and each frame is parsed, validated, stored and often broadcast to other clients: one client sending huge strings, million-item arrays or thousands of extra keys exhausts memory and CPU on the server and on every subscriber (unrestricted resource consumption).',
    fix: "Give every string a `maxLength`, every array a `maxItems`, and close objects with `additionalProperties: false`; validate every incoming frame against the schema and set the server's maximum frame size (`maxPayload` in ws, `max_size` in websockets) to what the largest valid message needs.",
  },
  check(api, ctx) {
    const seen = new Set<string>();
    for (const op of webSocketOperations(api, 'receive')) {
      for (const m of op.messages) {
        if (!m.payload) continue;
        const message = messageLabel(op, m);
        walkSchema(
          api,
          m.payload,
          ({ node, name }) => {
            const s = node.value;
            const types = typesOf(s);
            const what = name ? `Property "${name}"` : 'The payload';
            if (types.includes('string') && !stringIsBounded(s))
              ctx.report({ pointer: node.pointer, messageId: 'string', data: { what, message } });
            if (types.includes('array') && typeof s.maxItems !== 'number')
              ctx.report({ pointer: node.pointer, messageId: 'array', data: { what, message } });
            if (types.includes('object') && !closed(s)) {
              ctx.report({ pointer: node.pointer, messageId: 'object', data: { what, message } });
            }
          },
          seen,
        );
      }
    }
  },
});

import { messageLabel, typesOf, walkSchema, webSocketOperations } from '../../../engines/websocket/schema.ts';
import { defineAsyncApiCheck } from '../../../engines/websocket/types.ts';
import { AUTH_CONTEXT, ISSUING_CONTEXT } from '../../design/_shared/data-words.ts';
import { stemmedWords } from '../../design/_shared/words.ts';
import { sensitiveName } from '../_shared/names.ts';

const NOT_A_VALUE = new Set(['boolean', 'object', 'array', 'null']);

export default defineAsyncApiCheck({
  id: 'websocket-sensitive-field-in-message',
  title: 'Sensitive field in a message the server sends',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API3:2023'],
  cwe: ['CWE-200', 'CWE-359'],
  messages: {
    sent: 'Property "{{name}}" ({{path}}) of {{message}} sends {{what}} to the socket\'s clients; every subscriber of the channel may receive it.',
  },
  docs: {
    description:
      'Flags properties of the messages a WebSocket server sends (AsyncAPI 2 `subscribe`, AsyncAPI 3 `send` operations) whose whole-word name says they hold a credential or sensitive personal data: passwords and their hashes, secrets, private keys and card security codes (high); tokens, API keys, SSNs, card numbers, PINs, one-time codes and salts (medium). Properties marked writeOnly, flags (`has_password`), cursors (`page_token`) and non-string values are skipped, as are tokens and keys on channels and operations named for authentication (`auth`, `login`, `session`, `token`), which deliver them by design.',
    attack:
      "Server-sent events are often broadcast to every subscriber of a channel or room, logged by clients and kept in browser memory: a password hash, a token or a card number in an event reaches users who were never meant to see it, and one compromised client collects everyone's (excessive data exposure).",
    fix: 'Build outgoing events from an allow-list of fields, send secrets only once from a dedicated, authenticated operation, and show masked forms (last four digits) in events. Mark fields clients send but never receive as `writeOnly`.',
  },
  check(api, ctx) {
    const seen = new Set<string>();
    for (const op of webSocketOperations(api, 'send')) {
      for (const m of op.messages) {
        if (!m.payload) continue;
        const context = new Set([op.channel.address, op.name, m.name].flatMap((s) => stemmedWords(s)));
        const inContext = (set: ReadonlySet<string>) => [...context].some((w) => set.has(w));
        walkSchema(
          api,
          m.payload,
          ({ node, name, path }) => {
            if (!name || node.value.writeOnly === true) return;
            const kind = sensitiveName(name);
            if (!kind) return;
            const types = typesOf(node.value);
            if (types.length > 0 && types.every((t) => NOT_A_VALUE.has(t))) return;
            if (kind.issued === 'auth' && inContext(AUTH_CONTEXT)) return;
            if (kind.issued === 'issuing' && inContext(ISSUING_CONTEXT)) return;
            ctx.report({
              pointer: node.pointer,
              messageId: 'sent',
              severity: kind.severity,
              data: { name, path, message: messageLabel(op, m), what: kind.what },
              fingerprintKey: `sent\0${name}`,
            });
          },
          seen,
        );
      }
    }
  },
});

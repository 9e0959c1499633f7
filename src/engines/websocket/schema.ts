import { joinPointer } from '../../formats/pointer.ts';
import type { AsyncApiDoc, AsyncApiOperation, Node, Obj } from './asyncapi.ts';
import { isObj } from './asyncapi.ts';

/** One schema met while walking a message payload. */
export interface SchemaVisit {
  /** Where the schema is defined (`$ref` followed). */
  node: Node;
  /** Property name, when the schema is a property (array items keep their array's name). */
  name?: string;
  /** `payload.user.email`-style path from the payload root, for messages. */
  path: string;
}

/** Nesting followed in a payload: deeper schemas are generated or recursive, and not judged. */
const MAX_DEPTH = 32;

/**
 * Every schema of a payload, each definition once (a `$ref` reached twice, or recursively, is walked
 * once): properties, items, additionalProperties, allOf/anyOf/oneOf.
 */
export function walkSchema(api: AsyncApiDoc, root: Node, visit: (v: SchemaVisit) => void, seen = new Set<string>()): void {
  const go = (at: Node<unknown>, name: string | undefined, path: string, depth: number): void => {
    const n = api.resolve(at);
    if (!n || depth > MAX_DEPTH || seen.has(n.pointer)) return;
    seen.add(n.pointer);
    visit({ node: n, name, path });
    const s = n.value;
    if (isObj(s.properties)) {
      for (const [k, v] of Object.entries(s.properties))
        go({ pointer: joinPointer(n.pointer, 'properties', k), value: v }, k, `${path}.${k}`, depth + 1);
    }
    if (isObj(s.items)) go({ pointer: joinPointer(n.pointer, 'items'), value: s.items }, name, `${path}[]`, depth + 1);
    if (isObj(s.additionalProperties)) {
      go({ pointer: joinPointer(n.pointer, 'additionalProperties'), value: s.additionalProperties }, name, `${path}.*`, depth + 1);
    }
    for (const k of ['allOf', 'anyOf', 'oneOf']) {
      const list = s[k];
      if (!Array.isArray(list)) continue;
      for (let i = 0; i < list.length; i++) go({ pointer: joinPointer(n.pointer, k, i), value: list[i] }, name, path, depth + 1);
    }
  };
  go(root, undefined, 'payload', 0);
}

/** `send` operations on WebSocket channels (the server sends), or `receive` ones (clients send). */
export function webSocketOperations(api: AsyncApiDoc, action: 'send' | 'receive'): AsyncApiOperation[] {
  return api.operations.filter((o) => o.action === action && o.channel.webSocket);
}

export function typesOf(s: Obj): string[] {
  if (typeof s.type === 'string') return [s.type];
  if (Array.isArray(s.type)) return s.type.filter((t): t is string => typeof t === 'string');
  if (isObj(s.properties)) return ['object'];
  if (s.items !== undefined) return ['array'];
  return [];
}

/** `message "ChatMessage" of operation sendChat (channel /chat)`. */
export function messageLabel(op: AsyncApiOperation, message: { name: string }): string {
  return `message "${message.name}" of ${op.action === 'send' ? 'server-sent' : 'client-sent'} operation "${op.name}" (channel ${op.channel.address})`;
}

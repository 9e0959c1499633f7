/**
 * An AsyncAPI 2.x or 3.x document read into what the WebSocket checks judge: servers, channels,
 * operations and the messages each operation carries, every one with the JSON pointer of its definition
 * (local `$ref`s followed) so findings point at the exact line and column.
 */

import { getAt, joinPointer, parsePointer } from '../../formats/pointer.ts';
import type { StructuredDocument } from '../../formats/structured.ts';

export type Obj = Record<string, unknown>;

/** A node of the document: its value and where it is defined. */
export interface Node<T = Obj> {
  pointer: string;
  value: T;
}

export interface AsyncApiServer extends Node {
  name: string;
  /** `ws`, `wss`, `kafka`... from `protocol` or the URL scheme, lower case. */
  protocol: string;
  /** As written: v2 `url`, v3 `host` + `pathname`. */
  url: string;
  /** Host without port (variables kept as written). */
  host: string;
  webSocket: boolean;
  /** Pointer of `security` when the server declares it. */
  security?: Node<unknown[]>;
}

export interface AsyncApiChannel extends Node {
  name: string;
  /** v2 channel name, v3 `address` (falls back to the key). */
  address: string;
  servers: AsyncApiServer[];
  webSocket: boolean;
}

export interface AsyncApiMessage extends Node {
  /** Name for messages: `name`, the component key, else the pointer's last segment. */
  name: string;
  /** The payload schema, when the message has one in a JSON Schema format. */
  payload?: Node;
}

export interface AsyncApiOperation extends Node {
  /** operationId (v2), the key (v3), else `publish /chat`. */
  name: string;
  /**
   * From the application's side, as AsyncAPI 3 says it: `send` (the server sends it to clients; v2
   * `subscribe`) or `receive` (clients send it; v2 `publish`).
   */
  action: 'send' | 'receive';
  channel: AsyncApiChannel;
  messages: AsyncApiMessage[];
  security?: Node<unknown[]>;
}

export interface AsyncApiDoc {
  version: 2 | 3;
  doc: StructuredDocument;
  servers: AsyncApiServer[];
  channels: AsyncApiChannel[];
  operations: AsyncApiOperation[];
  /** Follows local `$ref`s (at most a few hops, cycles cut); undefined when unresolvable. */
  resolve(node: Node<unknown>): Node | undefined;
}

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const MAX_REF_HOPS = 32;

function resolver(root: unknown) {
  return (node: Node<unknown>): Node | undefined => {
    let cur: Node<unknown> = node;
    for (let hops = 0; hops <= MAX_REF_HOPS; hops++) {
      if (!isObj(cur.value)) return undefined;
      const ref = cur.value.$ref;
      if (typeof ref !== 'string') return cur as Node;
      // External files are out of scope here: the audit reads one document.
      if (!ref.startsWith('#')) return undefined;
      let segs: string[];
      try {
        segs = parsePointer(ref);
      } catch {
        return undefined;
      }
      const target = getAt(root, segs);
      if (target === undefined) return undefined;
      cur = { pointer: ref.slice(1), value: target };
    }
    return undefined;
  };
}

const JSON_SCHEMA_FORMAT = /^application\/(schema|vnd\.aai\.asyncapi)(\+json|\+yaml)?(;|$)/i;

function serverOf(name: string, pointer: string, v: Obj, version: 2 | 3): AsyncApiServer {
  let url: string;
  let host: string;
  let scheme = '';
  if (version === 2) {
    url = str(v.url) ?? '';
    const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
    if (m) scheme = m[1].toLowerCase();
    host = hostOf(m ? url.slice(m[0].length) : url);
  } else {
    host = hostOf(str(v.host) ?? '');
    url = `${str(v.host) ?? ''}${str(v.pathname) ?? ''}`;
  }
  const protocol = (str(v.protocol) ?? scheme).toLowerCase();
  const security = Array.isArray(v.security) ? { pointer: joinPointer(pointer, 'security'), value: v.security } : undefined;
  return {
    name,
    pointer,
    value: v,
    protocol,
    url,
    host,
    webSocket: protocol === 'ws' || protocol === 'wss' || scheme === 'ws' || scheme === 'wss',
    security,
  };
}

/** `user:pw@host:8080/path` → `host`; IPv6 literals keep their brackets. */
function hostOf(s: string): string {
  let h = s.split(/[/?#]/, 1)[0] ?? '';
  h = h.slice(h.lastIndexOf('@') + 1);
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:[^:]*$/, '');
}

/** Reads a parsed document. Undefined when it is not AsyncAPI 2 or 3 (the caller says why). */
export function readAsyncApi(doc: StructuredDocument): AsyncApiDoc | undefined {
  const root = doc.value;
  if (!isObj(root)) return undefined;
  const major = /^([23])\./.exec(String(root.asyncapi ?? ''))?.[1];
  if (!major) return undefined;
  const version = Number(major) as 2 | 3;
  const resolve = resolver(root);

  const servers: AsyncApiServer[] = [];
  if (isObj(root.servers)) {
    for (const [name, raw] of Object.entries(root.servers)) {
      const n = resolve({ pointer: joinPointer('/servers', name), value: raw });
      if (n) servers.push(serverOf(name, n.pointer, n.value, version));
    }
  }
  const byServerPointer = new Map(servers.map((s) => [s.pointer, s]));
  const byServerName = new Map(servers.map((s) => [s.name, s]));
  const anyWebSocket = servers.some((s) => s.webSocket);

  const channelServers = (ch: Obj): AsyncApiServer[] => {
    if (!Array.isArray(ch.servers) || ch.servers.length === 0) return servers;
    const out: AsyncApiServer[] = [];
    for (const s of ch.servers) {
      if (typeof s === 'string') {
        const found = byServerName.get(s);
        if (found) out.push(found);
      } else {
        const n = resolve({ pointer: '', value: s });
        const found = n ? byServerPointer.get(n.pointer) : undefined;
        if (found) out.push(found);
      }
    }
    return out;
  };

  const messageOf = (n: Node): AsyncApiMessage => {
    const key = n.pointer.split('/').pop() ?? '';
    const name = str(n.value.name) ?? str(n.value.messageId) ?? key.replace(/~1/g, '/').replace(/~0/g, '~');
    let payload: Node | undefined;
    const p = resolve({ pointer: joinPointer(n.pointer, 'payload'), value: n.value.payload });
    if (p) {
      // A multi-format schema (v3) or a v2 schemaFormat on the message: only JSON Schema formats are read.
      const format = str(p.value.schemaFormat) ?? str(n.value.schemaFormat);
      const inner = p.value.schemaFormat !== undefined ? resolve({ pointer: joinPointer(p.pointer, 'schema'), value: p.value.schema }) : p;
      if (inner && (format === undefined || JSON_SCHEMA_FORMAT.test(format))) payload = inner;
    }
    return { pointer: n.pointer, value: n.value, name, payload };
  };

  /** A message or `{ oneOf: [...] }` (v2), each item possibly a `$ref`. */
  const messagesIn = (at: Node<unknown>): AsyncApiMessage[] => {
    const n = resolve(at);
    if (!n) return [];
    if (Array.isArray(n.value.oneOf)) {
      return n.value.oneOf.flatMap((m, i) => messagesIn({ pointer: joinPointer(n.pointer, 'oneOf', i), value: m }));
    }
    return [messageOf(n)];
  };

  const channels: AsyncApiChannel[] = [];
  const operations: AsyncApiOperation[] = [];
  const channelByPointer = new Map<string, AsyncApiChannel>();
  if (isObj(root.channels)) {
    for (const [key, raw] of Object.entries(root.channels)) {
      const n = resolve({ pointer: joinPointer('/channels', key), value: raw });
      if (!n) continue;
      const chServers = channelServers(n.value);
      const hasWsBinding = isObj(n.value.bindings) && 'ws' in n.value.bindings;
      const ch: AsyncApiChannel = {
        name: key,
        pointer: n.pointer,
        value: n.value,
        address: version === 3 ? (str(n.value.address) ?? key) : key,
        servers: chServers,
        // Without any server, the document says nothing of the transport: judge its channels anyway.
        webSocket: hasWsBinding || chServers.some((s) => s.webSocket) || (servers.length === 0 && !anyWebSocket),
      };
      channels.push(ch);
      channelByPointer.set(ch.pointer, ch);
      channelByPointer.set(joinPointer('/channels', key), ch);
      if (version !== 2) continue;
      for (const [verb, action] of [
        ['publish', 'receive'],
        ['subscribe', 'send'],
      ] as const) {
        const op = resolve({ pointer: joinPointer(n.pointer, verb), value: n.value[verb] });
        if (!op) continue;
        operations.push({
          pointer: op.pointer,
          value: op.value,
          name: str(op.value.operationId) ?? `${verb} ${key}`,
          action,
          channel: ch,
          messages: messagesIn({ pointer: joinPointer(op.pointer, 'message'), value: op.value.message }),
          security: Array.isArray(op.value.security)
            ? { pointer: joinPointer(op.pointer, 'security'), value: op.value.security }
            : undefined,
        });
      }
    }
  }

  if (version === 3 && isObj(root.operations)) {
    for (const [key, raw] of Object.entries(root.operations)) {
      const op = resolve({ pointer: joinPointer('/operations', key), value: raw });
      if (!op || (op.value.action !== 'send' && op.value.action !== 'receive')) continue;
      const chNode = resolve({ pointer: joinPointer(op.pointer, 'channel'), value: op.value.channel });
      const channel = chNode ? channelByPointer.get(chNode.pointer) : undefined;
      if (!channel) continue;
      let messages: AsyncApiMessage[];
      if (Array.isArray(op.value.messages)) {
        messages = op.value.messages.flatMap((m, i) => messagesIn({ pointer: joinPointer(op.pointer, 'messages', i), value: m }));
      } else {
        // No list: every message of the channel.
        const all = isObj(channel.value.messages) ? channel.value.messages : {};
        messages = Object.entries(all).flatMap(([k, m]) => messagesIn({ pointer: joinPointer(channel.pointer, 'messages', k), value: m }));
      }
      operations.push({
        pointer: op.pointer,
        value: op.value,
        name: key,
        action: op.value.action,
        channel,
        messages,
        security: Array.isArray(op.value.security) ? { pointer: joinPointer(op.pointer, 'security'), value: op.value.security } : undefined,
      });
    }
  }

  return { version, doc, servers, channels, operations, resolve };
}

/**
 * Servers as the transport / inventory checks need them: every server of a definition once (root,
 * path-item and operation level in 3.x; `schemes` + `host` at the root and per operation in 2.0), the
 * server object around a URL (for its description and variables), and an operation's effective servers
 * including Swagger 2.0 operation-level `schemes`, which the model leaves out.
 */
import type { DesignContext, DesignVisitors, Obj } from '../../../engines/design/types.ts';
import type { ApiModel, Operation, Server } from '../../../formats/openapi/model.ts';
import { child, type NodeRef } from '../../../formats/openapi/refs.ts';
import { displayUrl, type ParsedUrl, parseUrl } from './net-url.ts';
import { isObj, nodeKey } from './nodes.ts';

/** The node that holds `ref` (one pointer segment up), in the same file. */
export function parentOf(ref: NodeRef): NodeRef | undefined {
  const cut = ref.pointer.lastIndexOf('/');
  if (cut < 0) return undefined;
  const pointer = ref.pointer.slice(0, cut);
  let cur: unknown = ref.doc.value;
  if (pointer) {
    for (const raw of pointer.slice(1).split('/')) {
      const seg = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Obj)[seg];
    }
  }
  return cur === undefined ? undefined : { doc: ref.doc, pointer, value: cur };
}

/** A server with what the checks judge it by. */
export interface ServerInfo {
  server: Server;
  parsed: ParsedUrl;
  /** The URL as messages show it: credentials redacted; a 2.0 definition without `host` says so. */
  label: string;
  /** 3.x: the server object (`servers/N`) with `url`, `description`, `variables`. */
  object?: NodeRef<Obj>;
  /** 2.0: the `host` node, when the definition has one. */
  host?: NodeRef<string>;
}

/** True when a 2.0 definition declares no `host` (the model then pretends `localhost`). */
function v2WithoutHost(api: ApiModel): boolean {
  return api.version === '2.0' && typeof api.root.value.host !== 'string';
}

export function describeServer(api: ApiModel, server: Server): ServerInfo {
  if (api.version === '2.0') {
    const host = child<string>(api.root, 'host');
    // No host: the API is served from wherever the definition is; only the scheme is known.
    const noHost = v2WithoutHost(api);
    const parsed = noHost ? { scheme: server.scheme, hostname: '', username: '', password: '', relative: true } : parseUrl(server.url);
    const base = typeof api.root.value.basePath === 'string' ? api.root.value.basePath : '';
    const label = noHost ? `${server.scheme}://<the host serving the definition>${base}` : displayUrl(server.url);
    return { server, parsed, label, host: typeof host?.value === 'string' ? host : undefined };
  }
  const parent = server.ref.pointer.endsWith('/url') ? parentOf(server.ref) : undefined;
  return {
    server,
    parsed: parseUrl(server.url),
    label: displayUrl(server.url),
    object: parent && isObj(parent.value) ? (parent as NodeRef<Obj>) : undefined,
  };
}

/** Swagger 2.0 operation-level `schemes` override the root ones; the model does not read them. */
function v2OperationServers(api: ApiModel, op: Operation): Server[] | undefined {
  const schemes = child(op.ref, 'schemes');
  if (!schemes || !Array.isArray(schemes.value)) return undefined;
  const r = api.root.value;
  const host = typeof r.host === 'string' ? r.host : 'localhost';
  const base = typeof r.basePath === 'string' ? r.basePath : '';
  return schemes.value.map((s, i) => ({
    url: `${String(s)}://${host}${base}`,
    ref: child(schemes, i) as NodeRef,
    scheme: String(s).toLowerCase(),
  }));
}

/** The servers an operation is reached through (3.x: operation, path item or root; 2.0: op or root schemes). */
export function effectiveServers(api: ApiModel, op: Operation): Server[] {
  if (api.version === '2.0') return v2OperationServers(api, op) ?? op.servers;
  return op.servers;
}

/**
 * Collects every distinct server node of the definition as visitors see them; call `add` from the
 * `server` visitor and `addOperation` from the `operation` visitor, read `all()` in `done` (or let
 * judgeServerUrls do all three).
 */
export class ServerCollector {
  private seen = new Set<string>();
  private list: ServerInfo[] = [];
  private api: ApiModel;
  constructor(ctx: DesignContext) {
    this.api = ctx.api;
  }
  add(server: Server): ServerInfo | undefined {
    const k = nodeKey(server.ref);
    if (this.seen.has(k)) return undefined;
    this.seen.add(k);
    const info = describeServer(this.api, server);
    this.list.push(info);
    return info;
  }
  /** Adds the servers declared on (or inherited by) an operation; returns the newly seen ones. */
  addOperation(op: Operation): ServerInfo[] {
    const out: ServerInfo[] = [];
    // Callbacks and webhooks are sent by the API to its clients: their servers are not the API's.
    if (op.kind !== 'path') return out;
    for (const s of effectiveServers(this.api, op)) {
      const info = this.add(s);
      if (info) out.push(info);
    }
    return out;
  }
  all(): ServerInfo[] {
    return this.list;
  }
  /**
   * Servers grouped by URL, in the order they were first met (root servers first): the same URL declared
   * on many operations is one server, to be reported once.
   */
  byUrl(): Map<string, ServerInfo[]> {
    const out = new Map<string, ServerInfo[]>();
    for (const info of this.list) {
      const group = out.get(info.server.url);
      if (group) group.push(info);
      else out.set(info.server.url, [info]);
    }
    return out;
  }
}

/**
 * The visitors of a check that judges each distinct server URL once, after the whole definition has been
 * seen: `judge` gets the servers of one URL (root servers first) and the map of all URLs.
 */
export function judgeServerUrls(
  ctx: DesignContext,
  judge: (group: ServerInfo[], byUrl: Map<string, ServerInfo[]>) => void,
): DesignVisitors {
  const servers = new ServerCollector(ctx);
  return {
    server: (s) => {
      servers.add(s);
    },
    operation: (op) => {
      servers.addOperation(op);
    },
    done: () => {
      const byUrl = servers.byUrl();
      for (const group of byUrl.values()) judge(group, byUrl);
    },
  };
}

/** Evidence for a server declared more than once: `declared 12 times (first at /paths/...)`. */
export function occurrences(group: ServerInfo[]): string | undefined {
  return group.length > 1 ? `"${displayUrl(group[0].server.url)}" is declared ${group.length} times in this definition` : undefined;
}

const MAX_ENUM = 64;

/** Another URL a server variable's `enum` allows: a server the definition also advertises. */
export interface VariableAlternative {
  name: string;
  value: string;
  /** The server URL with this value (other variables at their defaults). */
  url: string;
  /** The enum item. */
  node: NodeRef;
}

/** The non-default values of each server variable used in the URL (bounded to 64 per variable). */
export function variableAlternatives(obj: NodeRef<Obj>): VariableAlternative[] {
  const raw = obj.value.url;
  const vars = child<Obj>(obj, 'variables');
  if (typeof raw !== 'string' || !vars || !isObj(vars.value)) return [];
  const defaults = new Map<string, string>();
  for (const [k, v] of Object.entries(vars.value)) if (isObj(v) && v.default !== undefined) defaults.set(k, String(v.default));
  const expand = (name: string, value: string) => {
    let url = raw;
    for (const [k, d] of defaults) url = url.split(`{${k}}`).join(k === name ? value : d);
    return url;
  };
  const out: VariableAlternative[] = [];
  for (const name of Object.keys(vars.value)) {
    const en = child<unknown[]>(vars, name, 'enum');
    if (!en || !Array.isArray(en.value) || !raw.includes(`{${name}}`)) continue;
    en.value.slice(0, MAX_ENUM).forEach((v, i) => {
      const value = String(v);
      if (value !== defaults.get(name)) out.push({ name, value, url: expand(name, value), node: child(en, i) as NodeRef });
    });
  }
  return out;
}

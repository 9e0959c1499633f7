import type { CreatedResource, Endpoint, Exchange, ProbeContext } from '../../../engines/probe/types.ts';
import { defineProbeCheck } from '../../../engines/probe/types.ts';
import {
  admins,
  changedFields,
  collectionOf,
  is2xx,
  isEmptyCollection,
  isErrorBody,
  jsonOf,
  marker,
  markStrings,
  numOption,
  paramsFromPath,
  readBack,
  Scratch,
  sendOn,
  show,
  statusOf,
  successSchema,
  unwrap,
  users,
  writable,
} from '../_authz/kit.ts';

const ITEM = /\{[^}]+\}$/;
const SWITCHED = ['PATCH', 'PUT', 'DELETE'] as const;

function sameEndpoint(x: Exchange, e: Endpoint): boolean {
  return x.endpoint === e || (x.endpoint?.method === e.method && x.endpoint.path === e.path);
}

/** Sent without any credentials (no identity, no Authorization or Cookie header of another check's). */
function anonymous(x: Exchange): boolean {
  const h = x.request.sentHeaders;
  return x.identity === undefined && !h.authorization && !h.cookie;
}

/** What the non-admin's answer shows: data, not a refusal in a 2xx, nor a list filtered down to nothing. */
function servesData(ex: Exchange): boolean {
  return is2xx(ex.response) && !isErrorBody(ex) && !isEmptyCollection(jsonOf(ex));
}

interface Proof {
  exchanges: Exchange[];
  proof: string;
  owner?: string;
}

/** A change a non-admin made to an admin's object, read back by the admin. */
async function proveChange(
  ctx: ProbeContext,
  owner: string,
  obj: CreatedResource,
  reader: Endpoint,
  send: (json: unknown) => Promise<Exchange | undefined>,
  schema: Record<string, unknown> | undefined,
  base: unknown,
): Promise<Proof | undefined> {
  const before = await readBack(ctx, reader, obj.path, obj.template, owner);
  if (!before || !is2xx(before.response)) return undefined;
  const { body, marked } = markStrings(base ?? writable(unwrap(jsonOf(before)), schema), schema, marker('rampart-bfla'));
  if (!marked.length) return undefined;
  const change = await send(body);
  if (!change || !is2xx(change.response)) return undefined;
  const after = await readBack(ctx, reader, obj.path, obj.template, owner);
  if (!after || !is2xx(after.response)) return undefined;
  const fields = changedFields(jsonOf(before), jsonOf(after), body);
  if (!fields.length) return undefined;
  const f = fields[0] as string;
  return {
    exchanges: [change, after, before],
    owner,
    proof: `${owner} reads ${f} = ${show((body as Record<string, unknown>)[f])} back from ${reader.method} ${reader.path}`,
  };
}

/** A delete a non-admin made of someone else's object: the owner's read answers 404 or 410 afterwards. */
async function proveDelete(
  ctx: ProbeContext,
  owner: string,
  obj: CreatedResource,
  reader: Endpoint,
  send: () => Promise<Exchange | undefined>,
): Promise<Proof | undefined> {
  const before = await readBack(ctx, reader, obj.path, obj.template, owner);
  if (!before || !is2xx(before.response)) return undefined;
  const del = await send();
  if (!del || !is2xx(del.response)) return undefined;
  const after = await readBack(ctx, reader, obj.path, obj.template, owner);
  const s = after?.response?.status;
  if (!after || (s !== 404 && s !== 410)) return undefined;
  return {
    exchanges: [del, after, before],
    owner,
    proof: `${owner}'s object is gone, ${reader.method} ${reader.path} answers ${s} afterwards`,
  };
}

/** A non-admin calling an admin operation: the crawl's request, or one sent here for reads and for changes on probe objects. */
async function adminCall(ctx: ProbeContext, scratch: Scratch, e: Endpoint, user: string): Promise<Proof | undefined> {
  const method = e.method.toUpperCase();
  // Served without any credentials: missing authentication (auth-not-enforced), not a missing role check.
  if (ctx.exchanges().some((x) => anonymous(x) && sameEndpoint(x, e) && servesData(x))) return undefined;
  const crawled = ctx.exchanges().filter((x) => x.identity === user && sameEndpoint(x, e) && x.response);
  const seen = crawled.find(servesData) ?? crawled[0];
  if (seen) {
    if (!servesData(seen)) return undefined;
    // A 2xx to a change is proven by its body (the created or changed object); a bare 204 is not.
    return { exchanges: [seen], proof: method === 'GET' || method === 'HEAD' ? 'data in the body' : 'the result in the body' };
  }
  if (method === 'GET' || method === 'HEAD') {
    const req = await ctx.build(e, user);
    if (!req) return undefined;
    const ex = await ctx.send(req, user, e);
    return servesData(ex) ? { exchanges: [ex], proof: 'data in the body' } : undefined;
  }
  // Changes and deletes only on objects an admin identity made for this purpose.
  if ((method !== 'PUT' && method !== 'PATCH' && method !== 'DELETE') || !ITEM.test(e.path)) return undefined;
  const reader = collectionOf(ctx, e).read[0];
  if (!reader) return undefined;
  for (const owner of admins(ctx).map((a) => a.name)) {
    const obj = await scratch.get(owner, e);
    if (!obj) continue;
    if (method === 'DELETE') {
      const p = await proveDelete(ctx, owner, obj, reader, () => sendOn(ctx, e, obj.path, user, { idsOf: owner }));
      if (p) scratch.drop(owner, e);
      return p;
    }
    const req = await ctx.build(e, user, { idsOf: owner, params: paramsFromPath(e.path, obj.path) });
    return proveChange(
      ctx,
      owner,
      obj,
      reader,
      (json) => sendOn(ctx, e, obj.path, user, { idsOf: owner, json }),
      e.body?.schema,
      req?.json,
    );
  }
  return undefined;
}

/**
 * Undocumented PUT/PATCH/DELETE on a documented item path, sent by a user on an object someone else
 * (an admin first) created through the probe, proven by the owner reading the change or the 404.
 */
async function switchMethod(
  ctx: ProbeContext,
  scratch: Scratch,
  template: string,
  method: string,
  user: string,
): Promise<Proof | undefined> {
  const onPath = ctx.endpoints.filter((e) => e.path === template);
  const anchor = onPath.find((e) => e.resource) ?? onPath[0];
  if (!anchor) return undefined;
  const reader = collectionOf(ctx, anchor).read[0];
  if (!reader) return undefined;
  const owners = [...admins(ctx), ...users(ctx)].map((i) => i.name).filter((n) => n !== user);
  for (const owner of owners) {
    if (ctx.signal.aborted) return undefined;
    const obj = await scratch.get(owner, anchor);
    if (!obj) continue;
    const path = obj.path;
    if (method === 'DELETE') {
      const p = await proveDelete(ctx, owner, obj, reader, () => ctx.send({ method, path }, user));
      if (p) scratch.drop(owner, anchor);
      return p;
    }
    return proveChange(ctx, owner, obj, reader, (json) => ctx.send({ method, path, json }, user), successSchema(reader), undefined);
  }
  return undefined;
}

export default defineProbeCheck({
  id: 'bfla',
  title: 'A user can call an administrator function',
  severity: 'high',
  confidence: 'high',
  owasp: ['API5:2023'],
  cwe: ['CWE-285'],
  messages: {
    admin:
      '{{user}}, who is not an administrator, called the admin operation {{method}} {{path}} and it worked ({{status}}, {{proof}}): the operation checks that the caller is signed in, not that they may use it, so every user has administrator powers here. Check the role or scope on the server (a middleware on the whole admin API, deny by default) and answer 403 to everyone else.',
    switched:
      '{{user}}, who is not an administrator, sent {{method}} {{path}}, a method the definition does not document for this path, and got {{status}}: {{proof}}. A leftover or framework-generated route performs the operation without the role or ownership check the documented routes have. Remove the route (answer 405), or give it the same authorization as the documented admin operation.',
  },
  defaultOptions: { maxEndpoints: 60 },
  docs: {
    description:
      "Broken function level authorization. Calls every admin operation (an admin scope, role, tag or `/admin` path) as each non-admin identity and flags a 2xx that carries data, not an error envelope or an empty filtered list; changes and deletes are sent only on objects an admin identity created through the probe and count when the admin reads the change back or gets 404. Also switches methods: an undocumented PUT, PATCH or DELETE on a documented item path, sent by a user on another identity's probe-created object (an admin's first), proven the same way.",
    attack:
      'Admin functions are often protected only by being hidden: the menu entry is not shown to users, the route is "not documented". Attackers read the client code or guess (/admin/users, DELETE on a path that only documents GET) and call them with an ordinary account, listing every user, deleting catalogue entries or granting themselves roles: OWASP API5.',
    fix: 'Enforce roles on the server for every operation: one authorization layer (middleware, policy or gateway rule) that denies by default and grants admin operations to admin roles only. Route only the methods you document, so unknown methods answer 405, and test every admin operation with a non-admin account in CI.',
  },
  async run(ctx) {
    const people = users(ctx).map((i) => i.name);
    if (!people.length) return;
    let left = numOption(ctx.options, 'maxEndpoints', 60);
    const scratch = new Scratch(ctx);

    for (const e of ctx.endpoints) {
      if (!e.admin || e.auth === 'none') continue;
      if (ctx.signal.aborted || left-- <= 0) return;
      for (const user of people) {
        const p = await adminCall(ctx, scratch, e, user);
        if (!p) continue;
        ctx.report({
          endpoint: e,
          messageId: 'admin',
          data: { user, method: e.method, path: e.path, status: statusOf(p.exchanges[0] as Exchange), proof: p.proof },
          exchanges: p.exchanges,
          identities: p.owner ? [p.owner, user] : [user],
        });
        break;
      }
    }

    const templates = [...new Set(ctx.endpoints.filter((e) => ITEM.test(e.path)).map((e) => e.path))];
    for (const template of templates) {
      const documented = new Set(ctx.endpoints.filter((e) => e.path === template).map((e) => e.method.toUpperCase()));
      for (const method of SWITCHED) {
        if (documented.has(method)) continue;
        if (ctx.signal.aborted || left-- <= 0) return;
        const user = people[0] as string;
        const p = await switchMethod(ctx, scratch, template, method, user);
        if (!p) continue;
        ctx.report({
          method,
          path: template,
          messageId: 'switched',
          data: { user, method, path: template, status: statusOf(p.exchanges[0] as Exchange), proof: p.proof },
          exchanges: p.exchanges,
          identities: p.owner ? [p.owner, user] : [user],
        });
      }
    }
  },
});

import type { CreatedResource, Endpoint, Exchange, ProbeContext } from '../../../engines/probe/types.ts';
import { defineProbeCheck } from '../../../engines/probe/types.ts';
import {
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
  sameRecord,
  sendOn,
  show,
  statusOf,
  users,
} from '../_authz/kit.ts';

type Action = 'read' | 'update' | 'delete';
const ORDER: Record<Action, number> = { read: 0, update: 1, delete: 2 };

/** Item endpoints of collections users own, reads first and deletes last (a delete ends the object). */
function targets(ctx: ProbeContext): { e: Endpoint; action: Action }[] {
  const out: { e: Endpoint; action: Action }[] = [];
  for (const e of ctx.endpoints) {
    // Admin operations are BFLA's; public ones serve everyone by design.
    if (e.admin || e.auth === 'none' || !e.path.includes('{')) continue;
    const a = e.resource?.action;
    if ((a === 'read' || a === 'update' || a === 'delete') && /\{[^}]+\}$/.test(e.path)) out.push({ e, action: a });
    // Reads below an id: `/users/{userId}/orders`, `/accounts/{accountId}/statement`.
    else if (e.method.toUpperCase() === 'GET') out.push({ e, action: 'read' });
  }
  return out.sort((x, y) => ORDER[x.action] - ORDER[y.action]);
}

interface Attempt {
  ctx: ProbeContext;
  e: Endpoint;
  owner: string;
  attacker: string;
}

function report(a: Attempt, messageId: Action, exchanges: Exchange[], data: Record<string, unknown>): void {
  a.ctx.report({
    endpoint: a.e,
    messageId,
    data: { owner: a.owner, attacker: a.attacker, method: a.e.method, path: a.e.path, ...data },
    exchanges,
    identities: [a.owner, a.attacker],
  });
}

/** B gets A's object: the same record A sees, not an error envelope, and not something public. */
async function tryRead(a: Attempt, path: string): Promise<boolean> {
  const { ctx, e, owner, attacker } = a;
  const mine = await sendOn(ctx, e, path, owner);
  // An empty list proves nothing: everyone's empty lists look alike.
  if (!mine || !is2xx(mine.response) || isErrorBody(mine) || isEmptyCollection(jsonOf(mine))) return false;
  const theirs = await sendOn(ctx, e, path, attacker, { idsOf: owner });
  if (!theirs || !is2xx(theirs.response) || isErrorBody(theirs) || !sameRecord(mine, theirs)) return false;
  if (e.auth !== 'required') {
    // Without declared security the object may be public: an anonymous request getting it too says so.
    const anon = await ctx.send({ method: e.method, path: theirs.request.path }, null, e);
    if (is2xx(anon.response) && !isErrorBody(anon) && sameRecord(mine, anon)) return false;
  }
  report(a, 'read', [theirs, mine], { status: statusOf(theirs) });
  return true;
}

/** B changes A's object; A reads B's values back. */
async function tryUpdate(a: Attempt, obj: CreatedResource, reader: Endpoint): Promise<boolean> {
  const { ctx, e, owner, attacker } = a;
  const before = await readBack(ctx, reader, obj.path, e.path, owner);
  if (!before || !is2xx(before.response)) return false;
  const probe = await ctx.build(e, attacker, { idsOf: owner, params: paramsFromPath(e.path, obj.path) });
  if (!probe) return false;
  const { body } = markStrings(probe.json, e.body?.schema, marker('rampart-bola'));
  const change = await sendOn(ctx, e, obj.path, attacker, { idsOf: owner, json: body });
  if (!change || !is2xx(change.response)) return false;
  const after = await readBack(ctx, reader, obj.path, e.path, owner);
  if (!after || !is2xx(after.response)) return false;
  const fields = changedFields(jsonOf(before), jsonOf(after), body);
  if (!fields.length) return false;
  const field = fields[0] as string;
  report(a, 'update', [change, after, before], {
    status: statusOf(change),
    field,
    value: show((body as Record<string, unknown>)[field]),
    reader: `${reader.method} ${reader.path}`,
  });
  return true;
}

/** B deletes A's object; A's read answers 404 or 410 afterwards (it answered 2xx before). */
async function tryDelete(a: Attempt, obj: CreatedResource, reader: Endpoint): Promise<boolean> {
  const { ctx, e, owner, attacker } = a;
  const before = await readBack(ctx, reader, obj.path, e.path, owner);
  if (!before || !is2xx(before.response)) return false;
  const del = await sendOn(ctx, e, obj.path, attacker, { idsOf: owner });
  if (!del || !is2xx(del.response)) return false;
  const after = await readBack(ctx, reader, obj.path, e.path, owner);
  const gone = after?.response?.status;
  if (!after || (gone !== 404 && gone !== 410)) return false;
  report(a, 'delete', [del, after, before], { status: statusOf(del), after: statusOf(after), reader: `${reader.method} ${reader.path}` });
  return true;
}

/**
 * The path of an object `owner` has for a read endpoint: one the probe created, else the path the
 * builder fills with `owner`'s own ids (their account from `/me`) when it differs from another
 * user's (so the id is theirs, not a shared example).
 */
async function ownedPath(ctx: ProbeContext, e: Endpoint, owner: string, other: string): Promise<string | undefined> {
  if (e.resource?.action === 'read') {
    const objs = await ctx.resources.ownedBy(owner, e.path);
    if (objs[0]) return objs[0].path;
  }
  const mine = await ctx.build(e, owner);
  const theirs = await ctx.build(e, other);
  const p = mine?.path.split('?')[0];
  return p && theirs && p !== theirs.path.split('?')[0] ? p : undefined;
}

export default defineProbeCheck({
  id: 'bola',
  title: "A user can read, change or delete another user's object",
  severity: 'high',
  confidence: 'high',
  owasp: ['API1:2023'],
  cwe: ['CWE-639', 'CWE-284'],
  messages: {
    read: "{{attacker}} read {{owner}}'s object with {{method}} {{path}}: the request with {{owner}}'s id answered {{status}} with the same record {{owner}} gets. The API finds the object by its id alone, so any signed-in user reads anyone's data by changing the id in the URL. Check on every request that the object belongs to the caller (look it up by id AND owner) and answer 404 when it does not.",
    update:
      "{{attacker}} changed {{owner}}'s object with {{method}} {{path}} ({{status}}): {{owner}} reads {{field}} = {{value}} back from {{reader}}, the value {{attacker}} sent. Any signed-in user can alter anyone's data by changing the id in the URL. Check that the object belongs to the caller before changing it (update by id AND owner) and answer 404 when it does not.",
    delete:
      "{{attacker}} deleted {{owner}}'s object with {{method}} {{path}} ({{status}}): {{owner}} gets {{after}} from {{reader}} afterwards. Any signed-in user can delete anyone's data by changing the id in the URL. Check that the object belongs to the caller before deleting it (delete by id AND owner) and answer 404 when it does not.",
  },
  defaultOptions: { maxEndpoints: 60 },
  docs: {
    description:
      "Broken object level authorization, proven on objects the probe itself created: for every read, update and delete operation on an item (`/orders/{orderId}`), another user (every non-admin identity but the owner) sends the request with the owner's id. A read counts when it returns the record the owner sees (not an error envelope, and not something anonymous requests get too); an update when the owner reads the attacker's marker values back; a delete when the owner's read answers 404 or 410 afterwards.",
    attack:
      "Object ids travel in URLs and are easy to guess or collect (sequential numbers, ids in shared links, logs or other responses). When the API checks only that the caller is signed in, not that the object is theirs, an attacker walks through the ids and reads, rewrites or deletes every customer's orders, files or accounts: OWASP API1, the most common API flaw.",
    fix: "Authorize every object access on the server: load the object by id AND the caller (`WHERE id = ? AND user_id = ?`), or check its owner, tenant or ACL right after loading it, in one place every handler uses. Answer 404 (not 403) for objects the caller may not see, and add tests in which one user requests another user's ids.",
  },
  async run(ctx) {
    const people = users(ctx).map((i) => i.name);
    if (people.length < 2) return;
    let left = numOption(ctx.options, 'maxEndpoints', 60);
    const scratch = new Scratch(ctx);
    for (const { e, action } of targets(ctx)) {
      if (ctx.signal.aborted || left-- <= 0) return;
      const reader = collectionOf(ctx, e).read[0];
      if (action !== 'read' && !reader) continue;
      let found = false;
      for (const owner of people) {
        if (found || ctx.signal.aborted) break;
        const others = people.filter((p) => p !== owner);
        if (action === 'read') {
          const path = await ownedPath(ctx, e, owner, others[0] as string);
          if (!path) continue;
          for (const attacker of others) if (!found) found = await tryRead({ ctx, e, owner, attacker }, path);
          continue;
        }
        // Changes and deletes only ever touch an object the probe created for this purpose.
        const obj = await scratch.get(owner, e);
        if (!obj || !reader) continue;
        for (const attacker of others) {
          if (found || ctx.signal.aborted) break;
          const a = { ctx, e, owner, attacker };
          found = action === 'update' ? await tryUpdate(a, obj, reader) : await tryDelete(a, obj, reader);
          if (found && action === 'delete') scratch.drop(owner, e);
        }
      }
    }
  },
});

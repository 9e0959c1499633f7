import { type GraphQLField, type GraphQLSchema, getNamedType, isInterfaceType, isObjectType, isScalarType } from 'graphql';
import { argumentsOf, callable, isRequired, rootFields, str } from '../../../engines/graphql/build.ts';
import { parse } from '../../../engines/graphql/session.ts';
import { defineGraphqlProbeCheck, type GqlContext } from '../../../engines/graphql/types.ts';
import type { Exchange } from '../../../engines/probe/types.ts';
import { wordsOf } from '../_shared/names.ts';
import { reportOn } from '../_shared/probe.ts';

type Field = GraphQLField<unknown, unknown>;

interface Owned {
  type: string;
  id: string;
  proof: Exchange;
}

const CREATE_VERBS = new Set(['create', 'add', 'place', 'new', 'submit', 'open', 'start', 'upload']);
const MAX_OWNED = 8;

function hasId(schema: GraphQLSchema, f: Field): boolean {
  const t = getNamedType(f.type);
  return (isObjectType(t) || isInterfaceType(t)) && 'id' in t.getFields() && schema.getQueryType() !== t;
}

/** `{id, __typename}` pairs anywhere at the top of a field's value (an object or a list of them). */
function idsIn(v: unknown): { id: string; type: string }[] {
  const list = Array.isArray(v) ? v : [v];
  return list
    .filter((o): o is { id: unknown; __typename: unknown } => !!o && typeof o === 'object' && 'id' in o)
    .map((o) => ({ id: String(o.id), type: String(o.__typename) }));
}

function fieldValue(ex: Exchange, field: string): unknown {
  const res = parse(ex);
  return (res?.data as Record<string, unknown> | null | undefined)?.[field];
}

/** Objects `owner` has and `other` does not: from argument-less queries (`me`, `myOrders`) and create mutations. */
async function ownedObjects(ctx: GqlContext, schema: GraphQLSchema, owner: string, other: string): Promise<Owned[]> {
  const owned: Owned[] = [];
  for (const f of rootFields(schema, 'query')
    .filter((x) => !x.args.some(isRequired) && hasId(schema, x))
    .slice(0, 10)) {
    const q = `query { ${f.name} { id __typename } }`;
    const [a, b] = [await ctx.gql.post(ctx, q, owner), await ctx.gql.post(ctx, q, other)];
    const theirs = new Set(idsIn(fieldValue(b, f.name)).map((x) => `${x.type}:${x.id}`));
    for (const x of idsIn(fieldValue(a, f.name))) if (!theirs.has(`${x.type}:${x.id}`)) owned.push({ ...x, proof: a });
  }
  const creators = rootFields(schema, 'mutation').filter(
    (m) => CREATE_VERBS.has(wordsOf(m.name)[0] ?? '') && callable(m) && hasId(schema, m),
  );
  for (const m of creators.slice(0, 2)) {
    const ex = await ctx.gql.post(ctx, `mutation { ${m.name}${argumentsOf(m)} { id __typename } }`, owner);
    for (const x of idsIn(fieldValue(ex, m.name))) owned.push({ ...x, proof: ex });
  }
  const seen = new Set<string>();
  return owned.filter((o) => !seen.has(`${o.type}:${o.id}`) && seen.add(`${o.type}:${o.id}`)).slice(0, MAX_OWNED);
}

/** Query fields that fetch one object by a single required id-like argument: `order(id:)`, `node(id:)`. */
function readers(schema: GraphQLSchema): { field: Field; arg: string; int: boolean }[] {
  return rootFields(schema, 'query').flatMap((f) => {
    const req = f.args.filter(isRequired);
    const a = req[0];
    if (req.length !== 1 || !a || !hasId(schema, f)) return [];
    const t = getNamedType(a.type);
    if (!isScalarType(t) || !['ID', 'Int', 'String'].includes(t.name)) return [];
    const w = wordsOf(a.name);
    if (w[w.length - 1] !== 'id' && a.name !== 'id') return [];
    return [{ field: f, arg: a.name, int: t.name === 'Int' }];
  });
}

/** The ids to try for an object: its own, and for Relay `node`-style readers the global id `base64(Type:id)`. */
function candidates(o: Owned, relay: boolean): string[] {
  return relay ? [Buffer.from(`${o.type}:${o.id}`).toString('base64'), o.id] : [o.id];
}

export default defineGraphqlProbeCheck({
  id: 'graphql-bola',
  title: 'Object readable by another user through a GraphQL id (BOLA)',
  severity: 'high',
  confidence: 'high',
  owasp: ['API1:2023'],
  cwe: ['CWE-639', 'CWE-284'],
  messages: {
    read: "{{other}} read {{owner}}'s {{type}} {{id}} through {{coordinate}}: the resolver finds the object by id without checking that it belongs to the caller. Check ownership (or filter by the caller) in the resolver.",
  },
  docs: {
    description:
      "Finds objects that belong to the first user (from argument-less queries such as `me` or `myOrders` whose answer differs from the second user's, and from create mutations the first user calls), then asks for each one by id as the second user through every query field that takes one id (`order(id:)`, and Relay `node(id:)` with global ids), and reports when the second user gets the object. Needs two identities in the probe config.",
    attack:
      "GraphQL resolvers often load an object by the id in the arguments and forget the ownership check; ids are sequential or Relay global ids (base64 of `Order:12`), so any user enumerates every other user's orders, invoices or profiles through one field (OWASP API1: broken object level authorization).",
    fix: "Check in every resolver that loads by id (including `node`) that the object belongs to the caller or that the caller's role may read it, e.g. `WHERE id = ? AND user_id = ?`; answer null or NOT_FOUND otherwise. Centralise it in the data loader so new fields inherit it.",
  },
  async run(ctx) {
    const got = await ctx.gql.schema(ctx);
    const users = ctx.identities.filter((i) => !i.admin);
    const pair = users.length >= 2 ? users : ctx.identities;
    if (!got || pair.length < 2) return;
    const owner = (pair[0] as { name: string }).name;
    const other = (pair[1] as { name: string }).name;
    const schema = got.schema;
    const owned = await ownedObjects(ctx, schema, owner, other);
    const queryName = schema.getQueryType()?.name ?? 'Query';
    for (const r of readers(schema)) {
      const ret = getNamedType(r.field.type);
      const relay = isInterfaceType(ret);
      let done = false;
      for (const o of owned) {
        if (done || ctx.signal.aborted) break;
        const objType = schema.getType(o.type);
        if (!isObjectType(objType) || (relay ? !isInterfaceType(ret) || !schema.isSubType(ret, objType) : ret !== objType)) continue;
        for (const id of candidates(o, relay)) {
          if (r.int && !/^\d{1,15}$/.test(id)) continue;
          const q = `query { ${r.field.name}(${r.arg}: ${r.int ? id : str(id)}) { __typename id } }`;
          const mine = idsIn(fieldValue(await ctx.gql.post(ctx, q, owner), r.field.name))[0];
          if (!mine || (mine.id !== o.id && mine.id !== id)) continue;
          const ex = await ctx.gql.post(ctx, q, other);
          const theirs = idsIn(fieldValue(ex, r.field.name))[0];
          if (!theirs || theirs.id !== mine.id || parse(ex)?.errors?.length) break;
          const coordinate = `${queryName}.${r.field.name}(${r.arg}:)`;
          reportOn(ctx, {
            messageId: 'read',
            data: { owner, other, type: o.type, id: JSON.stringify(id), coordinate },
            exchanges: [ex, o.proof],
            identities: [owner, other],
            fingerprintKey: coordinate,
          });
          done = true;
          break;
        }
      }
    }
  },
});

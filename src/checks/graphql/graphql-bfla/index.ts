import { argumentsOf, callable, rootFields, selectionOf } from '../../../engines/graphql/build.ts';
import { parse } from '../../../engines/graphql/session.ts';
import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import type { Exchange } from '../../../engines/probe/types.ts';
import { wordsOf } from '../_shared/names.ts';
import { reportOn } from '../_shared/probe.ts';

const ADMIN_WORDS = new Set(['admin', 'admins', 'administrator', 'staff', 'moderator', 'superuser', 'internal', 'backoffice']);
/** Operations that list every user are admin functions whatever their name says. */
const ALL_USERS = new Set(['users', 'allUsers', 'listUsers', 'accounts', 'allAccounts']);
/** Never called: they would destroy or lock out data the probe did not create. */
const DESTRUCTIVE = new Set([
  'delete',
  'remove',
  'drop',
  'destroy',
  'purge',
  'reset',
  'wipe',
  'ban',
  'disable',
  'revoke',
  'truncate',
  'kill',
  'shutdown',
  'suspend',
  'deactivate',
  'set',
  'update',
  'change',
  'grant',
  'promote',
  'demote',
]);
const MAX_CANDIDATES = 8;

function succeeded(ex: Exchange, field: string): boolean {
  const res = parse(ex);
  const v = (res?.data as Record<string, unknown> | null | undefined)?.[field];
  return ex.response?.status === 200 && v !== null && v !== undefined && !res?.errors?.length;
}

export default defineGraphqlProbeCheck({
  id: 'graphql-bfla',
  title: 'Admin GraphQL operation callable by a regular user (BFLA)',
  severity: 'high',
  confidence: 'high',
  owasp: ['API5:2023'],
  cwe: ['CWE-285'],
  messages: {
    call: "{{user}} (a regular user) called the admin {{kind}} {{coordinate}} and it succeeded as it does for {{admin}} (admin): the resolver does not check the caller's role. Require the admin role in the resolver or with an auth directive.",
  },
  docs: {
    description:
      'Calls the admin-looking root fields of the introspected schema (names with admin, staff, moderator, internal, or that list every user) as a regular user from the probe config, after checking that an admin identity (`admin: true`) can call them (no admin configured: nothing is tried), and reports when the regular user succeeds too. Mutations that delete, reset, ban or change roles are never called.',
    attack:
      'In GraphQL every operation sits behind the same endpoint, so a regular user only needs the name of an admin mutation (from introspection, suggestions or the client bundle) to call it; a missing role check turns any account into an administrator (OWASP API5: broken function level authorization).',
    fix: 'Enforce roles in every admin resolver (or with a schema directive that denies by default, e.g. `@auth(role: ADMIN)` applied on the type), and keep admin operations in a separate schema or endpoint that regular users cannot reach.',
  },
  async run(ctx) {
    const got = await ctx.gql.schema(ctx);
    const user = ctx.identities.find((i) => !i.admin)?.name;
    const admin = ctx.identities.find((i) => i.admin)?.name;
    // Without an admin to compare with, a field anyone may call is indistinguishable from a broken one.
    if (!got || !user || !admin) return;
    const schema = got.schema;
    const pick = (kind: 'query' | 'mutation') =>
      rootFields(schema, kind)
        .filter((f) => callable(f))
        .filter((f) => {
          const w = wordsOf(f.name);
          if (kind === 'mutation' && DESTRUCTIVE.has(w[0] ?? '')) return false;
          return w.some((x) => ADMIN_WORDS.has(x)) || (kind === 'query' && ALL_USERS.has(f.name));
        })
        .map((f) => ({ f, kind }));
    for (const { f, kind } of [...pick('query'), ...pick('mutation')].slice(0, MAX_CANDIDATES)) {
      if (ctx.signal.aborted) return;
      const doc = `${kind} { ${f.name}${argumentsOf(f)} ${selectionOf(f.type)} }`;
      const proof = await ctx.gql.post(ctx, doc, admin);
      if (!succeeded(proof, f.name)) continue;
      const ex = await ctx.gql.post(ctx, doc, user);
      if (!succeeded(ex, f.name)) continue;
      const root = (kind === 'query' ? schema.getQueryType() : schema.getMutationType())?.name;
      reportOn(ctx, {
        messageId: 'call',
        data: { user, kind, coordinate: `${root}.${f.name}`, admin },
        exchanges: [ex, proof],
        identities: [user, admin],
        fingerprintKey: `${root}.${f.name}`,
      });
    }
  },
});

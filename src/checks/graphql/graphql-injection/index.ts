import { type GraphQLField, getNamedType, isScalarType } from 'graphql';
import { argumentsOf, callable, rootFields, selectionOf, str } from '../../../engines/graphql/build.ts';
import { errorText, parse } from '../../../engines/graphql/session.ts';
import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import { ERROR_PROBES, findError, SQL_SYNTAX_ERRORS } from '../../probe/_inject/sql.ts';
import { caller, reportOn } from '../_shared/probe.ts';

/** String-like scalars a resolver may paste into a query. */
const TEXT = new Set(['String', 'ID']);

export default defineGraphqlProbeCheck({
  id: 'graphql-injection',
  title: 'SQL injection through a GraphQL argument',
  severity: 'critical',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-89'],
  messages: {
    sql: 'Argument "{{arg}}" of {{coordinate}} reaches a SQL statement unescaped: the value {{payload}} makes the {{db}} database fail to parse it ({{excerpt}}). Bind it as a query parameter.',
  },
  defaultOptions: { maxArguments: 30 },
  docs: {
    description:
      'For every String or ID argument of the introspected query fields, sends a baseline value and then quote characters (the SQL payloads of the REST sql-injection check), and reports when the GraphQL errors or the body carry a database syntax error the baseline did not (SQLite, PostgreSQL, MySQL, SQL Server, Oracle...). Mutations are not injected: their resolvers write.',
    attack:
      'GraphQL types do not protect a String: a resolver that builds SQL by concatenation (a LIKE clause glued together from the search text) lets an attacker break out of the literal and read or change any table, through the same single endpoint as every other call (SQL injection).',
    fix: 'Pass every argument to the database as a bound parameter (prepared statements, an ORM query builder), never by string concatenation; validate formats with custom scalars; mask database errors in answers.',
  },
  async run(ctx) {
    const got = await ctx.gql.schema(ctx);
    if (!got) return;
    const as = caller(ctx);
    const max = Math.max(1, Number(ctx.options.maxArguments) || 30);
    let tried = 0;
    const queryName = got.schema.getQueryType()?.name ?? 'Query';
    for (const field of rootFields(got.schema, 'query')) {
      if (!callable(field)) continue;
      for (const arg of field.args) {
        const t = getNamedType(arg.type);
        if (!isScalarType(t) || !TEXT.has(t.name) || tried++ >= max || ctx.signal.aborted) continue;
        const doc = (v: string) =>
          `query { ${field.name}${argumentsOf(field as GraphQLField<unknown, unknown>, { [arg.name]: str(v) })} ${selectionOf(field.type)} }`;
        const base = await ctx.gql.post(ctx, doc('rampart'), as);
        const baseText = `${errorText(parse(base))} ${base.response?.body ?? ''}`;
        for (const payload of ERROR_PROBES) {
          const ex = await ctx.gql.post(ctx, doc(`rampart${payload}`), as);
          // Error messages decoded (the body escapes their quotes), then the raw body for traces elsewhere.
          const hit = findError(SQL_SYNTAX_ERRORS, errorText(parse(ex))) ?? findError(SQL_SYNTAX_ERRORS, ex.response?.body ?? '');
          if (!hit || findError(SQL_SYNTAX_ERRORS, baseText)) continue;
          const coordinate = `${queryName}.${field.name}`;
          reportOn(ctx, {
            messageId: 'sql',
            data: {
              arg: arg.name,
              coordinate,
              payload: JSON.stringify(`rampart${payload}`),
              db: hit.db,
              excerpt: JSON.stringify(hit.excerpt),
            },
            exchanges: [ex, base],
            fingerprintKey: `${coordinate}(${arg.name}:)`,
          });
          break;
        }
      }
    }
  },
});

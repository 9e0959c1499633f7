import { outputTypes, rootOf } from '../../../engines/graphql/model.ts';
import { defineGraphqlDesignCheck } from '../../../engines/graphql/types.ts';
import { coordinate, wordsOf } from '../_shared/names.ts';

/** Argument words that bound a page: first/last (Relay), limit/offset, page/perPage, take/skip, top. */
const PAGE_WORDS = new Set(['first', 'last', 'limit', 'page', 'size', 'take', 'top', 'count', 'max']);

export default defineGraphqlDesignCheck({
  id: 'graphql-list-without-pagination',
  title: 'List field without pagination arguments',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API4:2023'],
  cwe: ['CWE-770'],
  messages: {
    root: 'Query field {{coordinate}} returns a list of {{item}} without a page-size argument (first/last/limit): one request can make the server load and return every row.',
    nested:
      'Field {{coordinate}} returns a list of {{item}} without a page-size argument: nested in other lists it multiplies (N × M objects per request).',
  },
  docs: {
    description:
      'Flags fields of object types that return a list of objects (or interfaces, unions) and take no argument that bounds the page: first, last, limit, page, pageSize, perPage, take, top, maxCount. Root Query fields are medium, nested lists low. Lists of scalars and enums are accepted.',
    attack:
      'An unbounded list answers with every row the resolver can load, and GraphQL lets a client nest lists (`{ users { orders { items { product { reviews } } } } }`), so one small query costs the server N × M × K objects, database queries and memory: a cheap denial of service and a fast way to scrape the whole dataset (OWASP API4: unrestricted resource consumption).',
    fix: 'Paginate every list a client can grow: Relay connections (`first`/`after` with a server-side maximum) or `limit`/`offset` with a cap enforced in the resolver. Add query cost or depth limits on the server too, so nested lists cannot multiply.',
  },
  check(schema, _options, report) {
    for (const type of outputTypes(schema)) {
      const root = rootOf(schema, type.name);
      if (root === 'Mutation' || root === 'Subscription') continue;
      for (const f of type.fields) {
        if (!f.isList) continue;
        const item = schema.types.get(f.named);
        if (!item || !(item.kind === 'OBJECT' || item.kind === 'INTERFACE' || item.kind === 'UNION')) continue;
        if (f.args.some((a) => wordsOf(a.name).some((w) => PAGE_WORDS.has(w)))) continue;
        const c = coordinate(type.name, f.name);
        report({
          node: f,
          coordinate: c,
          messageId: root ? 'root' : 'nested',
          severity: root ? 'medium' : 'low',
          data: { coordinate: c, item: f.named },
        });
      }
    }
  },
});

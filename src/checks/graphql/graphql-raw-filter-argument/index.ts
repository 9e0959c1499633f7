import { defineGraphqlDesignCheck } from '../../../engines/graphql/types.ts';
import { FREE_FORM_SCALARS, inputValues } from '../_shared/inputs.ts';
import { wordsOf } from '../_shared/names.ts';

/** Names of a raw query fragment: `where`, `filter`, `rawQuery`, `sql`, `condition`, `orderBy` as text... */
const RAW_WORDS = new Set([
  'where',
  'filter',
  'filters',
  'sql',
  'condition',
  'conditions',
  'expression',
  'expr',
  'predicate',
  'selector',
  'aggregate',
  'pipeline',
]);

export default defineGraphqlDesignCheck({
  id: 'graphql-raw-filter-argument',
  title: 'Argument takes a raw filter or query fragment',
  severity: 'medium',
  confidence: 'low',
  owasp: ['API8:2023'],
  cwe: ['CWE-89', 'CWE-943'],
  messages: {
    raw: "The {{label}} takes a raw {{what}} as {{type}}: if the resolver passes it to the database, a client writes its own query (SQL or NoSQL injection, reading other users' rows). Use a typed input object with enumerated fields and operators.",
  },
  docs: {
    description:
      'Flags arguments and input fields named like a query fragment (where, filter, sql, condition, expression, selector, pipeline, or any name with "raw" such as rawQuery) whose type is String or a free-form scalar (JSON, JSONObject, Any, Object, Map).',
    attack:
      'A filter taken as text or as an arbitrary JSON document is usually handed to the database as is: a string is concatenated into SQL (`where: "1=1) OR (1=1"`), a JSON value reaches MongoDB as an operator document (`filter: {"owner": {"$ne": null}}`) and returns every user\'s data. GraphQL\'s type system protects nothing when the type is String or JSON (injection, OWASP API8 and API1).',
    fix: "Model filters as input object types with typed, enumerated fields and operators (`input OrderFilter { status: OrderStatus, createdAfter: DateTime }`), build the query with parameters, and add the caller's ownership condition on the server whatever the filter says.",
  },
  check(schema, _options, report) {
    for (const v of inputValues(schema)) {
      const free = FREE_FORM_SCALARS.has(v.named.toLowerCase());
      if (v.named !== 'String' && !free) continue;
      const words = wordsOf(v.name);
      const rawWord =
        words.find((w) => RAW_WORDS.has(w)) ?? (words.includes('raw') ? words.filter((w) => w !== 'raw').join(' ') || 'value' : undefined);
      if (!rawWord) continue;
      report({
        node: v.node,
        coordinate: v.coordinate,
        messageId: 'raw',
        data: {
          label: v.label,
          what: rawWord === 'sql' ? 'SQL fragment' : `${rawWord} expression`,
          type: free ? `a free-form ${v.named}` : 'a String',
        },
      });
    }
  },
});

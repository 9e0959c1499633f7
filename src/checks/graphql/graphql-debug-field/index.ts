import { outputTypes, rootOf } from '../../../engines/graphql/model.ts';
import { defineGraphqlDesignCheck } from '../../../engines/graphql/types.ts';
import { coordinate, wordsOf } from '../_shared/names.ts';

/** First words of a field meant for developers or operators, not clients. */
const DEBUG_WORDS = new Set([
  'debug',
  'internal',
  'system',
  'env',
  'environment',
  'config',
  'configuration',
  'settings',
  'diagnostics',
  'diagnostic',
  'dump',
  'trace',
  'eval',
  'exec',
  'sql',
  'shell',
  'secrets',
]);

export default defineGraphqlDesignCheck({
  id: 'graphql-debug-field',
  title: 'Debug, internal or system field in the public schema',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API8:2023', 'API9:2023'],
  cwe: ['CWE-489', 'CWE-215'],
  messages: {
    field:
      'Field {{coordinate}} looks like a debug or internal entry point ("{{word}}"): it is part of the public schema, so anyone who can reach the endpoint can call it. Remove it from production schemas or guard it.',
  },
  docs: {
    description:
      'Flags fields of output types whose name starts with debug, internal, system, env, environment, config, configuration, settings, diagnostics, dump, trace, eval, exec, sql or shell, also with a leading underscore (`_debug`, `_internal`). Fields of the root Query and Mutation types are medium, nested ones low.',
    attack:
      'Debug and system fields are added for developers and forgotten: they return environment variables, configuration with connection strings, internal state or run arbitrary expressions. In GraphQL they are listed by introspection and suggested on typos, so attackers find them with one request (OWASP API8 security misconfiguration, API9 improper inventory).',
    fix: 'Build the production schema without debug fields (schema directives or a separate dev-only module), or guard them with an admin-only auth directive. Serve diagnostics on a separate internal port.',
  },
  check(schema, _options, report) {
    for (const type of outputTypes(schema)) {
      const root = rootOf(schema, type.name);
      for (const f of type.fields) {
        const first = wordsOf(f.name)[0];
        if (!first || !DEBUG_WORDS.has(first)) continue;
        // `systemStatus` on a health type or `settings` on the caller's own profile are ordinary:
        // only debug-like words on the roots, or `_`-prefixed/`debug*` fields anywhere, are reported.
        const strong = f.name.startsWith('_') || first === 'debug' || first === 'internal';
        if (!root && !strong) continue;
        const c = coordinate(type.name, f.name);
        report({ node: f, coordinate: c, messageId: 'field', severity: root ? 'medium' : 'low', data: { coordinate: c, word: first } });
      }
    }
  },
});

import { defineGraphqlDesignCheck } from '../../../engines/graphql/types.ts';
import { coordinate, isPublicByNature, wordsOf } from '../_shared/names.ts';

/** Words of a directive that guards access: `@auth`, `@requiresAuth`, `@hasRole`, `@authenticated`, `@requiresScopes`. */
const GUARD_WORDS = new Set([
  'auth',
  'authenticated',
  'authorized',
  'authorize',
  'authz',
  'role',
  'roles',
  'permission',
  'permissions',
  'scope',
  'scopes',
  'guard',
  'protected',
  'secured',
  'policy',
  'policies',
  'private',
  'login',
  'logged',
]);

export function isGuard(directive: string): boolean {
  return wordsOf(directive).some((w) => GUARD_WORDS.has(w));
}

export default defineGraphqlDesignCheck({
  id: 'graphql-mutation-without-auth',
  title: 'Mutation without the auth directive the schema uses elsewhere',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API2:2023', 'API5:2023'],
  cwe: ['CWE-306', 'CWE-862'],
  messages: {
    mutation:
      '{{coordinate}} has no auth directive although the schema guards other fields with @{{guard}}: unless its resolver checks the caller, anyone can call it. Add @{{guard}} (or the role it needs).',
  },
  docs: {
    description:
      'When a schema protects fields with an authorization directive (@auth, @requiresAuth, @hasRole, @authenticated, @requiresScopes...), flags the mutations that carry none, neither on the field nor on the Mutation type. Sign-in, sign-up, token refresh and password-recovery mutations are public by nature and accepted. Introspection results carry no directives, so this check reads SDL files only.',
    attack:
      'Directive-based authorization is opt-in per field: a mutation added without the directive is open to every caller, including anonymous ones, and GraphQL exposes it on the same endpoint as every protected one. Attackers list mutations through introspection or field suggestions and call the unguarded one (OWASP API2/API5).',
    fix: 'Put the auth directive on every mutation (or on the Mutation type, so new fields are protected by default) and allow anonymous access explicitly on the few public ones, e.g. with @public. Better still, deny by default in the gateway or the schema transformer that implements the directive.',
  },
  check(schema, _options, report) {
    if (schema.source !== 'sdl' || !schema.mutation) return;
    const guard = [...schema.applied].find(isGuard);
    const mutation = schema.types.get(schema.mutation);
    if (!guard || !mutation || mutation.directives.some(isGuard)) return;
    for (const f of mutation.fields) {
      if (f.directives.some(isGuard) || isPublicByNature(f.name)) continue;
      report({
        node: f,
        coordinate: coordinate(mutation.name, f.name),
        messageId: 'mutation',
        data: { coordinate: coordinate(mutation.name, f.name), guard },
      });
    }
  },
});

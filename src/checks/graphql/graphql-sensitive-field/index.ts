import { outputTypes, rootOf } from '../../../engines/graphql/model.ts';
import { defineGraphqlDesignCheck } from '../../../engines/graphql/types.ts';
import { NON_CREDENTIAL_TOKEN } from '../../design/_shared/credential-words.ts';
import { SENSITIVE_FIELDS } from '../../design/_shared/data-words.ts';
import { coordinate, wordsOf } from '../_shared/names.ts';

/** Types whose job is to hand out credentials: a login payload returns a token by design. */
const ISSUING = new Set(['auth', 'login', 'token', 'tokens', 'session', 'credential', 'credentials', 'signin', 'jwt', 'oauth']);

export default defineGraphqlDesignCheck({
  id: 'graphql-sensitive-field',
  title: 'Sensitive field readable through the GraphQL schema',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API3:2023'],
  cwe: ['CWE-200', 'CWE-359'],
  messages: {
    field:
      'Field {{coordinate}} ({{what}}) can be selected by any client that can read {{type}}: a query such as `{ … { {{field}} } }` returns it. Remove it from the schema or resolve it only for the owner, masked.',
  },
  docs: {
    description:
      'Flags fields of GraphQL output types (objects and interfaces) whose names say they hold a password, password hash, secret, private key, token, API key, social security number, card number or security code. A token on a type that exists to issue credentials (`AuthPayload`, `LoginResult`) is accepted; pagination tokens (`nextToken`, `pageToken`) are not credentials.',
    attack:
      'Every field of a GraphQL type can be selected by any client that reaches the type: one nested query (`{ order(id: 1) { customer { passwordHash apiKey } } }`) reads it through every path that leads to the type, and introspection or field suggestions reveal that it exists. Leaked hashes are cracked offline, tokens and keys are replayed (OWASP API3: broken object property level authorization).',
    fix: 'Keep secrets out of the GraphQL schema: a password hash, an API key or a token never belongs to a type clients query. When a value must be shown to its owner, expose a masked form (`apiKeyLast4`) or a dedicated field guarded by an authorization directive or resolver check, and keep credentials in types returned only by the login or token mutations.',
  },
  check(schema, _options, report) {
    for (const type of outputTypes(schema)) {
      if (rootOf(schema, type.name)) continue;
      const typeWords = wordsOf(type.name);
      for (const f of type.fields) {
        const words = wordsOf(f.name);
        const hit = SENSITIVE_FIELDS.match(words);
        if (!hit) continue;
        if (hit.pattern.endsWith('token') && words.some((w) => NON_CREDENTIAL_TOKEN.has(w))) continue;
        if (hit.tag.issued === 'auth' && typeWords.some((w) => ISSUING.has(w))) continue;
        report({
          node: f,
          coordinate: coordinate(type.name, f.name),
          messageId: 'field',
          severity: hit.tag.severity,
          data: { coordinate: coordinate(type.name, f.name), what: hit.tag.what, type: type.name, field: f.name },
        });
      }
    }
  },
});

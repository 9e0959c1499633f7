/**
 * Credential vocabulary shared by the checks that judge names: credential-in-url-parameter (via
 * auth-words.ts), sensitive-field-in-response and secret-in-example. Words are those of words.ts.
 */

/**
 * `<word>_key` is a credential for these qualifiers: `api_key`, `access_key`, `subscription-key`,
 * `secret_access_key`, `consumer_key`... A bare `key` (object keys, sort keys) is not.
 */
export const KEY_QUALIFIERS: ReadonlySet<string> = new Set([
  'api',
  'access',
  'secret',
  'private',
  'auth',
  'session',
  'client',
  'app',
  'application',
  'consumer',
  'subscription',
  'developer',
  'user',
  'license',
  'signing',
  'master',
  'encryption',
]);

/**
 * `<word>_token` is NOT a credential for these: pagination and sync cursors (`page_token`, `next_token`,
 * `continuation_token`, `sync_token`), CSRF tokens and idempotency tokens.
 */
export const NON_CREDENTIAL_TOKEN: ReadonlySet<string> = new Set([
  'page',
  'next',
  'prev',
  'previous',
  'continuation',
  'continue',
  'cursor',
  'pagination',
  'paging',
  'sync',
  'resume',
  'start',
  'starting',
  'skip',
  'delta',
  'change',
  'changes',
  'marker',
  'idempotency',
  'csrf',
  'xsrf',
]);

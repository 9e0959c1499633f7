/**
 * Property names that hold credentials or sensitive data, judged on whole words with the vocabulary of
 * the OpenAPI checks (sensitive-field-in-response), so a name means the same in every definition.
 */
import { NON_CREDENTIAL_TOKEN } from '../../design/_shared/credential-words.ts';
import { isFlagName } from '../../design/_shared/data-names.ts';
import { SENSITIVE_FIELDS, type SensitiveKind } from '../../design/_shared/data-words.ts';
import { stemmedWords } from '../../design/_shared/words.ts';

/** What a sensitive name holds, or undefined (flags such as `has_password`, cursors such as `page_token`). */
export function sensitiveName(name: string): SensitiveKind | undefined {
  const words = stemmedWords(name);
  if (words.length === 0 || isFlagName(words)) return undefined;
  const hit = SENSITIVE_FIELDS.match(words);
  if (!hit) return undefined;
  if (words[words.length - 1] === 'token' && words.length > 1 && NON_CREDENTIAL_TOKEN.has(words[words.length - 2])) return undefined;
  return hit.tag;
}

/** Names whose whole meaning is an authenticator, beyond the sensitive vocabulary. */
const AUTH_NAMES = new Set(['auth', 'authorization', 'jwt', 'bearer', 'session', 'sid', 'session id', 'access token', 'id token']);

/** A query or field name that carries a credential: a token, key, secret, password or session id. */
export function credentialName(name: string): string | undefined {
  const words = stemmedWords(name);
  if (AUTH_NAMES.has(words.join(' '))) return 'a credential';
  const kind = sensitiveName(name);
  if (!kind) return undefined;
  return kind.issued === 'auth' || kind.what === 'a password' ? kind.what : undefined;
}

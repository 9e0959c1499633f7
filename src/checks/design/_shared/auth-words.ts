/**
 * Name helpers for the authentication and authorization checks (group A): decide whether a parameter
 * name means a credential, judged on whole words (see words.ts).
 */
import { KEY_QUALIFIERS, NON_CREDENTIAL_TOKEN } from './credential-words.ts';
import { stemmedWords, words } from './words.ts';

/** Words that, alone as the head of a name, mean the value is a credential. */
const CREDENTIAL_HEADS: ReadonlySet<string> = new Set([
  'token',
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'passcode',
  'secret',
  'apikey',
  'apitoken',
  'accesstoken',
  'authtoken',
  'refreshtoken',
  'idtoken',
  'clientsecret',
  'privatekey',
  'secretkey',
  'accesskey',
  'sessionid',
  'jsessionid',
  'phpsessid',
  'sessiontoken',
  'sessionkey',
  'jwt',
  'bearer',
  'credential',
  'credentials',
  'auth',
  'authorization',
  'otp',
]);

/** Words that may follow the credential word without changing what the value is (`password_confirmation`). */
const NEUTRAL_SUFFIXES: ReadonlySet<string> = new Set([
  'value',
  'confirmation',
  'confirm',
  'again',
  'repeat',
  'raw',
  'encoded',
  'b64',
  'base64',
]);

/**
 * True when a parameter name means a credential: the head word of the name (its last word, ignoring
 * neutral suffixes such as `confirmation`) is a credential word, judged on whole words, never substrings:
 * `access_token`, `apiKey`, `X-Api-Key`, `client_secret`, `session_id`, `password`, `auth` match;
 * `tokenizer`, `author`, `token_type`, `secret_name`, `key`, `sort_key`, `page_token`, `nextToken`,
 * `api_key_id` do not. `session` alone is not a credential (checkout, upload and verification sessions
 * are ordinary resources); `session_id` is, but only when `session` starts the name (`upload_session_id`
 * identifies an upload).
 */
export function isCredentialName(name: string): boolean {
  const w = stemmedWords(name);
  let i = w.length - 1;
  while (i > 0 && (NEUTRAL_SUFFIXES.has(w[i]) || /^\d+$/.test(w[i]))) i--;
  if (i < 0) return false;
  const head = w[i];
  const prev = i > 0 ? w[i - 1] : '';
  if (head === 'token') return !NON_CREDENTIAL_TOKEN.has(prev);
  if (head === 'key') return KEY_QUALIFIERS.has(prev);
  if (head === 'id') return prev === 'session' && i === 1;
  return CREDENTIAL_HEADS.has(head);
}

/** Naive English singular of a word: `sessions` → `session`, `policies` → `policy`, `keys` → `key`. */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * True when a path parameter names the resource of the collection segment just before it, REST-style:
 * `/tokens/{token}`, `/authorizations/{authorization}`, `/shipping_rates/{shipping_rate_token}`. Such a
 * parameter identifies a resource; it does not present a credential.
 */
export function namesCollectionItem(path: string, param: string): boolean {
  const segs = path.split('/');
  const at = segs.indexOf(`{${param}}`);
  if (at < 1) return false;
  const collection = words(segs[at - 1]);
  if (collection.length === 0) return false;
  const item = [...collection.slice(0, -1), singular(collection[collection.length - 1])].join(' ');
  const name = words(param);
  return name.join(' ') === item || name.slice(0, -1).join(' ') === item;
}

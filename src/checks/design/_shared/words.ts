/**
 * The one word splitter of the design checks: identifiers, paths, operationIds, scopes and summaries are
 * judged on whole lowercase words, never on substrings. Everything here is a single linear pass over the
 * text: no regular expression that could backtrack.
 */

const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
const OTHER = 0;

function kind(c: number): number {
  if (c >= 97 && c <= 122) return LOWER;
  if (c >= 65 && c <= 90) return UPPER;
  if (c >= 48 && c <= 57) return DIGIT;
  return OTHER;
}

/**
 * Splits text into lowercase words at anything that is not an ASCII letter or digit and at camelCase
 * boundaries, keeping acronyms and letter-digit runs whole:
 * - `nextPageToken` → next, page, token; `client_secret` → client, secret; `X-API-Key` → x, api, key;
 *   `admin.apps.approve` → admin, apps, approve;
 * - acronyms: `APIKey` → api, key; `userID` → user, id; `PostOAuthToken` → post, oauth, token ("OAuth" is
 *   one word, not o + auth);
 * - digits: `oauth2` and `v1beta1` stay whole; a capital after digits starts a word (`getCoreV1APIResources`
 *   → get, core, v1, api, resources; `oauth2Token` → oauth2, token) except in a word that starts with
 *   digits, where only a capital followed by a lowercase letter does (`2FA` → 2fa, `2Step` → 2, step).
 */
export function words(text: string): string[] {
  const out: string[] = [];
  const s = text.includes('OAuth') ? text.replaceAll('OAuth', 'Oauth') : text;
  let start = -1;
  // The word being read so far is made of digits only.
  let digitsOnly = false;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const k = kind(s.charCodeAt(i));
    if (k === OTHER) {
      if (start >= 0) out.push(s.slice(start, i).toLowerCase());
      start = -1;
      continue;
    }
    if (start < 0) {
      start = i;
      digitsOnly = k === DIGIT;
      continue;
    }
    const prev = kind(s.charCodeAt(i - 1));
    const nextLower = i + 1 < n && kind(s.charCodeAt(i + 1)) === LOWER;
    // fooBar: a capital after a lowercase letter starts a word.
    const camel = k === UPPER && prev === LOWER;
    // APIKey: the last capital of an acronym starts a word when a lowercase letter follows.
    const acronymEnd = k === UPPER && prev === UPPER && nextLower;
    // v1API, oauth2Token, 2Step (but not 2FA): a capital after digits.
    const afterDigit = k === UPPER && prev === DIGIT && (nextLower || !digitsOnly);
    if (camel || acronymEnd || afterDigit) {
      out.push(s.slice(start, i).toLowerCase());
      start = i;
    }
    if (k !== DIGIT) digitsOnly = false;
  }
  if (start >= 0) out.push(s.slice(start).toLowerCase());
  return out;
}

/** A word without its trailing digits (`password2` → `password`, `cvv2` → `cvv`); digits alone stay. */
export function stem(word: string): string {
  let end = word.length;
  while (end > 0 && kind(word.charCodeAt(end - 1)) === DIGIT) end--;
  return end === 0 ? word : word.slice(0, end);
}

/** The words of a name without trailing digits (`cvv2` → cvv, `oauth2_token` → oauth, token). */
export function stemmedWords(text: string): string[] {
  return words(text).map(stem);
}

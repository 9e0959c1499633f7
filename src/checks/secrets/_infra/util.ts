/**
 * Small helpers shared by the cloud, VCS, CI/CD, registry, infrastructure, observability and identity
 * secret rules (the folder has no `index.ts`, so the registry does not take it for a family).
 */
import { END } from '../_kit/kit.ts';

/** `${NAME}`: a variable reference, as placeholder samples write it. */
export function varRef(name: string): string {
  return ['$', '{', name, '}'].join('');
}

/** `${{ secrets.NAME }}`: a GitHub Actions secret reference. */
export function actionsRef(name: string): string {
  return ['$', '{{ secrets.', name, ' }}'].join('');
}

/** A random token mixes upper- and lowercase letters; hex digests, lowercase ids and words do not. */
export function mixedCase(s: string): boolean {
  return /[A-Z]/.test(s) && /[a-z]/.test(s);
}

/** Has at least one digit and one letter (random uppercase-alphanumeric ids do, words do not). */
export function lettersAndDigits(s: string): boolean {
  return /[0-9]/.test(s) && /[A-Za-z]/.test(s);
}

/** Not only hexadecimal digits: tells a base62 token from a digest of the same length. */
export function notHexOnly(s: string): boolean {
  return /[g-zG-Z]/.test(s);
}

/**
 * Like the kit's `assigned`, for names that are a pattern rather than a list of words (e.g.
 * `access[_.-]?key[_.-]?secret`): `<name><up to 24 name characters> = <value>` in the syntaxes of
 * `.env`, YAML, JSON, code, XML and command-line flags. `name` must be case-insensitive already (use `ci`)
 * and bounded; the value is followed by a delimiter or the end of the text.
 */
export function named(name: string, value: string): RegExp {
  return new RegExp(
    `(?:${name})[\\w.-]{0,24}[ \\t'"\\]]{0,3}(?:=|:=|::=|:|=>|\\?=|,|>)[ \\t'"\\x60=]{0,5}(?:\\r?\\n[ \\t]{0,12})?(?<secret>${value})${END}`,
  );
}

/** Base64 of `user:password` (npm `_auth`, Docker `auth`): printable text with a colon inside. */
export function basicAuthValid(b64: string): boolean {
  try {
    const decoded = atob(b64);
    const colon = decoded.indexOf(':');
    return colon > 0 && colon < decoded.length - 1 && /^[\x20-\x7e]+$/.test(decoded);
  } catch {
    return false;
  }
}

/**
 * A token without a literal prefix but with a literal inside (a signature such as `+ASt`, `JQQJ9`,
 * `.atlasv1.`): the pattern starts at the signature, which the regular-expression engine finds with a fast
 * literal search, and checks the characters before it with a lookbehind that captures the whole token.
 * Starting with a character class instead would try the pattern at every position of the text.
 *
 * `tail` is the signature and what follows it; `full` the whole token (ending with `tail`'s text); `before`
 * and `after` the boundary assertions around the token.
 */
export function behind(tail: string, full: string, before = '', after = ''): RegExp {
  return new RegExp(`(?:${tail})(?<=${before}(?<secret>${full}))${after}`);
}

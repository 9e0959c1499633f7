/**
 * Name helpers of the GraphQL checks: GraphQL names are camelCase (`passwordHash`, `callbackUrl`), so
 * they are judged on whole words, never substrings, with the design checks' word splitter (one linear
 * pass, no backtracking regex): `passwordHash` → password, hash; `_debug` → debug; `APIKey` → api, key.
 */
import { words } from '../../design/_shared/words.ts';

export { words as wordsOf };

/** `Type.field` or `Type.field(arg:)`: the schema coordinate a message names. */
export function coordinate(type: string, field: string, arg?: string): string {
  return arg === undefined ? `${type}.${field}` : `${type}.${field}(${arg}:)`;
}

/** Operations anyone may call before they have credentials: signing in, up, and recovering access. */
export function isPublicByNature(name: string): boolean {
  const w = words(name);
  const j = w.join(' ');
  return (
    w.includes('login') ||
    w.includes('logon') ||
    w.includes('signin') ||
    w.includes('signup') ||
    w.includes('register') ||
    w.includes('authenticate') ||
    /\b(?:sign|log) (?:in|up)\b/.test(j) ||
    /\b(?:refresh|verify|request|reset|forgot|recover)\b.*\b(?:token|password|email|account)\b/.test(j)
  );
}

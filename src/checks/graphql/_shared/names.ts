/**
 * Name helpers of the GraphQL checks: GraphQL names are camelCase (`passwordHash`, `callbackUrl`), so
 * they are judged on whole words, never substrings, in one linear pass (no backtracking regex).
 */

/** `passwordHash` → `['password', 'hash']`, `_debug` → `['debug']`, `APIKey` → `['api', 'key']`. */
export function wordsOf(name: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i] as string;
    const lower = c.toLowerCase();
    const isUpper = c !== lower;
    const isAlnum = /[A-Za-z0-9]/.test(c);
    if (!isAlnum) {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    const next = name[i + 1] ?? '';
    const prev = name[i - 1] ?? '';
    // A new word at an upper-case letter after a lower-case one, or at the last capital of an acronym (`APIKey`).
    const boundary = isUpper && cur !== '' && (/[a-z0-9]/.test(prev) || (/[A-Z]/.test(prev) && /[a-z]/.test(next)));
    if (boundary) {
      out.push(cur);
      cur = '';
    }
    cur += lower;
  }
  if (cur) out.push(cur);
  return out;
}

/** `Type.field` or `Type.field(arg:)`: the schema coordinate a message names. */
export function coordinate(type: string, field: string, arg?: string): string {
  return arg === undefined ? `${type}.${field}` : `${type}.${field}(${arg}:)`;
}

/** Operations anyone may call before they have credentials: signing in, up, and recovering access. */
export function isPublicByNature(name: string): boolean {
  const w = wordsOf(name);
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

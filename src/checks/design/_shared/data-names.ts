/**
 * Property-name helpers of the data checks (group C: mass assignment, sensitive fields, URL fields,
 * pagination, ids). Names are judged on whole words, never substrings: `role` matches `role`,
 * `user_role` and `userRole` but not `roleDescription` or `parole`. Everything is one linear pass over
 * the name (see words.ts): no regular expression that could backtrack.
 */
import { stemmedWords } from './words.ts';

/**
 * A name pattern: words separated by spaces. `'created at'` matches a name whose words END with
 * created, at (`created_at`, `createdAt`, `post_created_at`): in English compounds the last word is the
 * head noun, the one that says what the value is. A leading `=` asks for the whole name (`'=id'` matches
 * `id` and `_id` but not `customer_id`).
 */
export type NamePattern = string;

interface Compiled {
  words: string[];
  exact: boolean;
}

function compile(p: NamePattern): Compiled {
  const exact = p.startsWith('=');
  return { words: (exact ? p.slice(1) : p).split(' '), exact };
}

/** Compiles a list of patterns into a matcher keyed by head word, so a lookup costs O(words). */
export class NameMatcher<T = true> {
  private byHead = new Map<string, { c: Compiled; tag: T }[]>();
  constructor(entries: Iterable<[NamePattern, T]>) {
    for (const [p, tag] of entries) {
      const c = compile(p);
      const head = c.words[c.words.length - 1];
      const list = this.byHead.get(head) ?? [];
      list.push({ c, tag });
      // Longest patterns first: `password hash` wins over `hash`.
      list.sort((a, b) => b.c.words.length - a.c.words.length);
      this.byHead.set(head, list);
    }
  }

  static of(patterns: NamePattern[]): NameMatcher<true> {
    return new NameMatcher(patterns.map((p) => [p, true as const]));
  }

  /** The tag and the matched pattern for a name (or its words), or undefined. */
  match(name: string | string[]): { tag: T; pattern: string } | undefined {
    const w = typeof name === 'string' ? stemmedWords(name) : name;
    if (w.length === 0) return undefined;
    const list = this.byHead.get(w[w.length - 1]);
    if (!list) return undefined;
    for (const { c, tag } of list) {
      if (c.exact ? w.length !== c.words.length : w.length < c.words.length) continue;
      let ok = true;
      for (let i = 1; i <= c.words.length && ok; i++) ok = w[w.length - i] === c.words[c.words.length - i];
      if (ok) return { tag, pattern: c.words.join('_') };
    }
    return undefined;
  }
}

/** Boolean-looking names (`is_secret`, `has_password`): flags about a value, not the value. */
export function isFlagName(words: string[]): boolean {
  return words.length > 1 && (words[0] === 'is' || words[0] === 'has' || words[0] === 'can' || words[0] === 'should');
}

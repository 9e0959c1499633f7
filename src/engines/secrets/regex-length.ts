/**
 * The longest text (in UTF-16 code units) a regular expression can match, or Infinity when a
 * repetition is unbounded (`*`, `+`, `{n,}`) or a back-reference makes it unknowable. Rules bound every
 * repetition, so their patterns have a finite bound; the engine then runs a pattern only on windows
 * around its keywords instead of the whole text. Lookarounds match no text (they only need the window
 * to hold their context: the engine pads windows).
 *
 * Conservative by construction: any syntax it does not understand yields Infinity (the safe answer:
 * scan the whole text).
 */
export function maxMatchLength(re: RegExp): number {
  return patternReach(re).length;
}

/**
 * How far a pattern reaches: the longest match, and how far its lookbehinds may look before the
 * match and its lookaheads after it (each Infinity when unknown).
 */
export interface Reach {
  length: number;
  behind: number;
  ahead: number;
}

export function patternReach(re: RegExp): Reach {
  const unicode = re.flags.includes('u') || re.flags.includes('v');
  const unknown = { length: Number.POSITIVE_INFINITY, behind: Number.POSITIVE_INFINITY, ahead: Number.POSITIVE_INFINITY };
  try {
    const p = new Parser(re.source, unicode, re.flags.includes('v'));
    const n = p.alternation();
    if (p.i !== re.source.length) return unknown;
    // A lookbehind inside the match may reach back from any point of it, a lookahead forward.
    return { length: n, behind: p.behind + n, ahead: p.ahead + n };
  } catch {
    return unknown;
  }
}

class Unsupported extends Error {}

class Parser {
  i = 0;
  /** Longest lookbehind / lookahead content seen. */
  behind = 0;
  ahead = 0;
  private readonly s: string;
  /** A character may be 2 code units in unicode mode. */
  private readonly unit: number;
  /** `v` mode: classes nest (`[[a-z]--[aeiou]]`). */
  private readonly nested: boolean;
  constructor(s: string, unicode: boolean, nested: boolean) {
    this.s = s;
    this.unit = unicode ? 2 : 1;
    this.nested = nested;
  }

  alternation(): number {
    let best = this.sequence();
    while (this.s[this.i] === '|') {
      this.i++;
      best = Math.max(best, this.sequence());
    }
    return best;
  }

  private sequence(): number {
    let total = 0;
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      total += this.quantified(atom);
    }
    return total;
  }

  private quantified(atom: number): number {
    const c = this.s[this.i];
    let max: number;
    if (c === '*' || c === '+') {
      this.i++;
      max = atom === 0 ? 0 : Number.POSITIVE_INFINITY;
    } else if (c === '?') {
      this.i++;
      max = atom;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) return atom; // a literal `{` (non-unicode mode)
      this.i += m[0].length;
      const hi = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
      max = atom === 0 ? 0 : atom * hi;
    } else return atom;
    if (this.s[this.i] === '?') this.i++; // lazy
    return max;
  }

  private atom(): number {
    const c = this.s[this.i];
    switch (c) {
      case '^':
      case '$':
        this.i++;
        return 0;
      case '.':
        this.i++;
        return this.unit;
      case '[':
        this.charClass();
        return this.unit;
      case '\\':
        return this.escape();
      case '(':
        return this.group();
      default:
        this.i++;
        // A literal astral character is two code units.
        if (c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdbff) {
          this.i++;
          return 2;
        }
        return 1;
    }
  }

  private group(): number {
    this.i++; // (
    let zeroWidth: '' | 'ahead' | 'behind' = '';
    if (this.s[this.i] === '?') {
      const rest = this.s.slice(this.i, this.i + 3);
      if (rest.startsWith('?:')) this.i += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        this.i += 2;
        zeroWidth = 'ahead';
      } else if (rest === '?<=' || rest === '?<!') {
        this.i += 3;
        zeroWidth = 'behind';
      } else if (rest.startsWith('?<')) {
        const end = this.s.indexOf('>', this.i);
        if (end === -1) throw new Unsupported();
        this.i = end + 1;
      } else {
        // Modifiers: (?i:...), (?-i:...), (?i-s:...)
        const m = /^\?[a-z]*(?:-[a-z]+)?:/.exec(this.s.slice(this.i));
        if (!m) throw new Unsupported();
        this.i += m[0].length;
      }
    }
    const n = this.alternation();
    if (this.s[this.i] !== ')') throw new Unsupported();
    this.i++;
    if (zeroWidth === 'ahead') this.ahead = Math.max(this.ahead, n);
    if (zeroWidth === 'behind') this.behind = Math.max(this.behind, n);
    return zeroWidth ? 0 : n;
  }

  private escape(): number {
    const next = this.s[this.i + 1];
    if (next === undefined) throw new Unsupported();
    if (next === 'b' || next === 'B') {
      this.i += 2;
      return 0;
    }
    if (/[1-9]/.test(next) || next === 'k') throw new Unsupported(); // back-reference
    if (next === 'u') {
      const m = /^\\u(?:[0-9a-fA-F]{4}|\{[0-9a-fA-F]{1,6}\})/.exec(this.s.slice(this.i));
      this.i += m ? m[0].length : 2;
      return m?.[0].includes('{') ? 2 : 1;
    }
    if (next === 'x') {
      this.i += /^\\x[0-9a-fA-F]{2}/.test(this.s.slice(this.i)) ? 4 : 2;
      return 1;
    }
    if (next === 'c') {
      this.i += 3;
      return 1;
    }
    if (next === 'p' || next === 'P') {
      const end = this.s.indexOf('}', this.i);
      this.i = end === -1 ? this.i + 2 : end + 1;
      return 2;
    }
    this.i += 2;
    return this.unit === 2 && /[dDwWsS]/.test(next) ? 2 : 1;
  }

  private charClass(): void {
    this.i++; // [
    if (this.s[this.i] === '^') this.i++;
    if (this.s[this.i] === ']') this.i++; // a literal ] first (non-unicode mode)
    let depth = 1;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '[' && this.nested) {
        // Nested classes exist only in `v` mode; elsewhere `[` is a literal.
        depth++;
        this.i++;
      } else if (c === ']') {
        this.i++;
        if (--depth === 0) return;
      } else this.i++;
    }
    throw new Unsupported();
  }
}

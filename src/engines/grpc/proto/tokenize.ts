/**
 * A tokenizer for .proto files that keeps line and column of every token. protobufjs's own tokenizer
 * tracks lines only, and findings must point at the exact field or method.
 */

export type TokenKind = 'ident' | 'number' | 'string' | 'symbol';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based line and column of the first character; `endColumn` is exclusive (as in SARIF). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offsets in the source, for raw option values. */
  start: number;
  end: number;
}

export class ProtoSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[\w]/;
const DIGIT = /[0-9]/;
const SYMBOLS = new Set(['{', '}', '(', ')', '[', ']', '<', '>', ';', ',', '=', ':', '-', '+', '/']);

/** Splits .proto text into tokens, skipping whitespace and comments. Throws ProtoSyntaxError. */
export function tokenize(text: string, maxTokens = 2_000_000): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const col = (at: number) => at - lineStart + 1;
  const fail = (msg: string, at: number): never => {
    throw new ProtoSyntaxError(msg, line, col(at));
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const open = i;
      const openLine = line;
      const openCol = col(open);
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) {
        if (text[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
        i++;
      }
      if (i >= text.length) throw new ProtoSyntaxError('unterminated /* comment', openLine, openCol);
      i += 2;
      continue;
    }
    if (out.length >= maxTokens) fail(`more than ${maxTokens} tokens`, i);
    const start = i;
    const startCol = col(i);
    let kind: TokenKind;
    if (IDENT_START.test(c) || (c === '.' && IDENT_START.test(text[i + 1] ?? ''))) {
      // Dotted names (`google.protobuf.Empty`, `.pkg.Type`, `.max_len` after an option's parenthesis) are one token.
      i++;
      while (i < text.length && (IDENT_PART.test(text[i] as string) || (text[i] === '.' && IDENT_START.test(text[i + 1] ?? '')))) i++;
      kind = 'ident';
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(text[i + 1] ?? ''))) {
      i++;
      while (i < text.length && /[\w.]/.test(text[i] as string)) {
        // Exponent signs: 1e-5, 2.5E+3.
        if (/[eE]/.test(text[i] as string) && /[+-]/.test(text[i + 1] ?? '') && !/^0[xX]/.test(text.slice(start, i))) i++;
        i++;
      }
      kind = 'number';
    } else if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\n') fail('unterminated string', start);
        if (text[i] === '\\') i++;
        i++;
      }
      if (i >= text.length) fail('unterminated string', start);
      i++;
      kind = 'string';
    } else if (SYMBOLS.has(c) || c === '.') {
      i++;
      kind = 'symbol';
    } else {
      return fail(`unexpected character '${c}'`, i);
    }
    out.push({ kind, text: text.slice(start, i), line, column: startCol, endLine: line, endColumn: col(i), start, end: i });
  }
  return out;
}

/** The value of a string token (quotes removed, common escapes decoded). */
export function stringValue(t: Token): string {
  return t.text.slice(1, -1).replace(/\\(.)/g, (_m, ch: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[ch] ?? ch);
}

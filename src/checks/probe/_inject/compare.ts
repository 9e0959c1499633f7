import type { Exchange, ProbeResponse } from '../../../engines/probe/types.ts';

/**
 * Comparing answers for boolean-style proofs (SQL true/false conditions, NoSQL operators). Two answers
 * are "the same" when their status and their shape match: for JSON the structure with array lengths,
 * booleans and nulls (string contents and numbers left out, so echoed payloads, fresh ids, tokens and
 * timestamps do not count); for other bodies the text with the payloads, digits and long tokens blanked.
 */

const MAX_DEPTH = 6;
const MAX_SHAPE = 4096;

function jsonShape(v: unknown, depth: number): string {
  if (depth > MAX_DEPTH) return '…';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return 'n';
  if (typeof v === 'string') return 's';
  if (Array.isArray(v)) {
    // The length tells "all rows" from "no row"; the first item stands for the others.
    return `[${v.length}:${v.length ? jsonShape(v[0], depth + 1) : ''}]`;
  }
  if (typeof v === 'object') {
    // `$`-keys are left out: an API echoing a query document back must not look like two answers.
    const keys = Object.keys(v as object)
      .filter((k) => !k.startsWith('$'))
      .sort();
    return `{${keys.map((k) => `${k}=${jsonShape((v as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
  }
  return typeof v;
}

function escapes(s: string): string[] {
  const html = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const htmlAlt = html.replace(/&#39;/g, '&#x27;');
  const json = JSON.stringify(s).slice(1, -1);
  return [...new Set([s, html, htmlAlt, json, encodeURIComponent(s)])].filter((x) => x.length > 0);
}

/** The shape of an answer; `strip`: payloads to blank out of non-JSON bodies (with their common escapes). */
export function shapeOf(res: ProbeResponse | undefined, strip: string[] = []): string {
  if (!res) return 'no response';
  const type = (res.headers['content-type'] ?? '').toLowerCase();
  const text = res.body;
  if (/json/.test(type) || /^\s*[[{]/.test(text)) {
    try {
      return `${res.status} ${jsonShape(JSON.parse(text), 0).slice(0, MAX_SHAPE)}`;
    } catch {
      // Not JSON after all: compared as text.
    }
  }
  let out = text;
  for (const s of strip.flatMap(escapes).sort((a, b) => b.length - a.length)) out = out.split(s).join('');
  out = out.replace(/[A-Za-z0-9+/_=-]{16,}/g, 'T').replace(/\d+/g, '0');
  return `${res.status} ${out.length > MAX_SHAPE ? `${out.length}:${out.slice(0, MAX_SHAPE)}` : out}`;
}

/** Statuses that mean "blocked or overloaded", never proof of a condition: a WAF, a rate limit, a crash. */
export function blockedStatus(ex: Exchange | undefined): boolean {
  const s = ex?.response?.status;
  return s === undefined || s === 403 || s === 406 || s === 429 || s >= 500;
}

/**
 * The text to search a body for messages: the body itself and, for JSON, its string values decoded
 * (so `\"` and `\n` inside a JSON error read as the database or runtime wrote them).
 */
export function readableText(res: ProbeResponse | undefined): string {
  if (!res) return '';
  const body = res.body;
  if (!/^\s*[[{"]/.test(body)) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  const strings: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > 32) return;
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        strings.push(k);
        walk(x, depth + 1);
      }
    }
  };
  walk(parsed, 0);
  return `${body}\n${strings.join('\n')}`;
}

/**
 * Concrete URL paths → path templates (`/users/8123/orders/5f1c…` → `/users/{userId}/orders/{orderId}`).
 *
 * Order of authority: a route the server reported (OpenTelemetry `http.route`), then a template of the
 * given OpenAPI definitions, then user hints (`/post/{id}` forces a parameter, `/post/^` forbids one),
 * then guessing. Guessing has two steps: each segment is classified alone (numbers, UUIDs, ObjectIds,
 * hashes, dates, emails, IPs, slugs and opaque tokens are parameters; dictionary words and version
 * segments such as `v2` or `2023-10-17` are not), then siblings are compared: many different literal
 * values at one place (`/tags/rust`, `/tags/go`, … ) become one parameter too.
 */
import { DICTIONARY, isDictionarySegment, isWordLike, segmentWords } from './words.ts';

export type ParamType =
  | 'integer'
  | 'number'
  | 'uuid'
  | 'objectid'
  | 'hash'
  | 'date'
  | 'datetime'
  | 'email'
  | 'ip'
  | 'slug'
  | 'token'
  | 'dimensions'
  | 'string';

export interface SegmentClass {
  param: boolean;
  type?: ParamType;
  /** A version segment (`v2`, `2023-10-17` after `api`): stays literal, and zombie detection compares it. */
  version?: boolean;
}

const UUID = /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i;
const OBJECT_ID = /^[0-9a-f]{24}$/i;
const HEX = /^[0-9a-f]+$/i;
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const EMAIL = /^[^@\s/]+@[^@\s/]+\.[a-z]{2,}$/i;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const VERSION = /^v\d{1,3}(?:[._]\d{1,3}){0,2}(?:-?(?:alpha|beta|rc|preview)\d*)?$/i;
const DOTTED_VERSION = /^\d{1,2}\.\d{1,2}(?:\.\d{1,3})?$/;
const PREFIXED_ID = /^[a-z]{2,6}_(?=[A-Za-z]*\d)[A-Za-z0-9]{8,}$/; // Stripe-style cus_NffrFeUfNV2Hib
const CODE_ID = /^[A-Za-z]{1,5}[-_]?\d{3,}$/; // hw43061, AA-409111, INV-2024001
const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+){2,}$/i;
const UNICODE_SLUG = /^[\p{L}\p{N}\p{M}]+(?:[-_][\p{L}\p{N}\p{M}]+)+$/u;
const DIMENSIONS = /^\d{1,5}x\d{1,5}$/i;
const TECH_WORDS = new Set([
  'sha256',
  'sha384',
  'sha512',
  'sha224',
  'x509',
  'h264',
  'h265',
  'md5',
  'utf8',
  'utf16',
  'base64',
  'ipv4',
  'ipv6',
  'http2',
  'oauth2',
  'mp3',
  'mp4',
  'ec2',
  's3',
  'es256',
  'rs256',
  'hs256',
  'ps256',
  'es384',
  'rs384',
  'rs512',
  'es512',
  'i18n',
  'l10n',
  'k8s',
  'p2p',
  'b2b',
  'b2c',
  'e2e',
  '2fa',
  'mfa',
]);
/** Words after which a date is the API's version (`/api/2023-10-17/...`). */
const VERSION_PARENTS = new Set(['api', 'apis', 'rest', 'version', 'versions', 'services', 'service', 'v']);

function validDate(y: string, m: string, d?: string): boolean {
  const mm = Number(m);
  const dd = d === undefined ? 1 : Number(d);
  return Number(y) >= 1900 && Number(y) <= 2200 && mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31;
}

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let e = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    e -= p * Math.log2(p);
  }
  return e;
}

function looksOpaque(seg: string): boolean {
  if (!/^[A-Za-z0-9_\-=+.~]+$/.test(seg)) return false;
  const digits = (seg.match(/\d/g) ?? []).length;
  const letters = (seg.match(/[A-Za-z]/g) ?? []).length;
  if (seg.length >= 20 && digits > 0 && letters > 0) return true;
  if (seg.length >= 12 && digits >= 2 && letters >= 2 && entropy(seg) >= 3) return !isWordLike(seg);
  if (seg.length >= 8 && digits >= 2 && letters >= 2 && /[a-z]/.test(seg) && /[A-Z]/.test(seg) && entropy(seg) >= 2.8) return true;
  return false;
}

function safeDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Path → decoded segments (no leading slash; a trailing slash and empty segments dropped). */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  for (const raw of path.split('/')) if (raw !== '') out.push(safeDecode(raw));
  return out;
}

/** Classifies one segment on its own. `prev` is the segment before it (undefined at the start). */
export function classifySegment(seg: string, prev?: string, index = 0): SegmentClass {
  if (seg === '') return { param: false };
  if (VERSION.test(seg)) return { param: false, version: true };
  const iso = ISO_DATE.exec(seg);
  if (iso && validDate(iso[1], iso[2], iso[3])) {
    if (index === 0 || (prev !== undefined && (VERSION_PARENTS.has(prev.toLowerCase()) || VERSION.test(prev))))
      return { param: false, version: true };
    return { param: true, type: 'date' };
  }
  if (DOTTED_VERSION.test(seg) && (index === 0 || (prev !== undefined && VERSION_PARENTS.has(prev.toLowerCase()))))
    return { param: false, version: true };
  if (/^-?\d+$/.test(seg)) {
    // `/1/statuses/...` (Twitter's version 1): a one- or two-digit first segment is a version.
    if (index === 0 && seg.length <= 2 && !seg.startsWith('-')) return { param: false, version: true };
    return { param: true, type: 'integer' };
  }
  if (/^-?\d+\.\d+$/.test(seg)) return { param: true, type: 'number' };
  if (UUID.test(seg) && /\d/.test(seg)) return { param: true, type: 'uuid' };
  if (OBJECT_ID.test(seg)) return { param: true, type: 'objectid' };
  if (HEX.test(seg) && /\d/.test(seg) && /[a-f]/i.test(seg) && [32, 40, 56, 64, 96, 128].includes(seg.length))
    return { param: true, type: 'hash' };
  if (ISO_DATETIME.test(seg)) return { param: true, type: 'datetime' };
  const ym = YEAR_MONTH.exec(seg);
  if (ym && validDate(ym[1], ym[2])) return { param: true, type: 'date' };
  if (EMAIL.test(seg)) return { param: true, type: 'email' };
  if (IPV4.test(seg)) return { param: true, type: 'ip' };
  if (DIMENSIONS.test(seg)) return { param: true, type: 'dimensions' };
  if (ULID.test(seg) || PREFIXED_ID.test(seg)) return { param: true, type: 'token' };
  const lower = seg.toLowerCase();
  if (TECH_WORDS.has(lower)) return { param: false };
  if (CODE_ID.test(seg)) return { param: true, type: 'token' };
  if (HEX.test(seg) && seg.length >= 16 && /\d/.test(seg) && /[a-f]/i.test(seg)) return { param: true, type: 'hash' };
  if (SLUG.test(seg)) {
    const parts = segmentWords(seg);
    // hello-world-2023, my-first-blog-post: digits in a part, or four words or more.
    if (parts.length >= 4 || parts.some((p) => /\d/.test(p))) return { param: true, type: 'slug' };
  } else if (UNICODE_SLUG.test(seg) && seg.split(/[-_]/).length >= 4) return { param: true, type: 'slug' };
  if (looksOpaque(seg)) return { param: true, type: 'token' };
  // Free text: spaces, commas, pipes, or very long.
  if (/[\s,|;]/.test(seg) || seg.length > 64) return { param: true, type: 'string' };
  return { param: false };
}

/** A file name whose stem is an id: `1234.json` → `{…}.json` (OpenAPI allows a suffix after a parameter). */
function splitExtension(seg: string): { stem: string; ext: string } | undefined {
  const m = /^(.+?)(\.[a-z][a-z0-9]{0,4})$/i.exec(seg);
  if (!m) return undefined;
  return { stem: m[1], ext: m[2] };
}

// ------------------------------------------------------------------------------------------- tokens

/**
 * A pre-template is a list of tokens: a literal segment, an automatic parameter `\u0001type`, a forced
 * parameter `\u0001=name` (hint), a protected literal `\u0002value` (hint `^`, never merged), each
 * optionally followed by `\u0003.ext` for a file extension.
 */
const P = '\u0001';
const KEEP = '\u0002';
const EXT = '\u0003';

function isParamToken(t: string): boolean {
  return t.startsWith(P);
}

export interface Hint {
  text: string;
  segments: ({ kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'keep' } | { kind: 'any' })[];
}

/**
 * `/post/{id}`: the second segment of paths under /post is a parameter named id; `/post/^`: it stays
 * literal; `*` matches any segment and leaves it to guessing. A hint covers paths that start like it.
 */
export function parseHint(text: string): Hint {
  const t = text.trim();
  if (!t.startsWith('/')) throw new Error(`hint "${text}" must start with / (e.g. /post/{id} or /post/^)`);
  const segments: Hint['segments'] = [];
  for (const s of t.split('/').filter(Boolean)) {
    if (s === '^') segments.push({ kind: 'keep' });
    else if (s === '*') segments.push({ kind: 'any' });
    else if (/^\{[A-Za-z_][\w.-]*\}$/.test(s)) segments.push({ kind: 'param', name: s.slice(1, -1) });
    else if (s.includes('{') || s.includes('}') || s.includes('^'))
      throw new Error(`hint "${text}": segment "${s}" must be a literal, {name}, ^ (keep literal) or * (any)`);
    else segments.push({ kind: 'literal', value: safeDecode(s) });
  }
  if (segments.length === 0) throw new Error(`hint "${text}" has no segment`);
  return { text: t, segments };
}

/** A template from a definition (or a route), matched segment by segment. */
interface Pattern {
  template: string;
  segs: (string | RegExp | null)[];
  literals: number;
  index: number;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compilePattern(template: string, index: number): Pattern {
  const segs: Pattern['segs'] = [];
  let literals = 0;
  for (const s of template.split('/').filter(Boolean)) {
    if (!s.includes('{')) {
      segs.push(safeDecode(s));
      literals++;
    } else if (/^\{[^{}]+\}$/.test(s)) segs.push(null);
    else {
      segs.push(
        new RegExp(
          `^${s
            .split(/\{[^{}]+\}/)
            .map(escapeRe)
            .join('[^/]+?')}$`,
        ),
      );
      literals += 0.5;
    }
  }
  return { template, segs, literals, index };
}

export type Assignment =
  /** Final: a server route or a documented template. */
  | { fixed: true; template: string; documented?: number }
  /** To be finished by `finalize` once every path was seen. */
  | { fixed: false; key: string };

export interface TemplaterOptions {
  /** Documented templates (full paths, server base path included); their index is returned on a match. */
  documented?: string[];
  hints?: Hint[];
  /** Distinct literal siblings that make a parameter even when they look like words (default 12). */
  minDistinct?: number;
}

/**
 * Two passes: `assign` every path as it streams by (memory grows with distinct shapes, not with
 * requests), then `finalize` the pre-templates once, comparing siblings.
 */
export class Templater {
  private byLength = new Map<number, Pattern[]>();
  private hints: Hint[];
  private minDistinct: number;
  private cache = new Map<string, Assignment>();

  constructor(opts: TemplaterOptions = {}) {
    (opts.documented ?? []).forEach((t, i) => {
      const p = compilePattern(t, i);
      const list = this.byLength.get(p.segs.length) ?? [];
      list.push(p);
      this.byLength.set(p.segs.length, list);
    });
    for (const list of this.byLength.values()) list.sort((a, b) => b.literals - a.literals || a.index - b.index);
    this.hints = [...(opts.hints ?? [])].sort((a, b) => b.segments.length - a.segments.length);
    this.minDistinct = opts.minDistinct ?? 12;
  }

  /** The documented template index that matches a concrete path, if any. */
  matchDocumented(segs: string[]): Pattern | undefined {
    const list = this.byLength.get(segs.length);
    if (!list) return undefined;
    outer: for (const p of list) {
      for (let i = 0; i < segs.length; i++) {
        const want = p.segs[i];
        if (want === null) continue;
        if (typeof want === 'string') {
          if (want !== segs[i]) continue outer;
        } else if (!want.test(segs[i])) continue outer;
      }
      return p;
    }
    return undefined;
  }

  assign(path: string, route?: string): Assignment {
    if (route) return { fixed: true, template: route.startsWith('/') ? route : `/${route}` };
    const hit = this.cache.get(path);
    if (hit) return hit;
    const a = this.compute(path);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(path, a);
    return a;
  }

  private compute(path: string): Assignment {
    const segs = splitPath(path);
    const doc = this.matchDocumented(segs);
    if (doc) return { fixed: true, template: doc.template, documented: doc.index };
    const tokens: string[] = [];
    const hint = this.hints.find((h) => hintMatches(h, segs));
    for (let i = 0; i < segs.length; i++) {
      const hs = hint?.segments[i];
      if (hs?.kind === 'param') tokens.push(`${P}=${hs.name}`);
      else if (hs?.kind === 'keep' || hs?.kind === 'literal') tokens.push(`${KEEP}${segs[i]}`);
      else tokens.push(autoToken(segs[i], segs[i - 1], i));
    }
    return { fixed: false, key: tokens.join('/') };
  }

  /** Final templates of the pre-template keys (siblings compared). */
  finalize(keys: Iterable<string>): Map<string, string> {
    const root = new TrieNode();
    for (const key of keys) {
      let node = root;
      if (key !== '') for (const t of key.split('/')) node = node.child(t);
      node.keys.push(key);
    }
    this.mergeNode(root, 0);
    const out = new Map<string, string>();
    const walk = (node: TrieNode, tokens: string[]) => {
      if (node.keys.length) {
        const template = render(tokens);
        for (const k of node.keys) out.set(k, template);
      }
      for (const [t, c] of node.children) walk(c, [...tokens, t]);
    };
    walk(root, []);
    return out;
  }

  private mergeNode(node: TrieNode, depth: number): void {
    const autoParams: string[] = [];
    const candidates: string[] = [];
    for (const t of node.children.keys()) {
      if (isParamToken(t)) {
        if (!t.startsWith(`${P}=`)) autoParams.push(t);
      } else if (!t.startsWith(KEEP)) {
        const lit = t.includes(EXT) ? t.slice(0, t.indexOf(EXT)) : t;
        const c = classifySegment(lit, undefined, depth);
        if (!c.version && !isDictionarySegment(lit) && !DICTIONARY.has(lit.toLowerCase())) candidates.push(t);
      }
    }
    // Parameters of different kinds at one place (integers here, UUIDs there) are one parameter.
    // (Grouped by file extension: `{id}.json` and `{id}` stay apart.)
    let target: string | undefined;
    const byExt = new Map<string, string[]>();
    for (const t of autoParams) {
      const ext = t.includes(EXT) ? t.slice(t.indexOf(EXT)) : '';
      byExt.set(ext, [...(byExt.get(ext) ?? []), t]);
    }
    for (const [ext, group] of byExt) {
      const types = new Set(group.map((t) => t.slice(1).split(EXT)[0]));
      const into = `${P}${types.size === 1 ? [...types][0] : 'string'}${ext}`;
      for (const t of group) node.mergeInto(t, into);
      if (ext === '') target = into;
    }
    // Literal siblings: with a parameter beside them, or many of them, or all slugs, or several non-words.
    // Short literals (`m`, `en`, `api`) are prefixes, not values, unless there are many of them.
    const all = candidates.filter((t) => !t.includes(EXT));
    const plain = all.length >= this.minDistinct ? all : all.filter((t) => !/^[A-Za-z]{1,3}$/.test(t));
    if (plain.length) {
      const slugs = plain.filter((t) => SLUG.test(t)).length;
      const nonWords = plain.filter((t) => !isWordLike(t)).length;
      const merge =
        (target !== undefined && (plain.length >= 2 || nonWords === plain.length || slugs === plain.length)) ||
        plain.length >= this.minDistinct ||
        (plain.length >= 2 && slugs === plain.length) ||
        nonWords >= 3;
      if (merge) {
        const into = target ?? `${P}${slugs === plain.length ? 'slug' : 'string'}`;
        for (const t of plain) node.mergeInto(t, into);
      }
    }
    // Literal siblings with the same children (`/posts/abc/comments`, `/posts/xyz/comments`) are one parameter.
    const rest = [...node.children.keys()].filter((t) => candidates.includes(t) && node.children.get(t)?.children.size);
    if (rest.length >= 2) {
      const bySig = new Map<string, string[]>();
      for (const t of rest) {
        const sig = [...(node.children.get(t) as TrieNode).children.keys()].sort().join('/');
        bySig.set(sig, [...(bySig.get(sig) ?? []), t]);
      }
      for (const group of bySig.values()) {
        if (group.length >= 3 || (group.length === 2 && group.every((t) => !isWordLike(t)))) {
          const into = target ?? `${P}string`;
          for (const t of group) node.mergeInto(t, into);
          target = into;
        }
      }
    }
    for (const c of node.children.values()) this.mergeNode(c, depth + 1);
  }
}

function hintMatches(h: Hint, segs: string[]): boolean {
  if (segs.length < h.segments.length) return false;
  return h.segments.every((s, i) => s.kind !== 'literal' || s.value === segs[i]);
}

function autoToken(seg: string, prev: string | undefined, index: number): string {
  const c = classifySegment(seg, prev, index);
  if (c.param) return `${P}${c.type}`;
  const ext = splitExtension(seg);
  if (ext) {
    const s = classifySegment(ext.stem, prev, index);
    if (s.param) return `${P}${s.type}${EXT}${ext.ext}`;
  }
  return seg;
}

class TrieNode {
  children = new Map<string, TrieNode>();
  keys: string[] = [];
  child(t: string): TrieNode {
    let c = this.children.get(t);
    if (!c) {
      c = new TrieNode();
      this.children.set(t, c);
    }
    return c;
  }
  /** Moves child `from` (and its whole subtree) under `to`. */
  mergeInto(from: string, to: string): void {
    if (from === to) return;
    const src = this.children.get(from);
    if (!src) return;
    this.children.delete(from);
    const dst = this.children.get(to);
    if (!dst) this.children.set(to, src);
    else dst.absorb(src);
  }
  absorb(other: TrieNode): void {
    this.keys.push(...other.keys);
    for (const [t, c] of other.children) {
      const mine = this.children.get(t);
      if (mine) mine.absorb(c);
      else this.children.set(t, c);
    }
  }
}

function singular(w: string): string {
  if (/ies$/.test(w) && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(w)) return w;
  if (/(xes|ches|shes|sses|uses)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && w.length > 3) return w.slice(0, -1);
  return w;
}

function baseName(prev: string | undefined): string | undefined {
  if (!prev || isParamToken(prev) || VERSION.test(prev)) return undefined;
  const lit = prev.startsWith(KEEP) ? prev.slice(1) : prev;
  const words = segmentWords(lit).filter((w) => /^[a-z]/.test(w));
  if (words.length === 0 || words.length > 4) return undefined;
  words[words.length - 1] = singular(words[words.length - 1]);
  return words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
}

function paramName(type: string, prev: string | undefined): string {
  const base = baseName(prev);
  switch (type) {
    case 'date':
    case 'datetime':
      return base ? `${base}Date` : 'date';
    case 'email':
      return 'email';
    case 'ip':
      return 'ip';
    case 'dimensions':
      return 'size';
    case 'slug':
      return base ? `${base}Slug` : 'slug';
    case 'number':
      return base ?? 'value';
    default:
      return base ? `${base}Id` : 'id';
  }
}

/** Tokens → `/users/{userId}/avatar.{…}` with unique parameter names. */
function render(tokens: string[]): string {
  const used = new Set<string>();
  const parts = tokens.map((t, i) => {
    if (t.startsWith(KEEP)) return escapeSeg(t.slice(1));
    if (!isParamToken(t)) return escapeSeg(t);
    const [head, ext] = t.split(EXT);
    let name = head.startsWith(`${P}=`) ? head.slice(2) : paramName(head.slice(1), tokens[i - 1]);
    if (used.has(name)) {
      let n = 2;
      while (used.has(`${name}${n}`)) n++;
      name = `${name}${n}`;
    }
    used.add(name);
    return `{${name}}${ext ?? ''}`;
  });
  return `/${parts.join('/')}`;
}

/** Literal segments are shown decoded, except what would break a path template. */
function escapeSeg(s: string): string {
  return s.replace(/[/{}?#%\s]/g, (c) => encodeURIComponent(c));
}

/** One-shot templating of a list of paths (tests, tools): path → template. */
export function templatePaths(paths: string[], opts: TemplaterOptions = {}): Map<string, string> {
  const t = new Templater(opts);
  const assigned = paths.map((p) => [p, t.assign(p)] as const);
  const final = t.finalize(assigned.flatMap(([, a]) => (a.fixed ? [] : [a.key])));
  return new Map(assigned.map(([p, a]) => [p, a.fixed ? a.template : (final.get(a.key) as string)]));
}

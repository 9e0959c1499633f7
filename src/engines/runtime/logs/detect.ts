/**
 * What `rampart logs` looks for in one line: the sensitive data kinds of `../sensitive.ts`, credentials
 * written into logs (Authorization headers, cookies, passwords in URLs and query strings) and every
 * secret kind of `rampart secrets` (its rules and `matchText`, not a second copy). Context words near a
 * value raise its confidence. All patterns are linear-time.
 */
import type { Confidence } from '../../../core/index.ts';
import { matchText } from '../../secrets/match.ts';
import { type KeywordEnds, type KeywordPrefilter, prefilterFor } from '../../secrets/prefilter.ts';
import { redact } from '../../secrets/redact.ts';
import type { SecretRule } from '../../secrets/types.ts';
import { contextBefore, findNationalIds, maskNationalId, NATIONAL_ID_KINDS } from '../national-ids.ts';
import { findSensitive, maskValue, type SensitiveKind } from '../sensitive.ts';
import { CandidatesAndKeywords, LineAutomaton } from './candidate-lines.ts';

export const LOG_DATA_KINDS = [
  'card',
  'iban',
  'email',
  'jwt',
  'us-ssn',
  ...NATIONAL_ID_KINDS,
  'phone',
  'authorization',
  'cookie',
  'url-password',
  'query-secret',
  'secret',
] as const;
export type LogDataKind = (typeof LOG_DATA_KINDS)[number];

export interface LogMatch {
  kind: LogDataKind;
  /** Offsets in the line of the value to mask. */
  start: number;
  end: number;
  /** What a report may show: a masked value, never the value itself. */
  shown: string;
  confidence: Confidence;
  /** The secret rule, for kind `secret`. */
  ruleId?: string;
}

const AUTH_HEADER =
  /\b(?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(?:(?:bearer|basic|token|digest|negotiate|apikey)[ \t]+)?([^\s"',;]{4,})/gi;
const COOKIE_HEADER = /\b(?:set-)?cookie["']?[ \t]*[:=][ \t]*["']?([^"'\r\n]{3,})/gi;
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s:@/?#"']{1,64}:([^\s@/?#"']{1,128})@/gi;
const QUERY_SECRET =
  /(?:[?&;\s"{,]|^)["']?(?:password|passwd|pwd|pass|passphrase|secret|client_secret|token|access_token|refresh_token|id_token|api_?key|apikey|auth|session_?id|sid)["']?[ \t]*[=:][ \t]*["']?([^&\s"',;}]{3,})/gim;

const CONTEXT: Partial<Record<LogDataKind, RegExp>> = {
  card: /card|\bcc\b|\bpan\b|credit|visa|master|amex|payment/i,
  iban: /iban|account|bank|sepa/i,
  email: /e-?mail|user|login|to=|from=|recipient/i,
  'us-ssn': /ssn|social|security|tax|\btin\b/i,
  phone: /phone|mobile|tel|sms|msisdn|cell/i,
  jwt: /bearer|token|jwt|authorization/i,
};

const BASE_CONFIDENCE: Record<SensitiveKind, Confidence> = {
  card: 'medium',
  iban: 'high',
  jwt: 'high',
  email: 'medium',
  'us-ssn': 'medium',
  phone: 'low',
};

function raise(c: Confidence): Confidence {
  return c === 'low' ? 'medium' : 'high';
}

function cookieValues(line: string, start: number, end: number, out: LogMatch[]): void {
  // Mask each cookie's value, keep the names: `a=1; b=2` -> `a=***; b=***`.
  const text = line.slice(start, end);
  const re = /([^=;\s]+)=([^;]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const v = m[2].trim();
    if (!v) continue;
    const s = start + m.index + m[1].length + 1;
    out.push({ kind: 'cookie', start: s, end: s + m[2].length, shown: `${m[1]}=${redact(v)}`, confidence: 'high' });
  }
}

function regexInto(line: string, re: RegExp, kind: LogDataKind, out: LogMatch[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const v = m[1];
    if (/^(?:-|null|none|undefined|\*+|\[redacted\]|<redacted>|x+)$/i.test(v)) continue;
    // `PWD=/home/x` in a shell or sudo log is the working directory.
    if (kind === 'query-secret' && /PWD["']?[ \t]*[=:]/.test(m[0])) continue;
    const start = m.index + m[0].length - v.length;
    if (kind === 'cookie') cookieValues(line, start, start + v.length, out);
    else out.push({ kind, start, end: start + v.length, shown: redact(v), confidence: kind === 'query-secret' ? 'medium' : 'high' });
    if (m[0].length === 0) re.lastIndex++;
  }
}

const NO_MATCH: never[] = [];
/** `+CC...` or the 3-3-4 groups of a North American number (a status and a byte count are not). */
const PHONE_SHAPE = /\+[1-9]|\d\)?[ .-]\d{3}[ .-]\d{4}/;

/**
 * The kinds whose shape can occur in the line, from one pass over its characters: card numbers need 13
 * digits in a run broken only by single spaces or dashes, phone numbers 10 (or a `+` and 8), an SSN its
 * dashes, an IBAN two capitals and two digits, emails an `@`, JWTs `eyJ`. Log lines are mostly
 * timestamps, addresses and status codes: most lines skip the digit patterns altogether.
 */
function kindsWorthTrying(line: string): SensitiveKind[] {
  let run = 0;
  let maxRun = 0;
  let phoneRun = 0;
  let maxPhone = 0;
  let plus = false;
  let sep = false;
  let caps = 0;
  let iban = false;
  let capsThenDigits = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      run++;
      phoneRun++;
      sep = false;
      if (capsThenDigits > 0 && ++capsThenDigits >= 4) iban = true;
      caps = 0;
      if (run > maxRun) maxRun = run;
      if (phoneRun > maxPhone) maxPhone = phoneRun;
      continue;
    }
    if (c >= 65 && c <= 90) {
      caps++;
      capsThenDigits = caps >= 2 ? 2 : 0;
    } else {
      caps = 0;
      capsThenDigits = 0;
    }
    if ((c === 32 || c === 45) && !sep && run > 0) {
      sep = true; // one separator keeps the run going
    } else {
      run = 0;
      sep = false;
    }
    if (!(c === 32 || c === 45 || c === 46 || c === 40 || c === 41)) phoneRun = 0;
    if (c === 43) plus = true;
  }
  const out: SensitiveKind[] = [];
  if (line.includes('eyJ')) out.push('jwt');
  if (line.includes('@')) out.push('email');
  if (maxRun >= 13) out.push('card');
  if (iban) out.push('iban');
  if (maxRun >= 9 && line.includes('-')) out.push('us-ssn');
  if ((maxPhone >= 10 || (plus && maxPhone >= 8)) && PHONE_SHAPE.test(line)) out.push('phone');
  return out;
}

/** A cheap test before the credential patterns. */
export const CRED_HINT = /authoriz|cookie|:\/\/[^\s/@]*:[^\s/@]*@|pass|pwd|secret|token|key|auth|sid/i;

export interface DetectOptions {
  secretRules: readonly SecretRule[];
  /** Secret rules enabled (index of secretRules), from the config. */
  enabled?: Uint8Array;
}

/**
 * Everything sensitive in one line, sorted by position, overlaps reduced to the first (widest) match.
 * `secrets`: the line's secret-rule matches, when the caller found them already (the engine runs the
 * secret rules on a whole batch of lines at once: their prefilter is much faster that way).
 */
export function detectLine(line: string, options: DetectOptions, secrets?: LogMatch[]): LogMatch[] {
  const out: LogMatch[] = secrets ? secrets.slice() : [];
  const kinds = kindsWorthTrying(line);
  for (const m of kinds.length ? findSensitive(line, kinds) : NO_MATCH) {
    let confidence = BASE_CONFIDENCE[m.kind];
    const ctx = CONTEXT[m.kind];
    const context = ctx?.test(contextBefore(line, m.start)) === true;
    if (context) confidence = raise(confidence);
    // Three numbers in a row separated by spaces (`236 200 4586`: a time, a status, a byte count) are
    // only a phone number next to a word that says so.
    if (m.kind === 'phone' && !context && !m.value.startsWith('+') && /^\d{3} \d{3} \d{4}$/.test(m.value)) continue;
    out.push({ kind: m.kind, start: m.start, end: m.end, shown: maskValue(m), confidence });
  }
  for (const m of findNationalIds(line)) {
    out.push({ kind: m.kind, start: m.start, end: m.end, shown: maskNationalId(m), confidence: m.context ? 'high' : 'medium' });
  }
  if (CRED_HINT.test(line)) {
    regexInto(line, AUTH_HEADER, 'authorization', out);
    regexInto(line, COOKIE_HEADER, 'cookie', out);
    regexInto(line, URL_PASSWORD, 'url-password', out);
    regexInto(line, QUERY_SECRET, 'query-secret', out);
  }
  if (!secrets) out.push(...detectSecrets(line, options));
  if (out.length < 2) return out;
  // Most specific first at one position: a secret rule or JWT beats a generic query/header match.
  // The `jwt` secret rule finds what the JWT kind finds: the JWT kind (its own check) names it.
  const rank = (m: LogMatch) =>
    m.kind === 'secret'
      ? m.ruleId === 'jwt'
        ? 1.5
        : 0
      : m.kind === 'jwt'
        ? 1
        : m.kind === 'authorization'
          ? 3
          : m.kind === 'query-secret'
            ? 4
            : 2;
  out.sort((a, b) => a.start - b.start || b.end - a.end || rank(a) - rank(b));
  const kept: LogMatch[] = [];
  for (const m of out) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) {
      // A value inside a credential (a JWT in an Authorization header): the more specific kind wins.
      if (m.start >= last.start && m.end <= last.end && rank(m) < rank(last))
        kept[kept.length - 1] = { ...m, start: last.start, end: last.end };
      continue;
    }
    kept.push(m);
  }
  return kept;
}

/**
 * The secrets of `rampart secrets` in a text (one line or lines joined by `\n`). `keywordEnds`: their
 * keywords' ends in `text`, when a pass of the caller's found them.
 */
export function detectSecrets(text: string, options: DetectOptions, keywordEnds?: KeywordEnds): LogMatch[] {
  if (!options.secretRules.length) return [];
  return matchText(text, options.secretRules, { decode: false, enabled: options.enabled, keywordEnds }).map((s) => ({
    kind: 'secret',
    start: s.start,
    end: s.end,
    shown: redact(s.secret),
    confidence: 'high',
    ruleId: s.ruleId,
  }));
}

/**
 * Where a line may hold a sensitive value: a superset of the shapes kindsWorthTrying and the national ids
 * need, one by one: a JWT's `eyJ`, an `@`, an international phone number; 13 digits (a card), 9 in a
 * run, an SSN, a North American phone number, a SIN, an Aadhaar number, a CPF, an AHV number, a DNI, a
 * NIR (spaced, and Corsican); an IBAN, a NINO, a codice fiscale, a NIE. Lines it skips cannot match
 * anything detectLine looks for (bare national-id digits need 9 in a run); lines it keeps go through
 * detectLine. Most access-log lines are skipped. It is not run as a regular expression: candidate-lines.ts
 * turns it and CRED_HINT into one automaton.
 */
export const CANDIDATE = new RegExp(
  [
    'eyJ',
    '@',
    String.raw`\+[1-9](?:[ .-]?\(?\d\)?){7}`,
    String.raw`\d(?:[ -]?\d){12}`,
    String.raw`\d{9}`,
    String.raw`\d{3}-\d{2}-\d{4}`,
    String.raw`\d\)?[ .-]\d{3}[ .-]\d{4}`,
    String.raw`\d{3}[ -]\d{3}[ -]\d{3}`,
    String.raw`\d{4}[ -]\d{4}[ -]\d{4}`,
    String.raw`\d{3}\.\d{3}\.\d{3}-\d{2}`,
    String.raw`\d{4}\.\d{2}\.\d{3}`,
    String.raw`\d{8}-?[A-Z]\b`,
    String.raw`\d \d{2} \d{2} `,
    String.raw`\d{5}2[AB]\d{8}`,
    String.raw`[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11}`,
    String.raw`[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b`,
    '[A-Z]{6}[0-9LMNP-V]{2}[A-Z]',
    String.raw`[A-Z]-?\d{7}-?[A-Z]\b`,
  ].join('|'),
);

let candidateLines: LineAutomaton | undefined;
/** The lines where CANDIDATE or CRED_HINT match (made on first use: building it takes ~15 ms). */
export function candidateAutomaton(): LineAutomaton {
  candidateLines ??= new LineAutomaton([CANDIDATE, CRED_HINT]);
  return candidateLines;
}

const withKeywords = new WeakMap<KeywordPrefilter, CandidatesAndKeywords>();
/** The candidate automaton and the keyword prefilter of `rules` as one (made on first use for a rule set). */
function candidatesAndKeywords(rules: readonly SecretRule[]): CandidatesAndKeywords {
  const keywords = prefilterFor(rules);
  let both = withKeywords.get(keywords);
  if (!both) {
    both = new CandidatesAndKeywords(candidateAutomaton(), keywords);
    withKeywords.set(keywords, both);
  }
  return both;
}

/** The keyword ends of the batch being detected (reused). */
const batchKeywordEnds: KeywordEnds = { at: new Int32Array(1024), count: 0 };

/**
 * Every line's matches (undefined: none). The secret rules run once on the lines joined by `\n` (their
 * prefilter is much faster on one text than on a thousand), their matches handed to each line; the
 * other kinds only look at the lines the candidate automaton marks. `text`, when given, is
 * `lines.join('\n')` already (the worker receives a batch as that one string).
 */
export function detectBatch(lines: readonly string[], options: DetectOptions, text?: string): (LogMatch[] | undefined)[] {
  const perLine: (LogMatch[] | undefined)[] = new Array(lines.length);
  if (!lines.length) return perLine;
  const joined = text ?? (lines.length === 1 ? lines[0] : lines.join('\n'));
  const starts = new Int32Array(lines.length);
  for (let i = 1; i < lines.length; i++) starts[i] = starts[i - 1] + lines[i - 1].length + 1;
  // Candidate lines, and the secret rules' keywords in the same pass (apart once the product is full).
  const candidate = new Uint8Array(lines.length);
  const both =
    options.secretRules.length > 0 && candidatesAndKeywords(options.secretRules).mark(joined, starts, candidate, batchKeywordEnds);
  if (!both) candidateAutomaton().mark(joined, starts, candidate);
  if (options.secretRules.length) {
    const secrets = detectSecrets(joined, options, both ? batchKeywordEnds : undefined);
    let li = 0;
    let lineEnd = lines[0].length;
    for (const m of secrets) {
      while (m.start > lineEnd && li < lines.length - 1) {
        li++;
        lineEnd = starts[li] + lines[li].length;
      }
      const lineStart = starts[li];
      const local: LogMatch = { ...m, start: m.start - lineStart, end: Math.min(m.end, lineEnd) - lineStart };
      const list = perLine[li];
      if (list) list.push(local);
      else perLine[li] = [local];
    }
  }
  for (let i = 0; i < lines.length; i++) {
    if (!candidate[i] && perLine[i] === undefined) continue;
    const found = detectLine(lines[i], options, perLine[i] ?? NO_MATCH);
    perLine[i] = found.length ? found : undefined;
  }
  return perLine;
}

/** The mask written in place of a value by `--redact`: the kind, never any of the value. */
export function maskFor(m: LogMatch): string {
  return m.kind === 'secret' ? `[REDACTED:${m.ruleId}]` : `[REDACTED:${m.kind}]`;
}

/** The line with every match replaced by its mask. */
export function redactLine(line: string, matches: readonly LogMatch[]): string {
  if (!matches.length) return line;
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += line.slice(at, m.start) + maskFor(m);
    at = m.end;
  }
  return out + line.slice(at);
}

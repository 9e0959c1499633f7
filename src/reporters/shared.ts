import {
  type CheckMeta,
  compareSeverity,
  type Finding,
  isOwaspId,
  type Location,
  OWASP_API_2023,
  type RunResult,
  SEVERITIES,
  type Severity,
} from '../core/index.ts';

/** Rule metadata as reporters need it: from the check that ran, or rebuilt from a finding. */
export type RuleInfo = CheckMeta;

/** Every rule a reporter must describe: the checks that ran plus any rule only seen in findings, by id. */
export function rulesOf(result: RunResult): Map<string, RuleInfo> {
  const rules = new Map<string, RuleInfo>();
  for (const c of result.checks) if (!rules.has(c.id)) rules.set(c.id, c);
  for (const f of result.findings) if (!rules.has(f.ruleId)) rules.set(f.ruleId, ruleFromFinding(f));
  return new Map([...rules].sort((a, b) => cmp(a[0], b[0])));
}

function ruleFromFinding(f: Finding): RuleInfo {
  return {
    id: f.ruleId,
    stage: f.stage,
    title: f.title,
    severity: f.severity,
    confidence: f.confidence,
    owasp: f.owasp,
    cwe: f.cwe,
    messages: {},
    docs: { description: f.title, attack: '', fix: f.remediation },
  };
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The file (or other source) a finding belongs to, for grouping. */
export function sourceOf(loc: Location): string {
  switch (loc.kind) {
    case 'file':
    case 'git':
      return loc.file;
    case 'http':
      return loc.url ? originOf(loc.url) : 'HTTP';
    case 'log':
      return loc.source;
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The position inside the source: `line:col`, `GET /users/{id}`, `line 12`. */
export function positionOf(loc: Location): string {
  switch (loc.kind) {
    case 'file':
      return `${loc.startLine}:${loc.startColumn}`;
    case 'git':
      return `${loc.startLine}:${loc.startColumn} @ ${loc.commit.slice(0, 12)}`;
    case 'http':
      return `${loc.method.toUpperCase()} ${loc.path}`;
    case 'log':
      return `line ${loc.line}`;
  }
}

/** Line number of a finding, when it has one. */
export function lineOf(loc: Location): number | undefined {
  if (loc.kind === 'file' || loc.kind === 'git') return loc.startLine;
  if (loc.kind === 'log') return loc.line;
  return undefined;
}

function columnOf(loc: Location): number {
  return loc.kind === 'file' || loc.kind === 'git' ? loc.startColumn : 0;
}

/** Total order on findings: by source, line, column, rule, message, fingerprint. */
export function compareByPlace(a: Finding, b: Finding): number {
  return (
    cmp(sourceOf(a.location), sourceOf(b.location)) ||
    (lineOf(a.location) ?? 0) - (lineOf(b.location) ?? 0) ||
    columnOf(a.location) - columnOf(b.location) ||
    cmp(positionOf(a.location), positionOf(b.location)) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message) ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

/** Most severe first, then by place: the order of every list a reporter prints. */
export function compareBySeverity(a: Finding, b: Finding): number {
  return compareSeverity(a.severity, b.severity) || compareByPlace(a, b);
}

export interface RuleGroup {
  ruleId: string;
  rule: RuleInfo;
  /** Highest severity among the findings. */
  severity: Severity;
  /** Sorted by place. */
  findings: Finding[];
}

/** Groups findings by rule; groups ordered most severe first, then by rule id. */
export function groupByRule(findings: Finding[], rules: Map<string, RuleInfo>): RuleGroup[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const groups: RuleGroup[] = [];
  for (const [ruleId, list] of byRule) {
    list.sort(compareByPlace);
    const severity = list.reduce<Severity>((s, f) => (compareSeverity(f.severity, s) < 0 ? f.severity : s), 'info');
    groups.push({ ruleId, rule: rules.get(ruleId) ?? ruleFromFinding(list[0]), severity, findings: list });
  }
  return groups.sort((a, b) => compareSeverity(a.severity, b.severity) || cmp(a.ruleId, b.ruleId));
}

export interface FileGroup {
  source: string;
  rules: RuleGroup[];
}

/** Groups findings by file, then by rule within a file. Files in path order. */
export function groupByFile(findings: Finding[], rules: Map<string, RuleInfo>): FileGroup[] {
  const bySource = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = sourceOf(f.location);
    const list = bySource.get(key);
    if (list) list.push(f);
    else bySource.set(key, [f]);
  }
  return [...bySource].sort((a, b) => cmp(a[0], b[0])).map(([source, list]) => ({ source, rules: groupByRule(list, rules) }));
}

/** `API2 Broken Authentication` for `API2:2023`; unknown ids as they are. */
export function owaspLabel(id: string): string {
  return isOwaspId(id) ? `${id.slice(0, id.indexOf(':'))} ${OWASP_API_2023[id].name}` : id;
}

/** Counts per OWASP category, in category order (API1 .. API10). */
export function countOwasp(findings: Finding[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of findings) for (const o of new Set(f.owasp)) counts.set(o, (counts.get(o) ?? 0) + 1);
  return [...counts].sort((a, b) => owaspOrder(a[0]) - owaspOrder(b[0]) || cmp(a[0], b[0]));
}

function owaspOrder(id: string): number {
  const m = /^API(\d{1,2}):/.exec(id);
  return m ? Number(m[1]) : 1000;
}

export function countSeverities(findings: Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms - m * 60_000) / 1000)} s`;
}

/**
 * Characters that must never reach a terminal or a one-line field verbatim: C0 and C1 controls (ANSI
 * escapes, line breaks), DEL, bidirectional overrides (Trojan Source), line/paragraph separators, BOM,
 * and lone surrogates. Findings quote attacker-controlled definitions, so every such string goes
 * through `visible`.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replaces unsafe characters by a visible escape such as `\u001b`, so the text stays one safe line. */
export function visible(s: string): string {
  return s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A list of numbers for humans: `12, 40, 52, …` with at most `max` shown. */
export function numberList(ns: number[], max: number): string {
  const shown = ns.slice(0, max).join(', ');
  return ns.length > max ? `${shown}, …` : shown;
}

/** Distinct line numbers of some findings, in order. */
export function linesOf(findings: Finding[]): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const f of findings) {
    const l = lineOf(f.location);
    if (l !== undefined && !seen.has(l)) {
      seen.add(l);
      out.push(l);
    }
  }
  return out;
}

/** Each line made safe with `visible` (for multi-line evidence: HTTP requests and responses). */
export function visibleLines(text: string): string[] {
  return text.split(/\r?\n/).map(visible);
}

/** An HTTP message as evidence holds it (`GET /x HTTP/1.1`, headers, blank line, body), parsed. */
export interface HttpText {
  startLine: string;
  headers: [string, string][];
  body?: string;
}

export function parseHttpText(text: string): HttpText {
  const blank = text.indexOf('\n\n');
  const head = (blank < 0 ? text : text.slice(0, blank)).split('\n');
  const headers: [string, string][] = [];
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  return { startLine: head[0] ?? '', headers, body: blank < 0 ? undefined : text.slice(blank + 2) };
}

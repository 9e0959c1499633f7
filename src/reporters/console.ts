import pc from 'picocolors';
import type { Diagnostic, Finding, RunResult, Severity } from '../core/index.ts';
import { SEVERITIES } from '../core/index.ts';
import type { RenderOptions } from './index.ts';
import {
  countOwasp,
  countSeverities,
  formatDuration,
  groupByFile,
  linesOf,
  numberList,
  owaspLabel,
  parseHttpText,
  plural,
  positionOf,
  type RuleGroup,
  rulesOf,
  visible,
  visibleLines,
} from './shared.ts';

type Colors = ReturnType<typeof pc.createColors>;

/** Findings of one rule in one file shown before the rest are summed up in one line (unless verbose). */
export const MAX_PLACES_PER_GROUP = 5;
/** Problems listed before "… and N more" (unless verbose). */
export const MAX_DIAGNOSTICS = 20;
/** Line numbers listed in the "… and N more places" line. */
const MAX_LINES_LISTED = 20;

/**
 * What users see first: findings grouped by file, then by rule, each rule explained once (why it
 * matters, how to fix it), repeated findings folded into one line, problems with the inputs, and a
 * summary. Plain text unless `options.color`.
 */
export function renderConsole(result: RunResult, options: RenderOptions = {}): string {
  const c = pc.createColors(options.color === true);
  const verbose = options.verbose === true;
  const rules = rulesOf(result);
  const out: string[] = [];

  for (const file of groupByFile(result.findings, rules)) {
    out.push(c.underline(c.bold(visible(file.source))));
    for (const group of file.rules) {
      renderGroup(out, group, c, verbose);
      out.push('');
    }
  }

  if (result.diagnostics.length) {
    out.push(c.bold(`Problems with the inputs or checks (${result.diagnostics.length})`));
    const shown = verbose ? result.diagnostics : result.diagnostics.slice(0, MAX_DIAGNOSTICS);
    for (const d of shown) out.push(`  ${diagnosticLine(d, c)}`);
    if (shown.length < result.diagnostics.length)
      out.push(`  ${c.dim(`… and ${result.diagnostics.length - shown.length} more (--verbose lists them)`)}`);
    out.push('');
  }

  if (verbose && result.skipped.length) {
    out.push(c.bold(`Skipped files (${result.skipped.length})`));
    for (const s of result.skipped) out.push(`  ${visible(s.file)}  ${c.dim(visible(s.reason))}`);
    out.push('');
  }

  out.push(...summary(result, c, verbose));
  return `${out.join('\n')}\n`;
}

const SEVERITY_COLOR: Record<Severity, (c: Colors, s: string) => string> = {
  critical: (c, s) => c.bold(c.magenta(s)),
  high: (c, s) => c.bold(c.red(s)),
  medium: (c, s) => c.yellow(s),
  low: (c, s) => c.cyan(s),
  info: (c, s) => c.gray(s),
};

function sev(s: Severity, c: Colors, pad = 0): string {
  return SEVERITY_COLOR[s](c, s) + ' '.repeat(Math.max(0, pad - s.length));
}

function renderGroup(out: string[], group: RuleGroup, c: Colors, verbose: boolean): void {
  const { rule } = group;
  const tags = [...rule.owasp.map(owaspLabel), ...rule.cwe].join(' · ');
  out.push(
    `  ${sev(group.severity, c)} ${c.bold(visible(rule.title))} ${c.dim(`[${visible(group.ruleId)}]`)}${tags ? c.dim(`  ${tags}`) : ''}`,
  );
  if (rule.docs.attack) out.push(`    ${c.dim('Why:')} ${oneLine(verbose ? rule.docs.attack : firstSentence(rule.docs.attack))}`);
  if (rule.docs.fix) out.push(`    ${c.dim('Fix:')} ${oneLine(rule.docs.fix)}`);

  const shown = verbose ? group.findings : group.findings.slice(0, MAX_PLACES_PER_GROUP);
  const posWidth = Math.max(...shown.map((f) => visible(positionOf(f.location)).length));
  for (const f of shown) {
    const pos = visible(positionOf(f.location));
    out.push(`    ${sev(f.severity, c, 8)}  ${pos.padEnd(posWidth)}  ${visible(f.message)}  ${c.dim(visible(f.ruleId))}`);
    if (f.location.kind === 'http' && f.evidence) {
      httpEvidence(out, f, c, verbose);
      continue;
    }
    if (verbose) {
      const extra = details(f);
      if (extra) out.push(`    ${' '.repeat(8)}  ${' '.repeat(posWidth)}  ${c.dim(extra)}`);
    }
  }
  const rest = group.findings.slice(shown.length);
  if (rest.length) {
    const lines = linesOf(rest);
    const where = lines.length
      ? `lines ${numberList(lines, MAX_LINES_LISTED)}`
      : numberListOf(
          rest.map((f) => visible(positionOf(f.location))),
          MAX_LINES_LISTED,
        );
    out.push(`    ${c.dim(`… and ${plural(rest.length, 'more place')} (${where})`)}`);
  }
}

/**
 * The proof of a probe finding: who sent it, the request line and the status, and the curl command
 * that replays it (credentials as shell variables). `--verbose` adds the full request and response.
 */
function httpEvidence(out: string[], f: Finding, c: Colors, verbose: boolean): void {
  const ev = f.evidence;
  if (!ev) return;
  const pad = '              ';
  const req = ev.request ? parseHttpText(ev.request).startLine.replace(/ HTTP\/1\.1$/, '') : undefined;
  const status = ev.response ? parseHttpText(ev.response).startLine.replace(/^HTTP\/1\.1 /, '') : undefined;
  const who = ev.identities?.length ? c.dim(`  (identities: ${visible(ev.identities.join(', '))})`) : '';
  if (req) out.push(`${pad}${visible(req)}${status ? c.dim(` → ${visible(status)}`) : ''}${who}`);
  if (ev.curl) out.push(`${pad}${c.dim('$')} ${visible(ev.curl)}`);
  if (verbose) {
    if (ev.request) for (const l of visibleLines(ev.request)) out.push(`${pad}${c.dim('> ')}${l}`);
    if (ev.response) for (const l of visibleLines(ev.response)) out.push(`${pad}${c.dim('< ')}${l}`);
  }
}

function numberListOf(items: string[], max: number): string {
  const unique = [...new Set(items)];
  const shown = unique.slice(0, max).join(', ');
  return unique.length > max ? `${shown}, …` : shown;
}

function details(f: Finding): string {
  const parts: string[] = [];
  const loc = f.location;
  if ((loc.kind === 'file' || loc.kind === 'git') && loc.pointer) parts.push(`at ${visible(loc.pointer)}`);
  if (loc.kind === 'http' && loc.url) parts.push(`url ${visible(loc.url)}`);
  if (f.evidence?.snippet) parts.push(`evidence: ${visible(f.evidence.snippet)}`);
  return parts.join(' · ');
}

const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf|approx)$/i;

/** The first sentence of a text: the attack in one line; `--verbose` shows all of it. */
export function firstSentence(s: string): string {
  const text = s.replace(/\s+/g, ' ').trim();
  const end = /[.!?](?= [A-Z0-9`"'(])/g;
  for (let m = end.exec(text); m; m = end.exec(text)) {
    if (!ABBREVIATIONS.test(text.slice(0, m.index))) return text.slice(0, m.index + 1);
  }
  return text;
}

function oneLine(s: string): string {
  return visible(s.replace(/\s+/g, ' ').trim());
}

function diagnosticLine(d: Diagnostic, c: Colors): string {
  const level = d.level === 'error' ? c.red(d.level) : d.level === 'warning' ? c.yellow(d.level) : c.dim(d.level);
  const where = d.file ? `${visible(d.file)}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}  ` : '';
  const pad = ' '.repeat(Math.max(0, 7 - d.level.length));
  return `${level}${pad}  ${where}${visible(d.message)}${d.ruleId ? `  ${c.dim(`[${visible(d.ruleId)}]`)}` : ''}`;
}

function summary(result: RunResult, c: Colors, verbose: boolean): string[] {
  const counts = countSeverities(result.findings);
  const total = result.findings.length;
  const lines: string[] = [];
  if (total === 0) {
    lines.push(c.green(c.bold('✔ No findings')));
  } else {
    const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${SEVERITY_COLOR[s](c, s)}`);
    lines.push(`${c.red(c.bold('✖'))} ${c.bold(plural(total, 'finding'))}: ${parts.join(', ')}`);
    const owasp = countOwasp(result.findings);
    if (owasp.length) lines.push(`  OWASP API Top 10: ${owasp.map(([id, n]) => `${owaspLabel(id)}: ${n}`).join(' · ')}`);
  }
  const targets = result.scanned.filter((x) => /^https?:\/\//.test(x));
  const files = result.scanned.length - targets.length;
  const run: string[] = [
    targets.length
      ? // A probe reads definitions only; a scan also reads every file for secrets.
        `probed ${targets.map(visible).join(', ')}${files ? ` (${plural(files, result.command === 'scan' ? 'file' : 'definition')})` : ''}`
      : `${plural(result.scanned.length, 'file')} scanned`,
  ];
  if (result.skipped.length) run[0] += `, ${result.skipped.length} skipped${verbose ? '' : ' (--verbose lists them)'}`;
  const { inline, baseline, config } = result.suppressed;
  if (inline + baseline > 0) run.push(`${inline + baseline} suppressed (${inline} inline, ${baseline} by the baseline)`);
  if (config > 0) run.push(`${plural(config, 'check')} turned off by config`);
  const level = (l: Diagnostic['level']) => result.diagnostics.filter((d) => d.level === l).length;
  if (level('error')) run.push(c.red(plural(level('error'), 'error')));
  if (level('warning')) run.push(c.yellow(plural(level('warning'), 'warning')));
  if (level('note')) run.push(plural(level('note'), 'note'));
  run.push(formatDuration(result.durationMs));
  lines.push(`  ${run.join(' · ')}`);
  return lines;
}

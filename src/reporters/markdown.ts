import {
  cweUrl,
  type Finding,
  isCweId,
  isOwaspId,
  OWASP_API_2023,
  owaspUrl,
  type RunResult,
  SEVERITIES,
  type Severity,
} from '../core/index.ts';
import type { RenderOptions } from './index.ts';
import {
  compareBySeverity,
  countOwasp,
  countSeverities,
  formatDuration,
  groupByRule,
  owaspLabel,
  plural,
  positionOf,
  type RuleGroup,
  rulesOf,
  sourceOf,
  visible,
} from './shared.ts';

/** GitHub rejects comments longer than 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownLimits {
  /** Rows of the table of most severe findings. */
  tableRows: number;
  /** Size budget of the whole comment, in UTF-8 bytes (never fewer than characters). */
  maxBytes: number;
  /** Longest message shown in a table cell or list item, in characters. */
  maxMessage: number;
  /** Diagnostics listed before "and N more". */
  diagnostics: number;
}

export const DEFAULT_MARKDOWN_LIMITS: MarkdownLimits = {
  tableRows: 30,
  maxBytes: GITHUB_COMMENT_LIMIT - 1_536,
  maxMessage: 300,
  diagnostics: 20,
};

const ICON: Record<Severity, string> = { critical: '🟣', high: '🔴', medium: '🟠', low: '🟡', info: '⚪' };

/** Room kept for closing tags and the footer while filling the per-rule sections. */
const RESERVE = 1_200;

/**
 * A pull request comment: counts per severity, a table of the most severe findings, then one collapsible
 * section per rule with why it matters, how to fix and every place, as long as the comment stays under
 * GitHub's size limit. Every string that comes from the audited files is escaped: no Markdown or HTML of
 * theirs is rendered, no @mention or #reference of theirs notifies anyone.
 */
export function renderMarkdown(result: RunResult, _options: RenderOptions = {}, limits: Partial<MarkdownLimits> = {}): string {
  const lim = { ...DEFAULT_MARKDOWN_LIMITS, ...limits };
  const out = new Budget(lim.maxBytes);
  const findings = [...result.findings].sort(compareBySeverity);
  const counts = countSeverities(findings);
  const rules = rulesOf(result);

  out.force(`### Rampart ${inline(result.command)}: ${findings.length ? plural(findings.length, 'finding') : 'no findings'}`);
  out.force('');
  out.force(SEVERITIES.map((s) => `${ICON[s]} **${counts[s]}** ${s}`).join(' · '));
  out.force('');
  const facts = [`${plural(result.scanned.length, 'file')} scanned`];
  if (result.skipped.length) facts.push(`${result.skipped.length} skipped`);
  const suppressed = result.suppressed.inline + result.suppressed.baseline;
  if (suppressed)
    facts.push(`${suppressed} suppressed (${result.suppressed.inline} inline, ${result.suppressed.baseline} by the baseline)`);
  if (result.diagnostics.length) facts.push(plural(result.diagnostics.length, 'problem'));
  facts.push(formatDuration(result.durationMs));
  const owasp = countOwasp(findings);
  out.force(facts.join(' · ') + (owasp.length ? '<br>' : ''));
  if (owasp.length) out.force(`OWASP API Top 10: ${owasp.map(([id, n]) => `${owaspLink(id)}: ${n}`).join(' · ')}`);
  out.force('');

  if (findings.length) {
    out.force('| Severity | Finding | Location | Rule |');
    out.force('| --- | --- | --- | --- |');
    let rows = 0;
    for (const f of findings.slice(0, lim.tableRows)) {
      const row = `| ${ICON[f.severity]} ${f.severity} | ${inline(clip(f.message, lim.maxMessage))} | <code>${inline(clip(where(f), lim.maxMessage))}</code> | <code>${inline(f.ruleId)}</code> |`;
      if (!out.tryAdd(row)) break;
      rows++;
    }
    out.force('');
    if (findings.length > rows) {
      out.force(`…and ${plural(findings.length - rows, 'more finding')}, listed by rule below.`);
      out.force('');
    }
  }

  if (result.diagnostics.length) {
    out.force(`#### Problems with the inputs or checks (${result.diagnostics.length})`);
    out.force('');
    let shown = 0;
    for (const d of result.diagnostics.slice(0, lim.diagnostics)) {
      const at = d.file
        ? ` <code>${inline(clip(`${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}`, lim.maxMessage))}</code>`
        : '';
      if (
        !out.tryAdd(
          `- **${d.level}**${at} ${inline(clip(d.message, lim.maxMessage))}${d.ruleId ? ` (<code>${inline(d.ruleId)}</code>)` : ''}`,
        )
      )
        break;
      shown++;
    }
    if (result.diagnostics.length > shown) out.force(`- …and ${result.diagnostics.length - shown} more`);
    out.force('');
  }

  const groups = groupByRule(findings, rules);
  if (groups.length) {
    out.force('#### Findings by rule');
    out.force('');
    let i = 0;
    for (; i < groups.length; i++) {
      if (!ruleSection(out, groups[i], lim)) break;
    }
    if (i < groups.length) {
      out.force(
        `…and ${plural(groups.length - i, 'more rule')} with ${plural(countIn(groups.slice(i)), 'finding')}: the comment size limit was reached; the SARIF or JSON report has them all.`,
      );
      out.force('');
    }
  }

  out.force(`<sub>${inline(`${result.tool.name} ${result.tool.version}`)}</sub>`);
  return out.text();
}

function countIn(groups: RuleGroup[]): number {
  return groups.reduce((n, g) => n + g.findings.length, 0);
}

/** Adds one collapsible section; false when not even its header fits. */
function ruleSection(out: Budget, group: RuleGroup, lim: MarkdownLimits): boolean {
  const { rule } = group;
  const head: string[] = [
    '<details>',
    `<summary>${ICON[group.severity]} <b>${html(rule.title)}</b> · <code>${html(group.ruleId)}</code> · ${group.severity} · ${plural(group.findings.length, 'place')}</summary>`,
    '',
  ];
  if (rule.docs.attack) head.push(`**Why it matters.** ${prose(rule.docs.attack)}`, '');
  if (rule.docs.fix) head.push(`**How to fix.** ${prose(rule.docs.fix)}`, '');
  const refs = [...rule.owasp.map((o) => owaspLink(o)), ...rule.cwe.map((c) => (isCweId(c) ? `[${c}](${cweUrl(c)})` : inline(c)))];
  if (refs.length) head.push(`**References.** ${refs.join(' · ')}`, '');
  if (!out.fits([...head, MORE_PLACES, ...TAIL])) return false;
  for (const l of head) out.force(l);
  let shown = 0;
  for (const f of group.findings) {
    if (
      !out.tryAdd(`- ${ICON[f.severity]} <code>${inline(clip(where(f), lim.maxMessage))}</code> ${inline(clip(f.message, lim.maxMessage))}`)
    )
      break;
    shown++;
  }
  if (shown < group.findings.length) out.force(MORE_PLACES.replace('N', plural(group.findings.length - shown, 'more place')));
  for (const l of TAIL) out.force(l);
  return true;
}

const MORE_PLACES = '- …and N (comment size limit reached; the SARIF or JSON report has them all)';
const TAIL = ['', '</details>', ''];

function where(f: Finding): string {
  const loc = f.location;
  if (loc.kind === 'http') return positionOf(loc);
  if (loc.kind === 'log') return `${loc.source}:${loc.line}`;
  return `${sourceOf(loc)}:${positionOf(loc)}`;
}

function owaspLink(id: string): string {
  return isOwaspId(id) ? `[${inline(owaspLabel(id))}](${owaspUrl(id)} "${OWASP_API_2023[id].name}")` : inline(id);
}

function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

/**
 * Escapes text from the audited files for Markdown inline context, including table cells: control
 * characters become visible, HTML and Markdown syntax is neutralized, pipes cannot split a table row, and
 * @mentions, #references and autolinks are broken with a zero-width space so they neither notify nor link.
 */
export function inline(s: string): string {
  return neutralize(
    visible(s)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]()#!|~]/g, (c) => `\\${c}`),
  );
}

/** Escapes text for an HTML context (`<summary>`), where Markdown is not parsed. */
export function html(s: string): string {
  return neutralize(
    visible(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
  );
}

const ZWSP = '&#8203;';

function neutralize(s: string): string {
  return s
    .replace(/@/g, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

/** Check docs are ours (trusted Markdown); only line breaks are folded so they stay one paragraph. */
function prose(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Accumulates lines under a byte budget. `tryAdd` keeps `RESERVE` bytes free for what must always be
 * written (closing tags, "and N more" lines, the footer), which `force` writes unconditionally.
 */
class Budget {
  private readonly lines: string[] = [];
  private bytes = 0;
  private readonly max: number;
  constructor(max: number) {
    this.max = max - RESERVE;
  }
  /** True when these lines would still fit. */
  fits(lines: string[]): boolean {
    return this.bytes + lines.reduce((n, l) => n + Buffer.byteLength(l, 'utf8') + 1, 0) <= this.max;
  }
  tryAdd(line: string): boolean {
    if (!this.fits([line])) return false;
    this.force(line);
    return true;
  }
  force(line: string): void {
    this.lines.push(line);
    this.bytes += Buffer.byteLength(line, 'utf8') + 1;
  }
  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

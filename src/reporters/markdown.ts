import { cweUrl, type Finding, isCweId, isOwaspId, owaspUrl, type RunResult, SEVERITIES, type Severity } from '../core/index.ts';
import { ENTITY } from './html-escape.ts';
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
  visibleLines,
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
  /** Places listed in one rule's section before "and N more", so one noisy rule cannot crowd out the others. */
  placesPerRule: number;
}

export const DEFAULT_MARKDOWN_LIMITS: MarkdownLimits = {
  tableRows: 30,
  maxBytes: GITHUB_COMMENT_LIMIT - 1_536,
  maxMessage: 300,
  diagnostics: 20,
  placesPerRule: 50,
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
    const sections = groups.map((g) => section(g, lim));
    const perRule = placesThatFit(out, sections, lim.placesPerRule);
    let i = 0;
    for (; i < sections.length; i++) {
      if (!writeSection(out, sections[i], perRule)) break;
    }
    const rest = groups.slice(i);
    if (rest.length) {
      out.force('Not shown for lack of space:');
      out.force('');
      let listed = 0;
      for (const g of rest) {
        if (
          !out.tryAdd(
            `- ${ICON[g.severity]} <b>${html(g.rule.title)}</b> (<code>${html(g.ruleId)}</code>): ${plural(g.findings.length, 'place')}`,
          )
        )
          break;
        listed++;
      }
      if (listed < rest.length)
        out.force(`- …and ${plural(rest.length - listed, 'more rule')} with ${plural(countIn(rest.slice(listed)), 'finding')}`);
      out.force('');
      out.force('The comment size limit was reached: the SARIF or JSON report has every finding.');
      out.force('');
    }
  }

  out.force(`<sub>${inline(`${result.tool.name} ${result.tool.version}`)}</sub>`);
  return out.text();
}

function countIn(groups: RuleGroup[]): number {
  return groups.reduce((n, g) => n + g.findings.length, 0);
}

interface Section {
  group: RuleGroup;
  head: string[];
  /** One line per place, at most `placesPerRule`. */
  places: string[];
}

function section(group: RuleGroup, lim: MarkdownLimits): Section {
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
  const places = group.findings
    .slice(0, lim.placesPerRule)
    .map(
      (f) =>
        `- ${ICON[f.severity]} <code>${inline(clip(where(f), lim.maxMessage))}</code> ${inline(clip(f.message, lim.maxMessage))}${httpEvidence(f)}`,
    );
  return { group, head, places };
}

/**
 * The most places per rule (up to `max`) that lets every rule's section fit, so that one noisy rule does not
 * crowd the others out of the comment. At least one.
 */
function placesThatFit(out: Budget, sections: Section[], max: number): number {
  const bytes = (lines: string[]) => lines.reduce((n, l) => n + Buffer.byteLength(l, 'utf8') + 1, 0);
  const fixed = sections.map((s) => bytes([...s.head, MORE_PLACES, ...TAIL]));
  const cumulative = sections.map((s) => {
    const c = [0];
    for (const l of s.places) c.push(c[c.length - 1] + Buffer.byteLength(l, 'utf8') + 1);
    return c;
  });
  for (const k of [max, 30, 20, 10, 5, 3, 2].filter((n) => n <= max)) {
    let total = 0;
    sections.forEach((s, i) => {
      total += fixed[i] + cumulative[i][Math.min(k, s.places.length)];
    });
    if (out.fits([' '.repeat(Math.max(0, total - 1))])) return k;
  }
  return 1;
}

/** Writes one collapsible section with up to `perRule` places; false when not even its header fits. */
function writeSection(out: Budget, s: Section, perRule: number): boolean {
  if (!out.fits([...s.head, MORE_PLACES, ...TAIL])) return false;
  for (const l of s.head) out.force(l);
  let shown = 0;
  for (const l of s.places.slice(0, perRule)) {
    if (!out.tryAdd(l)) break;
    shown++;
  }
  const total = s.group.findings.length;
  if (shown < total) out.force(MORE_PLACES.replace('N', plural(total - shown, 'more place')));
  for (const l of TAIL) out.force(l);
  return true;
}

const MORE_PLACES = '- …and N: the SARIF or JSON report has them all';
const TAIL = ['', '</details>', ''];

/** Bytes of a request or response shown in a comment (the JSON and SARIF reports have more). */
const EVIDENCE_BYTES = 1500;

/**
 * The proof of a probe finding, collapsed under its place: the request and the response in fenced
 * blocks and the curl command. Fences are longer than any backtick run inside, so the attacker-controlled
 * text cannot close them.
 */
function httpEvidence(f: Finding): string {
  const ev = f.evidence;
  if (f.location.kind !== 'http' || !ev || (!ev.request && !ev.response)) return '';
  const parts: string[] = ['', '  <details><summary>request and response</summary>', ''];
  if (ev.identities?.length) parts.push(`  Identities: ${ev.identities.map((i) => `<code>${inline(i)}</code>`).join(', ')}`, '');
  for (const [lang, text] of [
    ['http', ev.request],
    ['http', ev.response],
    ['sh', ev.curl],
  ] as const) {
    if (!text) continue;
    const body = visibleLines(clipBytes(text, EVIDENCE_BYTES));
    const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
    parts.push(`  ${fence}${lang}`, ...body.map((l) => `  ${l}`), `  ${fence}`, '');
  }
  parts.push('  </details>');
  return parts.join('\n');
}

function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const x of s) {
    run = x === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

function clipBytes(s: string, max: number): string {
  if (Buffer.byteLength(s, 'utf8') <= max) return s;
  let text = Buffer.from(s, 'utf8').subarray(0, max).toString('utf8');
  if (text.endsWith('\uFFFD')) text = text.slice(0, -1);
  return `${text}\n… (cut)`;
}

function where(f: Finding): string {
  const loc = f.location;
  if (loc.kind === 'http') return positionOf(loc);
  if (loc.kind === 'log') return `${loc.source}:${loc.line}`;
  return `${sourceOf(loc)}:${positionOf(loc)}`;
}

function owaspLink(id: string): string {
  return isOwaspId(id) ? `[${inline(owaspLabel(id))}](${owaspUrl(id)})` : inline(id);
}

function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

/**
 * Escapes text from the audited files for Markdown inline context, including table cells: control
 * characters become visible, HTML and Markdown syntax is neutralized, pipes cannot split a table row, and
 * @mentions, #references and autolinks are broken with a zero-width space so they neither notify nor link.
 * One pass, so no replacement is escaped again.
 */
export function inline(s: string): string {
  return visible(s).replace(/[&<>\\`*_[\]()#!|~@]|:\/\/|\bwww\./gi, (m, at: number, all: string) => {
    if (m === '#') return /\d/.test(all[at + 1] ?? '') ? `\\#${ZWSP}` : '\\#';
    return ENTITY[m] ?? defuse(m) ?? `\\${m}`;
  });
}

/** Escapes text for an HTML context (`<summary>`), where Markdown is not parsed. */
export function html(s: string): string {
  return visible(s).replace(/[&<>"'@#]|:\/\/|\bwww\./gi, (m, at: number, all: string) => {
    if (m === '#') return /\d/.test(all[at + 1] ?? '') ? `#${ZWSP}` : '#';
    return ENTITY[m] ?? defuse(m) ?? m;
  });
}

const ZWSP = '&#8203;';

/** `@team` → `@\u200bteam`, `https://x` → `https:\u200b//x`, `www.x` → `www\u200b.x` (as `&#8203;`). */
function defuse(m: string): string | undefined {
  if (m === '@') return `@${ZWSP}`;
  if (m === '://') return `:${ZWSP}//`;
  if (m.length === 4) return `${m.slice(0, 3)}${ZWSP}.`;
  return undefined;
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

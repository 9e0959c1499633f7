import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTILE, HOSTILE_IMG, HOSTILE_SCRIPT, hostileResult } from '../../test/reports/hostile.ts';
import { formatForOutput, formatNames } from '../cli/help.ts';
import type { Finding } from '../core/index.ts';
import { fingerprintOf } from '../core/index.ts';
import { sha256Base64 } from './html-assets.ts';
import { render } from './index.ts';
import { FIXTURES, makeResult } from './testing.ts';

const escaped = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Every tag the report may contain; a `<` of a finding that escaped escaping would add another. */
const ALLOWED_TAGS = new Set(
  'html head meta title style body header main section h1 h2 h3 h4 p strong code ul li div figure figcaption svg g text rect table thead tbody tr th td a form label select option button article span pre details summary script'.split(
    ' ',
  ),
);

/** Text of every element `<tag class="cls" ...>...</tag>`. */
function elements(html: string, tag: string, cls: string): string[] {
  const re = new RegExp(`<${tag} class="${cls}"[^>]*>([\\s\\S]*?)</${tag}>`, 'g');
  return [...html.matchAll(re)].map((m) => m[1]);
}

/** Every start tag with its quoted attribute values blanked: what is left are tag and attribute names. */
function startTags(html: string): string[] {
  return (html.match(/<[a-zA-Z][^>]*>/g) ?? []).map((t) => t.replace(/="[^"]*"/g, '=""'));
}

function articles(html: string): string[] {
  return [...html.matchAll(/<article [^>]*>[\s\S]*?<\/article>/g)].map((m) => m[0]);
}

describe('html reporter', () => {
  const html = render('html', hostileResult(), { cwd: FIXTURES });

  it('escapes hostile strings in every field: no tag, attribute or script of theirs survives', () => {
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase()));
    expect([...tags].filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    // No event handler attribute in any tag we wrote.
    for (const tag of startTags(html)) expect(tag).not.toMatch(/\son\w+\s*=/i);
    expect(html).not.toContain(HOSTILE_IMG);
    expect(html).not.toContain('<img');
    // Bidi overrides are shown, not obeyed.
    expect(html).not.toContain('\u202e');
    expect(html).toContain('\\u202egnp.exe');
  });

  it('shows each hostile field as text where it belongs', () => {
    const img = escaped(HOSTILE_IMG);
    const script = escaped(HOSTILE_SCRIPT);
    const [request] = elements(html, 'pre', 'request');
    const [response] = elements(html, 'pre', 'response');
    const [curl] = elements(html, 'pre', 'curl');
    expect(request).toContain(`GET /api/orders/4?q=${img} HTTP/1.1`);
    expect(request).toContain(`x-note: ${script}`);
    expect(response).toContain(`<html><body>${img}${script}`.replace(/<html><body>/, '&lt;html&gt;&lt;body&gt;'));
    expect(curl).toContain(`'"$BOB_TOKEN"`.replace(/'/g, '&#39;').replace(/"/g, '&quot;'));
    expect(curl).toContain(img);
    expect(html).toContain(`<h3>AWS access key ID ${script}</h3>`);
    expect(html).toContain(`<h3>Reflected ${script}</h3>`);
    expect(html).toContain(`An AWS access key ID is hard-coded here ${img}.`);
    expect(html).toContain(`data-source="config/${img}.env"`);
    expect(html).toContain(`<option value="config/${img}.env">config/${img}.env (1)</option>`);
    expect(html).toContain(`<code>config/${img}.env:2:9</code>`);
    expect(html).toContain(`<code>GET /search/${script}</code>`);
    const snippets = elements(html, 'pre', 'snippet');
    expect(snippets.some((s) => s.includes(`AKIA… (20 chars, sha256:0123456789ab) ${img}`))).toBe(true);
    expect(html).toContain(`<code>bob${img}</code>`);
    expect(html).toContain(`<code>bad/${img}.yaml:3:1</code>`);
    expect(html).toContain(`<code>big/${script}.json</code>`);
    expect(html).toContain(escaped(HOSTILE.replace('\u202e', '\\u202e')));
  });

  it('pins its one style and script by sha256 in a Content-Security-Policy that forbids every load', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${sha256Base64(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${sha256Base64(style)}'`);
    expect(csp).not.toMatch(/unsafe|\*/);
    // The script reads data attributes and sets textContent/hidden only.
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval|Function\(|setTimeout\(['"]/);
  });

  it('loads nothing: no src, stylesheet, import or url(); links go to OWASP and CWE pages only', () => {
    for (const tag of startTags(html)) expect(tag).not.toMatch(/\s(src|srcset|poster|data|background)\s*=/i);
    expect(html).not.toMatch(/<link\b|@import|url\(|<iframe|<object|<embed/i);
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) expect(h).toMatch(/^https:\/\/(owasp\.org|cwe\.mitre\.org)\//);
  });

  it('counts findings by severity and OWASP category, and tags each finding for the filters', () => {
    const card = (s: string) => new RegExp(`data-count-severity="${s}"><span class="n">(\\d+)<`).exec(html)?.[1];
    expect(['critical', 'high', 'medium', 'low', 'info'].map(card)).toEqual(['1', '2', '1', '3', '0']);
    expect(/<strong id="total">(\d+)</.exec(html)?.[1]).toBe('7');
    const owasp = (id: string) => new RegExp(`data-count-owasp="${id}">(\\d+)<`).exec(html)?.[1];
    expect(owasp('API1:2023')).toBe('1');
    expect(owasp('API2:2023')).toBe('1');
    expect(owasp('API4:2023')).toBe('2');
    expect(owasp('API5:2023')).toBe('1');
    expect(owasp('API8:2023')).toBe('2');
    expect(owasp('API10:2023')).toBe('1');
    const list = articles(html);
    expect(list).toHaveLength(7);
    // Most severe first.
    expect(list.map((a) => /data-severity="(\w+)"/.exec(a)?.[1])).toEqual(['critical', 'high', 'high', 'medium', 'low', 'low', 'low']);
    expect(list.map((a) => /data-stage="(\w+)"/.exec(a)?.[1]).sort()).toEqual([
      'design',
      'design',
      'design',
      'probe',
      'probe',
      'runtime',
      'secrets',
    ]);
    expect(html).toContain('<option value="API4:2023">API4 Unrestricted Resource Consumption (2)</option>');
    expect(html).toContain('<option value="design">API definition (design) (3)</option>');
  });

  it('explains each finding: why it matters and how to fix it from the check docs, with OWASP and CWE', () => {
    const bola = articles(html).find((a) => a.includes('data-rule="bola"')) ?? '';
    expect(bola).toContain('<h4>Why it matters</h4>\n<p>Any signed-in user reads anyone’s data by changing the id in the URL.</p>');
    expect(bola).toContain('<h4>How to fix</h4>\n<p>Check that the object belongs to the caller.</p>');
    expect(bola).toContain('>API1 Broken Object Level Authorization</a>');
    expect(bola).toContain('>CWE-639</a>');
    expect(html).toContain('A user can reach another user’s objects by changing an id.');
  });

  it('quotes the flagged lines of a file, highlighted, from under the working directory only', () => {
    const admin = articles(html).find((a) => a.includes('data-rule="test-admin-anonymous"')) ?? '';
    const [excerpt] = elements(admin, 'pre', 'excerpt');
    expect(excerpt).toContain('<span class="hit"><span class="ln">9</span>    delete:</span>');
    expect(excerpt).toContain('<span><span class="ln">6</span>  - basicAuth: []</span>');
    expect(excerpt).not.toContain('<span class="ln">13</span>');
    // Without a working directory there is nothing to read from.
    expect(render('html', hostileResult(), {})).not.toContain('class="excerpt"');

    const dir = mkdtempSync(join(tmpdir(), 'rampart-html-'));
    writeFileSync(join(dir, 'app.env'), 'A=1\nAWS_KEY=AKIAZZZZZZZZZZZZZZZZ\n');
    const loc = (file: string) => ({ kind: 'file' as const, file, startLine: 2, startColumn: 9, endLine: 2, endColumn: 29 });
    const base = hostileResult().findings[0];
    const f = (file: string, extra: Partial<Finding>): Finding => ({
      ...base,
      location: loc(file),
      fingerprint: fingerprintOf('x', loc(file)),
      ...extra,
    });
    const out = render(
      'html',
      makeResult({
        findings: [
          f('../../../../../../etc/passwd', {}),
          f('app.env', { stage: 'secrets', ruleId: 'aws-access-key-id', cwe: ['CWE-798'] }),
          f('app.env', { ruleId: 'secret-in-example', cwe: ['CWE-798'] }),
        ],
      }),
      { cwd: join(dir, 'sub') },
    );
    expect(out).not.toContain('class="excerpt"');
    expect(render('html', makeResult({ findings: [f('app.env', { stage: 'secrets', cwe: ['CWE-798'] })] }), { cwd: dir })).not.toContain(
      'AKIAZZZZ',
    );
    expect(render('html', makeResult({ findings: [f('app.env', {})] }), { cwd: dir })).toContain('AWS_KEY=AK…(20 chars hidden)');
  });

  it('never quotes a secret in an excerpt: reported credential ranges and credential shapes are masked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-html-'));
    const lines = [
      'servers:',
      '  - url: http://api.example.com',
      '  - url: https://admin:Sup3rS3cret-pw@staging.example.com/v2',
      'components:',
      '  x-keys: { api_key: "k3y-VALUE-0123456789", note: plain }',
      '  x-jwt: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
      '  x-aws: AKIAIOSFODNN7EXAMPLQ and x-stripe sk_live_0123456789abcdef',
      '  x-custom: tok-9f8e7d6c5b4a',
      '  password: { type: string, format: password }',
      '  tokenUrl: https://auth.example.com/token',
    ];
    writeFileSync(join(dir, 'api.yaml'), `${lines.join('\n')}\n`);
    const at = (line: number, startColumn: number, endColumn: number) => ({
      kind: 'file' as const,
      file: 'api.yaml',
      startLine: line,
      startColumn,
      endLine: line,
      endColumn,
    });
    const base = hostileResult().findings[0];
    const cleartext: Finding = { ...base, location: at(7, 3, 8), fingerprint: 'a'.repeat(32) };
    // A custom token only the secrets scan knows about: its reported range is masked in other excerpts.
    const custom: Finding = { ...base, stage: 'secrets', cwe: ['CWE-798'], location: at(8, 13, 32), fingerprint: 'b'.repeat(32) };
    const server: Finding = { ...base, location: at(3, 10, 20), fingerprint: 'c'.repeat(32) };
    const out = render('html', makeResult({ findings: [cleartext, custom, server] }), { cwd: dir });
    const excerpt = elements(out, 'pre', 'excerpt').join('\n');
    for (const secret of [
      'Sup3rS3cret-pw',
      'k3y-VALUE-0123456789',
      'eyJhbGciOiJIUzI1NiJ9',
      'AKIAIOSFODNN7EXAMPLQ',
      'sk_live_0123456789abcdef',
      'tok-9f8e7d6c5b4a',
    ])
      expect(out).not.toContain(secret);
    expect(excerpt).toContain('https://admin:Su…(14 chars hidden)@staging.example.com/v2');
    expect(excerpt).toContain('x-keys: { api_key: &quot;k3…(20 chars hidden)&quot;, note: plain }');
    expect(excerpt).toContain('x-custom: to…(16 chars hidden)');
    expect(excerpt).toContain('password: { type: string, format: password }');
    expect(excerpt).toContain('tokenUrl: https://auth.example.com/token');
  });

  it('shows new, fixed and open findings and the trend when the run carries history', () => {
    expect(html).not.toContain('id="history"');
    const withHistory = render('html', {
      ...hostileResult(),
      history: {
        new: 2,
        fixed: 5,
        open: 5,
        trend: [
          { startedAt: '2026-12-01T00:00:00.000Z', total: 12 },
          { startedAt: `x${HOSTILE}`, total: 7 },
        ],
      },
    });
    expect(withHistory).toContain('<span class="n" data-history="new">2</span> new');
    expect(withHistory).toContain('<span class="n" data-history="fixed">5</span> fixed');
    expect(withHistory).toContain('<span class="n" data-history="open">5</span> still open');
    expect(withHistory.match(/class="bar trend"/g)).toHaveLength(2);
    expect(withHistory).not.toContain(HOSTILE_IMG);
  });

  it('says so when there is nothing to report', () => {
    const out = render('html', makeResult());
    expect(out).toContain('<strong id="total">0</strong> findings');
    expect(out).toContain('<p>No findings.</p>');
    expect(out).not.toContain('<form');
  });

  it('is a format of every command, picked by --format html or an .html output file', () => {
    expect(formatNames()).toContain('html');
    expect(formatForOutput('out/report.html')).toBe('html');
    expect(formatForOutput('report.HTM')).toBe('html');
  });
});

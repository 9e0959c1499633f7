import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/index.ts';
import { render } from './index.ts';
import { GITHUB_COMMENT_LIMIT, html, inline, renderMarkdown } from './markdown.ts';
import { adminAnonymous, auditFixtures, diag, finding, makeResult, meta, quiet, unboundedString } from './testing.ts';

const low = meta(unboundedString);
const crit = meta(adminAnonymous);

/** Table rows of a Markdown text: lines starting with `| ` after the header separator. */
function tableRows(md: string): string[] {
  const lines = md.split('\n');
  const start = lines.indexOf('| --- | --- | --- | --- |');
  const rows: string[] = [];
  for (let i = start + 1; start >= 0 && lines[i]?.startsWith('| '); i++) rows.push(lines[i]);
  return rows;
}

/** Cell separators of a table row: pipes not preceded by a backslash. */
function separators(row: string): number {
  return row.match(/(?<!\\)\|/g)?.length ?? 0;
}

describe('markdown reporter', () => {
  it('writes counts, a table of the most severe findings, problems, and a collapsible section per rule', () => {
    const f1 = finding(crit, 'api.yaml', 9, 5, 'DELETE /admin/users is an admin operation that anyone can call.');
    const f2 = finding(low, 'api.yaml', 12, 11, 'Parameter "q" accepts a string of any length.');
    const result = makeResult({
      checks: [low, crit, meta(quiet)],
      findings: [f2, f1],
      diagnostics: [diag({ level: 'error', message: 'invalid YAML: bad indentation', file: 'broken.yaml', line: 3, column: 7 })],
      scanned: ['api.yaml'],
      suppressed: { inline: 1, baseline: 0, config: 0 },
    });
    expect(render('markdown', result, {})).toBe(`### Rampart audit: 2 findings

🟣 **1** critical · 🔴 **0** high · 🟠 **0** medium · 🟡 **1** low · ⚪ **0** info

1 file scanned · 1 suppressed (1 inline, 0 by the baseline) · 1 problem · 1.2 s<br>
OWASP API Top 10: [API2 Broken Authentication](https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/): 1 · [API4 Unrestricted Resource Consumption](https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/): 1 · [API5 Broken Function Level Authorization](https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/): 1

| Severity | Finding | Location | Rule |
| --- | --- | --- | --- |
| 🟣 critical | DELETE /admin/users is an admin operation that anyone can call. | <code>api.yaml:9:5</code> | <code>test-admin-anonymous</code> |
| 🟡 low | Parameter "q" accepts a string of any length. | <code>api.yaml:12:11</code> | <code>test-unbounded-string</code> |

#### Problems with the inputs or checks (1)

- **error** <code>broken.yaml:3:7</code> invalid YAML: bad indentation

#### Findings by rule

<details>
<summary>🟣 <b>Admin operation without authentication</b> · <code>test-admin-anonymous</code> · critical · 1 place</summary>

**Why it matters.** Anyone who finds the URL can run administrative functions: no credentials are needed.

**How to fix.** Require an admin-scoped credential on every admin operation.

**References.** [API5 Broken Function Level Authorization](https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/) · [API2 Broken Authentication](https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/) · [CWE-306](https://cwe.mitre.org/data/definitions/306.html)

- 🟣 <code>api.yaml:9:5</code> DELETE /admin/users is an admin operation that anyone can call.

</details>

<details>
<summary>🟡 <b>String parameter without a maximum length</b> · <code>test-unbounded-string</code> · low · 1 place</summary>

**Why it matters.** Huge values exhaust memory and CPU in parsers, validators and databases.

**How to fix.** Give every string parameter a maxLength (or an enum, pattern with bounds, or a bounded format).

**References.** [API4 Unrestricted Resource Consumption](https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/) · [CWE-770](https://cwe.mitre.org/data/definitions/770.html)

- 🟡 <code>api.yaml:12:11</code> Parameter "q" accepts a string of any length.

</details>

<sub>rampart 9.9.9</sub>
`);
  });

  it('escapes Markdown and HTML, keeps pipes inside their cell, and defuses mentions, references and autolinks', () => {
    expect(inline('a|b `c` <img src=x onerror=alert(1)> *em* _u_ [l](http://evil.example) \\ & ~s~ !')).toBe(
      'a\\|b \\`c\\` &lt;img src=x onerror=alert\\(1\\)&gt; \\*em\\* \\_u\\_ \\[l\\]\\(http:&#8203;//evil.example\\) \\\\ &amp; \\~s\\~ \\!',
    );
    expect(inline('@octocat ping org/repo#12 see www.evil.example')).toBe(
      '@&#8203;octocat ping org/repo\\#&#8203;12 see www&#8203;.evil.example',
    );
    expect(inline('line\nbreak\u001b[31m')).toBe('line\\\\u000abreak\\\\u001b\\[31m');
    expect(html('<b>"x"</b> & \'y\' @team')).toBe('&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; &#39;y&#39; @&#8203;team');

    const evil = '<script>alert(1)</script> | `code` @admin #1 </details> \n| injected | row |';
    const f = finding(low, 'specs/`x`|<b>.yaml', 3, 1, `Parameter "${evil}" accepts a string of any length.`);
    const md = renderMarkdown(
      makeResult({ checks: [low], findings: [f], diagnostics: [diag({ level: 'warning', message: evil, file: 'a|b.yaml' })] }),
      {},
    );
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('@admin');
    expect(md).not.toMatch(/(?<!\\)`/);
    expect(md.match(/<\/details>/g)?.length).toBe(1);
    const rows = tableRows(md);
    expect(rows.length).toBe(1);
    expect(separators(rows[0])).toBe(5);
    expect(rows[0]).toBe(
      '| 🟡 low | Parameter "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| \\`code\\` @&#8203;admin \\#&#8203;1 &lt;/details&gt; \\\\u000a\\| injected \\| row \\|" accepts a string of any length. | <code>specs/\\`x\\`\\|&lt;b&gt;.yaml:3:1</code> | <code>test-unbounded-string</code> |',
    );
    expect(md).toContain('- **warning** <code>a\\|b.yaml</code> &lt;script&gt;alert\\(1\\)&lt;/script&gt;');
  });

  it('caps the table at 30 rows, most severe first, and says how many more', () => {
    const findings: Finding[] = [];
    for (let i = 0; i < 40; i++) findings.push(finding(low, 'a.yaml', 100 + i, 1, `low ${i}`));
    findings.push(finding(crit, 'z.yaml', 900, 1, 'critical one'));
    const md = renderMarkdown(makeResult({ checks: [low, crit], findings }), {});
    const rows = tableRows(md);
    expect(rows.length).toBe(30);
    expect(rows[0]).toContain('critical one');
    expect(rows[29]).toContain('low 28');
    expect(md).toContain('\n…and 11 more findings, listed by rule below.\n');
    expect(md).toContain('- 🟡 <code>a.yaml:139:1</code> low 39\n');
  });

  it('stays under GitHub’s 65,536-character comment limit with thousands of long hostile findings, closing every section', () => {
    const rules = Array.from({ length: 60 }, (_, r) => ({ ...low, id: `rule-${String(r).padStart(2, '0')}`, title: `Rule ${r}` }));
    const findings: Finding[] = [];
    for (const rule of rules) {
      for (let i = 0; i < 100; i++) findings.push(finding(rule, `specs/file-${i % 7}.yaml`, i + 1, 3, `${'@x|<'.repeat(100)} ${i}`));
    }
    const md = renderMarkdown(makeResult({ checks: rules, findings }), {});
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(Buffer.byteLength(md)).toBeGreaterThan(50_000);
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);
    // Every rule is accounted for: as a section, in the "not shown" list, or in its last line.
    const sections = md.match(/<summary>/g)?.length ?? 0;
    const listed = md.match(/^- 🟡 <b>Rule \d+<\/b>/gm)?.length ?? 0;
    const more = Number(/^- …and (\d+) more rules with \d+ findings$/m.exec(md)?.[1] ?? 0);
    expect(sections).toBeGreaterThan(0);
    expect(listed + more).toBeGreaterThan(0);
    expect(sections + listed + more).toBe(60);
    expect(md).toContain('The comment size limit was reached: the SARIF or JSON report has every finding.');
    expect(md.endsWith('<sub>rampart 9.9.9</sub>\n')).toBe(true);
    expect(tableRows(md).length).toBe(30);
    const small = renderMarkdown(makeResult({ checks: rules, findings }), {}, { maxBytes: 4_000 });
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(4_000);
    expect(small.endsWith('<sub>rampart 9.9.9</sub>\n')).toBe(true);
  });

  it('shares the space between rules: a noisy rule does not crowd the others out', () => {
    const rules = Array.from({ length: 40 }, (_, r) => ({ ...low, id: `rule-${String(r).padStart(2, '0')}`, title: `Rule ${r}` }));
    const findings: Finding[] = [];
    for (const rule of rules)
      for (let i = 0; i < 200; i++) findings.push(finding(rule, 'a.yaml', i + 1, 3, `Parameter p${i} accepts a string of any length.`));
    const md = renderMarkdown(makeResult({ checks: rules, findings }), {});
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md.match(/<summary>/g)?.length).toBe(40);
    const perRule = md.match(/^- …and (\d+) more places: the SARIF or JSON report has them all$/gm) ?? [];
    expect(perRule.length).toBe(40);
    expect(new Set(perRule).size).toBe(1);
    expect(md).not.toContain('Not shown for lack of space');
  });

  it('a clean run is short', () => {
    expect(renderMarkdown(makeResult({ checks: [low], scanned: ['a.yaml'], durationMs: 5 }), {})).toBe(
      '### Rampart audit: no findings\n\n🟣 **0** critical · 🔴 **0** high · 🟠 **0** medium · 🟡 **0** low · ⚪ **0** info\n\n1 file scanned · 5 ms\n\n<sub>rampart 9.9.9</sub>\n',
    );
  });

  it('renders a real audit', async () => {
    const md = renderMarkdown(await auditFixtures(), {});
    expect(
      md.startsWith(
        '### Rampart audit: 13 findings\n\n🟣 **2** critical · 🔴 **0** high · 🟠 **2** medium · 🟡 **9** low · ⚪ **0** info\n',
      ),
    ).toBe(true);
    const rows = tableRows(md);
    expect(rows.length).toBe(13);
    expect(rows.map((r) => r.split(' | ')[0])).toEqual([
      '| 🟣 critical',
      '| 🟣 critical',
      '| 🟠 medium',
      '| 🟠 medium',
      ...Array(9).fill('| 🟡 low'),
    ]);
    for (const r of rows) expect(separators(r)).toBe(5);
    expect(rows[0]).toContain('<code>specs/legacy.json:9:7</code>');
    expect(md).toContain('- **error** <code>bad/broken.yaml:8:1</code> invalid YAML: ');
    expect(md).toContain('@&#8203;team \\#&#8203;12 www&#8203;.evil.example \\\\u001b\\[31m');
    expect(md.match(/<details>/g)?.length).toBe(3);
    expect(md).toContain('· <code>test-unbounded-string</code> · low · 9 places</summary>');
  });
});

/**
 * The secrets engine: fragments to findings (positions, redaction, messages, fingerprints), inline
 * ignores, allowlists, decoding of encoded runs, and the fast paths (keyword automaton, windows)
 * agreeing with the reference scanner.
 */
import { describe, expect, it } from 'vitest';
import { loadSecretRules } from '../../src/checks/secrets/registry.ts';
import type { Config, Finding } from '../../src/core/index.ts';
import { type FragmentScanOptions, scanFragments } from '../../src/engines/secrets/engine.ts';
import { matchText } from '../../src/engines/secrets/match.ts';
import { KeywordPrefilter, ScanPlan } from '../../src/engines/secrets/prefilter.ts';
import { redact } from '../../src/engines/secrets/redact.ts';
import { maxMatchLength } from '../../src/engines/secrets/regex-length.ts';
import { scanText } from '../../src/engines/secrets/scan.ts';
import type { Fragment, SecretRule } from '../../src/engines/secrets/types.ts';
import { compileUserRules } from '../../src/engines/secrets/user-rules.ts';
import { GHP, githubPat, TKN, testRule } from './helpers.ts';

const ROOT = '/project';

async function scan(
  fragments: Fragment[],
  rules: SecretRule[] = [githubPat, testRule],
  options: FragmentScanOptions = {},
): Promise<Finding[]> {
  const out: Finding[] = [];
  await scanFragments(fragments, rules, (f) => out.push(f), { cwd: ROOT, root: ROOT, ...options });
  return out;
}

describe('scanFragments', () => {
  const text = `const a = 1;\nconst token = "${GHP}";\n`;

  it('reports the secret at its exact place, redacted, with what/where/why', async () => {
    const [f, ...rest] = await scan([{ file: 'src/config.ts', text }]);
    expect(rest).toEqual([]);
    expect(f.ruleId).toBe('github-pat');
    expect(f.stage).toBe('secrets');
    expect(f.severity).toBe('critical');
    expect(f.location).toEqual({ kind: 'file', file: 'src/config.ts', startLine: 2, startColumn: 16, endLine: 2, endColumn: 56 });
    expect(f.message).toBe(
      'GitHub personal access token (classic) in src/config.ts: anyone who can read this file can use it with GitHub until it is revoked',
    );
    expect(f.evidence?.snippet).toBe(redact(GHP));
    expect(f.evidence?.snippet).toMatch(/^ghp_R7ZP… \(40 chars, sha256:[0-9a-f]{12}\)$/);
    expect(JSON.stringify(f)).not.toContain(GHP);
    expect(f.cwe).toEqual(['CWE-798']);
    expect(f.owasp.length).toBeGreaterThan(0);
    expect(f.remediation).toBe(githubPat.remediation);
  });

  it('counts columns in UTF-16 units after non-ASCII text and finds secrets on CRLF lines', async () => {
    const [f] = await scan([{ file: 'a.txt', text: `é → ok\r\nclé: ${TKN}\r\n` }]);
    expect(f.location).toMatchObject({ startLine: 2, startColumn: 6, endLine: 2, endColumn: 34 });
  });

  it('keeps its fingerprint across unrelated edits, and changes it with the secret or the file', async () => {
    const [a] = await scan([{ file: 'src/config.ts', text }]);
    const [moved] = await scan([{ file: 'src/config.ts', text: `// a comment\n\n${text}` }]);
    const [other] = await scan([{ file: 'src/other.ts', text }]);
    const [fromSub] = await scan([{ file: 'config.ts', text }], undefined, { cwd: `${ROOT}/src` });
    expect(moved.location).toMatchObject({ startLine: 4 });
    expect(moved.fingerprint).toBe(a.fingerprint);
    expect(fromSub.fingerprint).toBe(a.fingerprint);
    expect(other.fingerprint).not.toBe(a.fingerprint);
    const [t1] = await scan([{ file: 'x', text: `a=${TKN}` }]);
    const [t2] = await scan([{ file: 'x', text: `a=${TKN.replace('Wx', 'Wy')}` }]);
    expect(t1.fingerprint).not.toBe(t2.fingerprint);
  });

  it('reports history at a git location, with the same fingerprint as the working tree', async () => {
    const [work] = await scan([{ file: 'src/config.ts', text }]);
    const git = { commit: '0123456789abcdef0123456789abcdef01234567', author: 'Ada <ada@example.com>', date: '2024-05-01T10:00:00Z' };
    const [hist] = await scan([
      {
        file: 'src/config.ts',
        text: `const token = "${GHP}";`,
        git,
        locate: () => ({ startLine: 7, startColumn: 16, endLine: 7, endColumn: 56 }),
      },
    ]);
    expect(hist.location).toEqual({ kind: 'git', file: 'src/config.ts', startLine: 7, startColumn: 16, endLine: 7, endColumn: 56, ...git });
    expect(hist.fingerprint).toBe(work.fingerprint);
    expect(hist.message).toBe(
      'GitHub personal access token (classic) in src/config.ts, added in commit 0123456789ab (Ada <ada@example.com>, 2024-05-01): anyone who can read the repository can use it with GitHub until it is revoked',
    );
    const [gone] = await scan([{ file: 'src/config.ts', text: GHP, git: { ...git, removedInHead: true } }]);
    expect(gone.message).toContain('removed in HEAD but still in history: rotate it');
  });

  it('uses the pointer of structured fragments in the location, the message and the fingerprint', async () => {
    const [a] = await scan([
      {
        file: 'env.json',
        text: TKN,
        pointer: '/values/0/value',
        locate: () => ({ startLine: 5, startColumn: 17, endLine: 5, endColumn: 45 }),
      },
    ]);
    const [b] = await scan([{ file: 'env.json', text: TKN, pointer: '/values/1/value' }]);
    expect(a.location).toEqual({
      kind: 'file',
      file: 'env.json',
      pointer: '/values/0/value',
      startLine: 5,
      startColumn: 17,
      endLine: 5,
      endColumn: 45,
    });
    expect(a.message).toContain('env.json (at /values/0/value)');
    expect(a.fingerprint).not.toBe(b.fingerprint);
  });

  it('reads fragments from an async source', async () => {
    async function* source() {
      yield { file: 'a', text: TKN };
      yield { file: 'b', text: 'nothing' };
      yield { file: 'c', text: `x ${GHP}` };
    }
    const out: Finding[] = [];
    await scanFragments(source(), [githubPat, testRule], (f) => out.push(f), { cwd: ROOT, root: ROOT });
    expect(out.map((f) => `${f.location.kind === 'file' ? f.location.file : ''}:${f.ruleId}`)).toEqual(['a:test-token', 'c:github-pat']);
  });

  it('follows the config: severities and rules turned off', async () => {
    const low: Config = { rules: { 'github-pat': 'low' } };
    expect((await scan([{ file: 'a', text }], undefined, { config: low }))[0].severity).toBe('low');
    const off: Config = { rules: { 'github-pat': 'off' } };
    expect(await scan([{ file: 'a', text }], undefined, { config: off })).toEqual([]);
  });

  it('leaves out values matching secrets.allowValues, and counts them', async () => {
    const suppressed = { inline: 0, baseline: 0, config: 0 };
    expect(await scan([{ file: 'a', text: `${text}\n${TKN}` }], undefined, { allowValues: [/^ghp_R7ZP/], suppressed })).toHaveLength(1);
    expect(suppressed.config).toBe(1);
  });

  it('reduces two rules that match one secret to the more confident one', async () => {
    const loose: SecretRule = {
      ...testRule,
      id: 'loose-token',
      confidence: 'low',
      keywords: ['tkn'],
      pattern: /(?<secret>tkn_[A-Za-z0-9]{10,40})/,
    };
    const found = await scan([{ file: 'a', text: `k=${TKN}` }], [loose, testRule]);
    expect(found.map((f) => f.ruleId)).toEqual(['test-token']);
  });

  it('finds secrets that span lines, with their start and end lines', async () => {
    const pem: SecretRule = {
      ...testRule,
      id: 'test-block',
      keywords: ['begin test'],
      pattern: /-----BEGIN TEST-----\n(?<secret>[A-Za-z0-9\n]{10,400})\n-----END TEST-----/,
    };
    const block = 'x\n-----BEGIN TEST-----\nQWxhZGRpbjpvcGVu\nc2VzYW1lMTIzNDU2\n-----END TEST-----\n';
    const [f] = await scan([{ file: 'k.pem', text: block }], [pem]);
    expect(f.location).toMatchObject({ startLine: 3, startColumn: 1, endLine: 4, endColumn: 17 });
  });
});

describe('inline ignores', () => {
  const cases: [string, string, number][] = [
    ['same line, with a reason', `token = "${TKN}"  # rampart-ignore: test fixture`, 0],
    ['same line, no reason', `token = "${TKN}" // rampart-ignore`, 0],
    ['same line, HTML comment', `<meta content="${TKN}"> <!-- rampart-ignore -->`, 0],
    ['next line', `// rampart-ignore-next-line: documented example\ntoken = "${TKN}"`, 0],
    ['next line, YAML comment', `# rampart-ignore-next-line\ntoken: ${TKN}`, 0],
    ['next-line marker on the same line does not apply to it', `token = "${TKN}" // rampart-ignore-next-line`, 1],
    ['next-line marker two lines above', `// rampart-ignore-next-line\n\ntoken = "${TKN}"`, 1],
    ['a marker elsewhere in the file', `token = "${TKN}"\n\n// rampart-ignore`, 1],
  ];
  it.each(cases)('%s', async (_name, text, expected) => {
    const suppressed = { inline: 0, baseline: 0, config: 0 };
    const found = await scan([{ file: 'a', text }], undefined, { suppressed });
    expect(found).toHaveLength(expected);
    expect(suppressed.inline).toBe(1 - expected);
  });
});

describe('encoded secrets', () => {
  const b64 = Buffer.from(`token=${GHP}`).toString('base64');

  it('finds a token inside base64 and reports it at the encoded run', async () => {
    const [f, ...rest] = await scan([{ file: 'k8s.yaml', text: `data:\n  token: ${b64}\n` }]);
    expect(rest).toEqual([]);
    expect(f.ruleId).toBe('github-pat');
    expect(f.location).toMatchObject({ startLine: 2, startColumn: 10, endLine: 2, endColumn: 10 + b64.length });
    expect(f.evidence?.snippet).toBe(redact(GHP));
    expect(f.message).toBe(
      'GitHub personal access token (classic) in k8s.yaml, base64-encoded: anyone who can read this file can use it with GitHub until it is revoked',
    );
    expect(JSON.stringify(f)).not.toContain(GHP);
    expect(JSON.stringify(f)).not.toContain(b64);
  });

  it('finds it in URL-safe base64, in hex, and in percent-encoding', async () => {
    const url = Buffer.from(`?k=${TKN}&x=1`).toString('base64url');
    const hex = Buffer.from(`key: ${TKN}`).toString('hex');
    const pct = [...`t=${TKN}`].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    for (const enc of [url, hex, pct]) {
      const found = await scan([{ file: 'a', text: `value "${enc}" end` }]);
      expect(
        found.map((f) => f.ruleId),
        enc,
      ).toEqual(['test-token']);
      expect(found[0].location).toMatchObject({ startLine: 1, startColumn: 8, endColumn: 8 + enc.length });
    }
  });

  it('looks two levels deep, not three', async () => {
    const twice = Buffer.from(Buffer.from(`token=${TKN}`).toString('base64')).toString('base64');
    expect(await scan([{ file: 'a', text: twice }])).toHaveLength(1);
    const thrice = Buffer.from(twice).toString('base64');
    expect(await scan([{ file: 'a', text: thrice }])).toHaveLength(0);
  });

  it('can be turned off', async () => {
    expect(await scan([{ file: 'a', text: b64 }], undefined, { decode: false })).toEqual([]);
  });

  it('ignores runs that decode to binary (digests, integrity hashes, images)', () => {
    const integrity = 'sha512-0c3zcBRlWmcKhcIQWckzkYncJRv5HHB8O32wO/FcWL8DDXWDJgiEF6SX9ThbTv5h/eZ+xJK+VvDjjQ+cQJhp3Q==';
    const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(matchText(`"integrity": "${integrity}", "sha": "${sha}"`, [githubPat, testRule])).toEqual([]);
  });
});

describe('fast paths agree with the reference scanner', () => {
  it('the keyword automaton finds exactly the rules whose keywords occur (any case)', () => {
    const keywords = [['ghp_'], ['key', 'token'], [], ['sk_live_'], ['abc', 'bcd'], ['cd']];
    const pf = new KeywordPrefilter(keywords);
    const hit = new Uint8Array(keywords.length);
    const texts = ['', 'GHP_x', 'a KEY here', 'abcd', 'xbcdx', 'sk_LIVE_1', 'tokeN', 'é ghp_ ü', 'c d'];
    for (const t of texts) {
      pf.candidates(t, hit);
      const lower = t.toLowerCase();
      const expected = keywords.map((ks) => (ks.length === 0 || ks.some((k) => lower.includes(k)) ? 1 : 0));
      expect([...hit], t).toEqual(expected);
    }
  });

  it('the plan without runs (read as two streams) places the same windows as the plan with runs', () => {
    const keywords = [['ghp_'], ['key', 'token'], [], ['sk_live_'], ['abc', 'bcd'], ['cd'], ['://'], ['\u00e9t\u00e9']];
    const pf = new KeywordPrefilter(keywords);
    const maxLen = [40, 12, 5, 30, 8, 3, Number.POSITIVE_INFINITY, 10];
    const withRuns = new ScanPlan(keywords.length);
    const without = new ScanPlan(keywords.length);
    let seed = 3;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pieces = ['ghp_', 'KEY', 'tok', 'en', 'sk_live_', 'ab', 'c', 'd', ' ', '\n', '\n', '\u00e9', 'x', 'y', '://', '1234', '\u0161'];
    for (let t = 0; t < 400; t++) {
      // Short texts (one stream) and long ones, some without any line break (one stream again).
      const target = t % 4 === 0 ? Math.floor(rand() * 300) : 4000 + Math.floor(rand() * 20_000);
      const noBreak = t % 10 === 5;
      let text = '';
      while (text.length < target) {
        const piece = pieces[Math.floor(rand() * pieces.length)];
        if (!(noBreak && piece === '\n')) text += piece;
      }
      pf.plan(text, maxLen, withRuns, true);
      pf.plan(text, maxLen, without, false);
      expect([...without.mode], `text ${t}`).toEqual([...withRuns.mode]);
      expect(without.windows, `text ${t}`).toEqual(withRuns.windows);
    }
  });

  it('maxMatchLength bounds patterns, and gives up (Infinity) on unbounded ones', () => {
    const cases: [RegExp, number][] = [
      [/abc/, 3],
      [/a{2,5}b?/, 6],
      [/(?:ab|c){3}/, 6],
      [/(?<s>x[0-9]{4})\b/, 5],
      [/(?<=a)b(?!c)/, 1],
      [/[[]a{1,9}]/, 11],
      [/\u0041\x41\n./, 4],
      [/(?i:ab)c/, 3],
      [/./u, 2],
      [/a+/, Number.POSITIVE_INFINITY],
      [/a{3,}/, Number.POSITIVE_INFINITY],
      [/(a)\1/, Number.POSITIVE_INFINITY],
    ];
    for (const [re, n] of cases) expect(maxMatchLength(re), String(re)).toBe(n);
  });

  it('every registry rule finds the same secrets on keyword windows as on the whole text', async () => {
    const rules = await loadSecretRules();
    const filler = 'const key = compute(token, secret); // password: see vault\n'.repeat(10);
    const samples = rules.flatMap((r) => [...r.samples.tp.map((s) => s.text), ...r.samples.fp]);
    const text = `${filler}${samples.join(`\n${filler}`)}\n${filler}`;
    for (const rule of rules) {
      const reference = scanText(text, [rule]).map((m) => `${m.start}:${m.end}:${m.secret}`);
      const fast = matchText(text, [rule], { decode: false }).map((m) => `${m.start}:${m.end}:${m.secret}`);
      expect(fast, rule.id).toEqual([...new Set(reference)]);
    }
  });
});

describe('user patterns', () => {
  it('a pathological pattern on a long line finishes (linear-engine fallback)', () => {
    const rules = compileUserRules([{ id: 'slow', pattern: '(a*)*b' }]);
    expect(matchText('a'.repeat(50_000), rules)).toEqual([]);
  });

  it('user rules report with their own id, title and keywords', async () => {
    const rules = compileUserRules([
      { id: 'acme-key', title: 'Acme API key', pattern: 'acme_(?<secret>[a-z0-9]{16})', keywords: ['ACME_'], entropy: 2 },
    ]);
    expect(rules[0].keywords).toEqual(['acme_']);
    const [f] = await scan([{ file: 'a.env', text: 'ACME=acme_0a1b2c3d4e5f6a7b\n' }], rules);
    expect(f).toMatchObject({ ruleId: 'acme-key', title: 'Acme API key', severity: 'high' });
    expect(f.location).toMatchObject({ startLine: 1, startColumn: 11, endColumn: 27 });
  });
});

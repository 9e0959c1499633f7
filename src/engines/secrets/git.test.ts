/**
 * Git sources on real repositories made with `git` in temporary directories. A hostile global git config
 * (no prefixes, colours, external diff, signatures, quoted paths, no renames, inter-hunk context) is in
 * force for the whole file: the sources must read git's output the same whatever the user's settings.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCrc32Token } from '../../checks/secrets/_shared/checksum.ts';
import github from '../../checks/secrets/github/index.ts';
import {
  GitSourceError,
  HeadIndex,
  historyFragments,
  isInHead,
  MAX_FRAGMENT_BYTES,
  MAX_LINE_BYTES,
  parsePatch,
  stagedFragments,
  targetPath,
} from './git.ts';
import { scanText } from './scan.ts';
import type { Fragment, SecretRule } from './types.ts';

const root = mkdtempSync(join(tmpdir(), 'rampart-git-'));
const saved = { ...process.env };

beforeAll(() => {
  const cfg = join(root, 'hostile.gitconfig');
  writeFileSync(
    cfg,
    [
      '[diff]',
      '  noprefix = true',
      '  mnemonicPrefix = true',
      '  renames = false',
      '  interHunkContext = 5',
      '  external = /bin/false',
      '[color]',
      '  ui = always',
      '[core]',
      '  quotepath = true',
      '[log]',
      '  showSignature = true',
      '  showRoot = false',
      '  decorate = full',
      '[init]',
      '  defaultBranch = main',
      '',
    ].join('\n'),
  );
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  process.env.GIT_CONFIG_GLOBAL = cfg;
  delete process.env.GIT_DIR;
  delete process.env.GIT_WORK_TREE;
});

afterAll(() => {
  process.env = saved;
  rmSync(root, { recursive: true, force: true });
});

let repoCount = 0;
const ALICE = { name: 'Alice Example', email: 'alice@example.com' };
const BOB = { name: 'Bob Ünicode', email: 'bob@example.com' };

/** A new repository; `git(...)` runs in it; `commit(msg, date, who)` commits what is staged. */
function repo() {
  const dir = join(root, `repo${++repoCount}`);
  mkdirSync(dir);
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', ALICE.name);
  git('config', 'user.email', ALICE.email);
  git('config', 'commit.gpgsign', 'false');
  const write = (file: string, text: string | Buffer) => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  const commit = (msg: string, date: string, who = ALICE) => {
    git('add', '-A');
    execFileSync('git', ['-C', dir, 'commit', '-q', '--allow-empty', '-m', msg], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: who.name,
        GIT_AUTHOR_EMAIL: who.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: who.name,
        GIT_COMMITTER_EMAIL: who.email,
        GIT_COMMITTER_DATE: date,
      },
    });
    return git('rev-parse', 'HEAD');
  };
  return { dir, git, write, commit };
}

async function collect(it: AsyncIterable<Fragment>): Promise<Fragment[]> {
  const out: Fragment[] = [];
  for await (const f of it) out.push(f);
  return out;
}

/** Every match of `rules` in the fragments, located in the original files. */
function findings(fragments: Fragment[], rules: readonly SecretRule[] = github) {
  return fragments.flatMap((f) =>
    scanText(f.text, rules).map((m) => ({
      file: f.file,
      secret: m.secret,
      commit: f.git?.commit,
      author: f.git?.author,
      date: f.git?.date,
      ...(f.locate ? f.locate(m.start, m.end) : {}),
    })),
  );
}

// Format-valid fakes (valid CRC32), never real credentials.
const T1 = makeCrc32Token('ghp', 'R7ZPjb1G0l3Ck8aVxQy2mN9sTu4wE6');
const T2 = makeCrc32Token('ghp', 'k2Lm9QpX4vB7nC1zR8tY3wA6sD5fG0');
const T3 = makeCrc32Token('ghp', 'Hq3Jx8Wn2Vb5Mz7Kc1Lp9Rt4Ys6Fd0');
const T4 = makeCrc32Token('ghp', 'uN7eQ2rT5yW8iO1pA4sD6fG9hJ3kL0');

describe('historyFragments', () => {
  it('reports a secret deleted in a later commit with its commit, author, date and exact place', async () => {
    const r = repo();
    r.write('src/config.ts', `export const a = 1;\nexport const b = 2;\n`);
    r.commit('init', '2024-01-01T09:00:00+00:00');
    r.write('src/config.ts', `export const a = 1;\n// github\nconst token = '${T1}';\nexport const b = 2;\n`);
    const added = r.commit('add token', '2024-01-02T10:30:00+02:00', BOB);
    r.write('src/config.ts', `export const a = 1;\n// github\nconst token = process.env.GH_TOKEN;\nexport const b = 2;\n`);
    r.commit('remove token', '2024-01-03T11:00:00+00:00');

    const frags = await collect(historyFragments(r.dir));
    expect(findings(frags)).toEqual([
      {
        file: 'src/config.ts',
        secret: T1,
        commit: added,
        author: 'Bob Ünicode <bob@example.com>',
        date: '2024-01-02T10:30:00+02:00',
        startLine: 3,
        startColumn: 16,
        endLine: 3,
        endColumn: 16 + T1.length,
      },
    ]);
    // Only added lines: the commit that removed it contributes its replacement line, not the token.
    const removal = frags.find((f) => f.text.includes('process.env.GH_TOKEN'));
    expect(removal?.text).toBe('const token = process.env.GH_TOKEN;');
    expect(removal?.locate?.(0, 5)).toEqual({ startLine: 3, startColumn: 1, endLine: 3, endColumn: 6 });

    expect(await isInHead(r.dir, 'src/config.ts', T1)).toBe(false);
    expect(await isInHead(r.dir, 'src/config.ts', 'process.env.GH_TOKEN')).toBe(true);
  });

  it('maps lines of several hunks of one file to that commit’s line numbers', async () => {
    const r = repo();
    const base = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    r.write('big.txt', `${base.join('\n')}\n`);
    r.commit('init', '2024-02-01T00:00:00+00:00');
    const next = [...base];
    next.splice(2, 0, `first = ${T1}`); // new line 3
    next.splice(20, 1, `second = ${T2}`); // line 21 replaced
    next.push('tail', `third = ${T3}`); // lines 32, 33
    r.write('big.txt', `${next.join('\n')}\n`);
    const c = r.commit('tokens', '2024-02-02T00:00:00+00:00');

    const frags = (await collect(historyFragments(r.dir))).filter((f) => f.git?.commit === c);
    expect(frags).toHaveLength(1);
    expect(frags[0].text.split('\n')).toEqual([`first = ${T1}`, `second = ${T2}`, 'tail', `third = ${T3}`]);
    expect(findings(frags).map((f) => [f.secret, f.startLine, f.startColumn, f.endLine, f.endColumn])).toEqual([
      [T1, 3, 9, 3, 49],
      [T2, 21, 10, 21, 50],
      [T3, 33, 9, 33, 49],
    ]);
  });

  it('walks every ref by default; --branch one branch; a merge adds no second report', async () => {
    const r = repo();
    r.write('a.txt', 'a\n');
    r.commit('init', '2024-03-01T00:00:00+00:00');
    r.git('checkout', '-q', '-b', 'feature');
    r.write('feature.env', `GH=${T1}\n`);
    const onFeature = r.commit('feature token', '2024-03-02T00:00:00+00:00');
    r.git('checkout', '-q', '-b', 'merged', 'main');
    r.write('merged.env', `GH=${T2}\n`);
    r.commit('merged token', '2024-03-03T00:00:00+00:00');
    r.git('checkout', '-q', 'main');
    r.write('main.txt', 'main\n');
    r.commit('main work', '2024-03-04T00:00:00+00:00');
    r.git('merge', '-q', '--no-ff', '-m', 'merge', 'merged');

    const all = findings(await collect(historyFragments(r.dir)));
    expect(all.map((f) => [f.file, f.secret]).sort()).toEqual([
      ['feature.env', T1],
      ['merged.env', T2],
    ]);
    expect(all.find((f) => f.secret === T1)?.commit).toBe(onFeature);

    const main = findings(await collect(historyFragments(r.dir, { branch: 'main' })));
    expect(main.map((f) => f.secret)).toEqual([T2]);
    const feature = findings(await collect(historyFragments(r.dir, { branch: 'feature' })));
    expect(feature.map((f) => f.secret)).toEqual([T1]);
  });

  it('--since REF scans only the commits not in REF', async () => {
    const r = repo();
    r.write('one.env', `A=${T1}\n`);
    r.commit('one', '2024-04-01T00:00:00+00:00');
    r.git('tag', 'v1');
    r.write('two.env', `B=${T2}\n`);
    const two = r.commit('two', '2024-04-02T00:00:00+00:00');
    r.git('checkout', '-q', '-b', 'other', 'v1');
    r.write('three.env', `C=${T3}\n`);
    r.commit('three', '2024-04-03T00:00:00+00:00');
    r.git('checkout', '-q', 'main');

    const since = findings(await collect(historyFragments(r.dir, { since: 'v1' })));
    expect(since.map((f) => [f.secret, f.commit])).toEqual([[T2, two]]);
    const sinceOnBranch = findings(await collect(historyFragments(r.dir, { since: 'v1', branch: 'other' })));
    expect(sinceOnBranch.map((f) => f.secret)).toEqual([T3]);
    const sinceAll = findings(await collect(historyFragments(r.dir, { since: 'v1', all: true })));
    expect(sinceAll.map((f) => f.secret).sort()).toEqual([T2, T3].sort());
    expect(findings(await collect(historyFragments(r.dir, { since: 'main' })))).toEqual([]);

    await expect(collect(historyFragments(r.dir, { since: 'nope' }))).rejects.toThrow(
      new GitSourceError(`--since nope: nope names no commit in ${r.dir}`),
    );
    await expect(collect(historyFragments(r.dir, { branch: '--output=/tmp/x' }))).rejects.toThrow('--branch --output=/tmp/x: not a ref');
  });

  it('finds a PEM private key added across lines, from its first to its last line', async () => {
    const r = repo();
    r.write('deploy/notes.md', '# Deploy\n\nSteps.\n');
    r.commit('init', '2024-05-01T00:00:00+00:00');
    const body = Array.from({ length: 6 }, (_, i) => `MIIEow${String(i).repeat(10)}AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/abcd`);
    const pem = ['-----BEGIN RSA PRIVATE KEY-----', ...body, '-----END RSA PRIVATE KEY-----'];
    r.write('deploy/notes.md', `# Deploy\n\n${pem.join('\n')}\nSteps.\n`);
    r.commit('key', '2024-05-02T00:00:00+00:00');
    const pemRule: SecretRule = {
      id: 'test-private-key',
      title: 'PEM private key (test rule)',
      provider: 'test',
      severity: 'critical',
      confidence: 'high',
      keywords: ['private key-----'],
      pattern: /(?<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----\n(?:[A-Za-z0-9+/=]{16,80}\n){1,100}-----END (?:RSA )?PRIVATE KEY-----)/,
      remediation: 'Test rule only: revoke the key and issue a new one.',
      samples: { tp: [], fp: [] },
    };
    const found = findings(await collect(historyFragments(r.dir)), [pemRule]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'deploy/notes.md', startLine: 3, startColumn: 1, endLine: 10, endColumn: 30 });
    expect(found[0].secret).toBe(pem.join('\n'));
  });

  it('reads unicode names, spaces and names git must quote', async () => {
    const r = repo();
    r.write('конфиг/секрет é.env', `TOKEN=${T1}\n`);
    r.write('odd "name"\there.txt', `x = ${T2}\n`);
    r.write('plain name with spaces.txt', `y = ${T3}\n`);
    r.commit('names', '2024-06-01T00:00:00+00:00');
    const found = findings(await collect(historyFragments(r.dir)));
    expect(found.map((f) => [f.file, f.secret, f.startLine, f.startColumn]).sort()).toEqual(
      [
        ['конфиг/секрет é.env', T1, 1, 7],
        ['odd "name"\there.txt', T2, 1, 5],
        ['plain name with spaces.txt', T3, 1, 5],
      ].sort(),
    );
  });

  it('skips binary files and deletions; a rename shows only what changed', async () => {
    const r = repo();
    r.write('blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`\nkey=${T1}\n`)]));
    r.write('moved.ts', `const a = 1;\nconst t = '${T2}';\nconst b = 2;\nconst c = 3;\nconst d = 4;\n`);
    const first = r.commit('binary and text', '2024-07-01T00:00:00+00:00');
    rmSync(join(r.dir, 'moved.ts'));
    r.write('lib/renamed.ts', `const a = 1;\nconst t = '${T2}';\nconst b = 2;\nconst c = 3;\nconst d = 4;\nconst e = '${T3}';\n`);
    const rename = r.commit('rename with a change', '2024-07-02T00:00:00+00:00');
    r.git('rm', '-q', 'blob.bin');
    r.commit('delete', '2024-07-03T00:00:00+00:00');

    const frags = await collect(historyFragments(r.dir));
    expect(frags.map((f) => [f.file, f.git?.commit])).toEqual([
      ['lib/renamed.ts', rename],
      ['moved.ts', first],
    ]);
    expect(frags[0].text).toBe(`const e = '${T3}';`);
    expect(findings(frags).map((f) => [f.file, f.secret, f.startLine])).toEqual([
      ['lib/renamed.ts', T3, 6],
      ['moved.ts', T2, 2],
    ]);
    // Still in HEAD under its new name: not "removed".
    expect(await isInHead(r.dir, 'moved.ts', T2)).toBe(true);
    expect(await isInHead(r.dir, 'blob.bin', T1)).toBe(false);
  });

  it('keeps CRLF files’ columns and finds their secrets in HEAD', async () => {
    const r = repo();
    r.write('win.ini', `[auth]\r\ntoken=${T4}\r\n`);
    r.commit('crlf', '2024-08-01T00:00:00+00:00');
    const frags = await collect(historyFragments(r.dir));
    expect(frags[0].text).toBe(`[auth]\ntoken=${T4}`);
    expect(findings(frags).map((f) => [f.startLine, f.startColumn, f.endColumn])).toEqual([[2, 7, 47]]);
    const head = new HeadIndex(r.dir);
    try {
      expect(await head.contains('win.ini', `[auth]\ntoken=${T4}`)).toBe(true);
      expect(await head.contains('win.ini', T1)).toBe(false);
      expect(await head.contains('absent.txt', T1)).toBe(false);
    } finally {
      head.close();
    }
  });

  it('HeadIndex answers many lookups through one cat-file, large files and other revisions included', async () => {
    const r = repo();
    const big = `${'filler line of a large generated file\n'.repeat(60_000)}key = ${T1}\n`; // ~2.3 MB
    r.write('big.txt', big);
    r.write('small.txt', `s = ${T2}\n`);
    r.commit('files', '2024-08-02T00:00:00+00:00');
    r.git('checkout', '-q', '-b', 'feature');
    r.write('small.txt', `s = ${T3}\n`);
    r.commit('feature', '2024-08-03T00:00:00+00:00');
    r.git('checkout', '-q', 'main');
    const head = new HeadIndex(r.dir);
    const feature = new HeadIndex(r.dir, 'feature');
    try {
      const answers = await Promise.all([
        head.contains('big.txt', T1),
        head.contains('small.txt', T2),
        head.contains('nothing/here.txt', T4),
        head.contains('big.txt', T2),
        head.contains('small.txt', T3),
        head.contains('big.txt', 'filler line'),
      ]);
      expect(answers).toEqual([true, true, false, false, false, true]);
      expect(await feature.contains('small.txt', T3)).toBe(true);
      expect(await feature.contains('small.txt', T2)).toBe(false);
    } finally {
      head.close();
      feature.close();
    }
  });

  it('says clearly when the directory is no repository; an empty repository has no fragments', async () => {
    const plain = join(root, 'not-a-repo');
    mkdirSync(plain);
    await expect(collect(historyFragments(plain))).rejects.toThrow(new GitSourceError(`${plain}: not a git repository`));
    await expect(collect(stagedFragments(plain))).rejects.toThrow(`${plain}: not a git repository`);
    await expect(collect(historyFragments(join(root, 'missing')))).rejects.toThrow(': no such directory');

    const empty = repo();
    expect(await collect(historyFragments(empty.dir))).toEqual([]);
    expect(await collect(historyFragments(empty.dir, { branch: 'HEAD' })).catch((e: Error) => e.message)).toBe(
      `--branch HEAD: HEAD has no commit yet in ${empty.dir}`,
    );
    expect(await collect(stagedFragments(empty.dir))).toEqual([]);
  });

  it('stops git when the consumer stops early', async () => {
    const r = repo();
    for (let i = 0; i < 5; i++) {
      r.write(`f${i}.txt`, `${'x'.repeat(100)}\n`.repeat(2000));
      r.commit(`c${i}`, `2024-09-0${i + 1}T00:00:00+00:00`);
    }
    let n = 0;
    for await (const _ of historyFragments(r.dir)) {
      n++;
      break;
    }
    expect(n).toBe(1);
  });
});

describe('stagedFragments', () => {
  it('yields only staged added lines, at their line in the staged file', async () => {
    const r = repo();
    r.write('app.ts', 'one\ntwo\nthree\nfour\n');
    r.commit('init', '2024-10-01T00:00:00+00:00');
    r.write('app.ts', `one\ntwo\nthree\nfour\nconst t = "${T1}";\n`);
    r.write('new file.env', `X=${T2}\n`);
    r.git('add', 'app.ts', 'new file.env');
    r.write('unstaged.env', `Y=${T3}\n`); // not staged: not scanned
    r.write('app.ts', `one\ntwo\nthree\nfour\nconst t = "${T1}";\nconst u = "${T4}";\n`); // the second token is not staged

    const frags = await collect(stagedFragments(r.dir));
    expect(frags.every((f) => f.git === undefined)).toBe(true);
    expect(findings(frags).map((f) => [f.file, f.secret, f.startLine, f.startColumn])).toEqual([
      ['app.ts', T1, 5, 12],
      ['new file.env', T2, 1, 3],
    ]);
  });

  it('works before the first commit', async () => {
    const r = repo();
    r.write('first.env', `A=${T1}\n`);
    r.git('add', 'first.env');
    expect(findings(await collect(stagedFragments(r.dir))).map((f) => [f.file, f.startLine])).toEqual([['first.env', 1]]);
  });
});

describe('parsePatch', () => {
  const patch = [
    '\x01c0ffee\0Ann\0ann@example.com\x002024-01-01T00:00:00+00:00',
    '',
    'diff --git a/x.txt b/x.txt',
    'index 1111111..2222222 100644',
    '--- a/x.txt',
    '+++ b/x.txt',
    '@@ -1 +1,3 @@ function context',
    '-old',
    '+++ looks like a header',
    '+--- and this',
    '+@@ -1 +1 @@ and this',
    '@@ -9,0 +11 @@',
    '+last\r',
    '\\ No newline at end of file',
    'diff --git a/sub b/sub',
    'new file mode 160000',
    'index 0000000..3333333',
    '--- /dev/null',
    '+++ b/sub',
    '@@ -0,0 +1 @@',
    '+Subproject commit 3333333333333333333333333333333333333333',
    'diff --git a/gone.txt b/gone.txt',
    'deleted file mode 100644',
    '--- a/gone.txt',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-bye',
    '',
  ].join('\n');

  async function* chunked(buf: Buffer, size: number) {
    for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
  }

  it('counts hunk lines, so content that looks like headers stays content; drops CR, submodules, deletions', async () => {
    const frags = await collect(parsePatch(chunked(Buffer.from(patch), 1 << 16), true));
    expect(frags).toHaveLength(1);
    expect(frags[0].file).toBe('x.txt');
    expect(frags[0].git).toEqual({ commit: 'c0ffee', author: 'Ann <ann@example.com>', date: '2024-01-01T00:00:00+00:00' });
    expect(frags[0].text).toBe('++ looks like a header\n--- and this\n@@ -1 +1 @@ and this\nlast');
    const at = frags[0].text.indexOf('last');
    expect(frags[0].locate?.(at, at + 4)).toEqual({ startLine: 11, startColumn: 1, endLine: 11, endColumn: 5 });
    expect(frags[0].locate?.(3, 30)).toEqual({ startLine: 1, startColumn: 4, endLine: 2, endColumn: 8 });
  });

  it('numbers lines right when git shows context lines between added ones', async () => {
    const withContext = [
      'diff --git a/c.txt b/c.txt',
      '--- a/c.txt',
      '+++ b/c.txt',
      '@@ -1,4 +1,5 @@',
      '-a',
      '+A',
      ' b',
      ' c',
      '-d',
      '+D',
      '+E',
      '',
    ];
    const [f] = await collect(parsePatch(chunked(Buffer.from(withContext.join('\n')), 1 << 16), false));
    expect(f.text).toBe('A\nD\nE');
    expect([0, 2, 4].map((o) => f.locate?.(o, o + 1).startLine)).toEqual([1, 4, 5]);
  });

  it('gives the same fragments whatever the chunk boundaries (multi-byte characters included)', async () => {
    const p = patch.replace('looks like', 'lööks ✓ like');
    const whole = await collect(parsePatch(chunked(Buffer.from(p), 1 << 20), true));
    for (const size of [1, 2, 3, 7, 64]) {
      const parts = await collect(parsePatch(chunked(Buffer.from(p), size), true));
      expect(parts.map((f) => [f.file, f.text])).toEqual(whole.map((f) => [f.file, f.text]));
    }
    expect(whole[0].text).toContain('lööks ✓ like');
  });

  it('splits a huge file into fragments between lines, each located correctly, and cuts huge lines', async () => {
    const line = 'y'.repeat(999);
    const count = Math.ceil((MAX_FRAGMENT_BYTES * 2.5) / 1000);
    const huge = `${'z'.repeat(MAX_LINE_BYTES + 10)}`;
    const text = [
      'diff --git a/h.txt b/h.txt',
      '--- /dev/null',
      '+++ b/h.txt',
      `@@ -0,0 +1,${count + 1} @@`,
      ...Array.from({ length: count }, () => `+${line}`),
      `+${huge}`,
      '',
    ].join('\n');
    const frags = await collect(parsePatch(chunked(Buffer.from(text), 1 << 16), false));
    expect(frags.length).toBe(4);
    let next = 1;
    for (const f of frags) {
      expect(f.file).toBe('h.txt');
      expect(f.text.length).toBeLessThanOrEqual(MAX_FRAGMENT_BYTES);
      expect(f.locate?.(0, 1).startLine).toBe(next);
      next += f.text.split('\n').length;
    }
    expect(next).toBe(count + 2);
    const last = frags[frags.length - 1].text.split('\n').pop();
    expect(last?.length).toBe(MAX_LINE_BYTES);
  });

  it('unquotes C-quoted paths and drops the tab after names with spaces', () => {
    expect(targetPath('"b/odd \\"name\\"\\there.txt"')).toBe('odd "name"\there.txt');
    expect(targetPath('"b/\\321\\201\\320\\265\\320\\272.txt"')).toBe('сек.txt');
    expect(targetPath('b/with space.txt\t')).toBe('with space.txt');
    expect(targetPath('/dev/null')).toBeUndefined();
  });
});

// Builds a git repository with thousands of commits for the history benchmark of `rampart secrets`
// (bench/secrets.ts), deterministically: the same commits (and commit ids) on every run.
//
//   npx node bench/secrets-history-repo.ts DIR [--commits 6000]
//
// Content is real text: files picked from this repository's node_modules (JavaScript, TypeScript,
// Markdown, JSON between 2 and 30 KB, sorted by path). The first commit adds 250 of them; every later
// commit edits one to three files (inserts a run of lines taken from another file, deletes or replaces
// a few lines), sometimes adds or deletes a file. Every 250th commit plants a synthetic fake secret
// (test/secrets-corpus fakes: never a real credential) and removes some of them later, and five side
// branches of 30 commits each make `--all` matter. The stream goes to `git fast-import`, so 6,000
// commits take a few seconds to write.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakes } from '../test/secrets-corpus/corpus.ts';
import { Drbg } from '../test/secrets-corpus/keys.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Bump when the generator changes, so cached repositories are rebuilt. */
const VERSION = 1;

export interface HistoryRepo {
  dir: string;
  commits: number;
  /** Secrets planted in added lines (synthetic fakes). */
  planted: number;
}

function seedFiles(limit: number): string[] {
  const base = join(ROOT, 'node_modules');
  const out: string[] = [];
  const walk = (dir: string) => {
    if (out.length >= limit) return;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      if (out.length >= limit) return;
      const p = join(dir, name);
      let st: ReturnType<typeof statSync>;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (name !== '.bin' && name !== '.cache') walk(p);
      } else if (/\.(?:js|ts|md|json)$/.test(name) && st.size >= 2048 && st.size <= 30 * 1024) {
        out.push(p);
      }
    }
  };
  walk(base);
  return out;
}

/** Generates the repository in `dir` unless it is already there (same version and commit count). */
export async function historyRepo(dir: string, commits = 6000, log: (s: string) => void = () => {}): Promise<HistoryRepo> {
  const stamp = join(dir, '.git', 'rampart-bench.json');
  if (existsSync(stamp)) {
    const s = JSON.parse(readFileSync(stamp, 'utf8')) as HistoryRepo & { version: number };
    if (s.version === VERSION && s.commits === commits) return { dir, commits: s.commits, planted: s.planted };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const git = (args: string[]) => {
    const r = spawnSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  git(['init', '-q', '-b', 'main']);

  const seeds = seedFiles(1200);
  if (seeds.length < 300) throw new Error(`need at least 300 text files in node_modules to build the history, found ${seeds.length}`);
  const rng = new Drbg('rampart/bench/history/v1');
  const f = fakes(rng);
  const pool = seeds.map((p) => readFileSync(p, 'utf8').split('\n'));
  const name = (i: number) => `src/${relative(join(ROOT, 'node_modules'), seeds[i]).split('/').join('__').replace(/^@/, '')}`;

  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const closed = new Promise<number | null>((done) => child.on('close', done));
  const write = (s: string) =>
    child.stdin.write(s) ? Promise.resolve() : new Promise<void>((done) => child.stdin.once('drain', () => done()));

  // Files of main (path -> lines) and the state at the fork point of each side branch.
  const tree = new Map<string, string[]>();
  for (let i = 0; i < 250; i++) tree.set(name(i), pool[i].slice());
  let nextSeed = 250;
  let mark = 0;
  let time = Date.UTC(2021, 0, 4, 9, 0, 0) / 1000;
  let planted = 0;
  const toRemove: { due: number; path: string; line: string }[] = [];
  const secretLine = () => {
    const kinds = [
      () => `const token = '${f.githubPat()}';`,
      () => `AWS_SECRET_ACCESS_KEY=${f.awsSecret()} # ${f.awsKeyId()}`,
      () => `slack: ${f.slackBot()}`,
      () => `export const STRIPE = '${f.stripeLive()}';`,
      () => `//registry.npmjs.org/:_authToken=${f.npm()}`,
      () => `DATABASE_URL=postgres://app:${f.urlPassword(24)}@db.internal:5432/app`,
    ];
    planted++;
    return kinds[f.int(kinds.length)]();
  };

  const blob = (lines: string[]) => {
    const body = Buffer.from(lines.join('\n'));
    return `data ${body.length}\n${body.toString('utf8')}\n`;
  };

  const commit = async (ref: string, message: string, changes: Map<string, string[] | null>, from?: number) => {
    time += 1800 + f.int(7200);
    const m = ++mark;
    const msg = Buffer.from(message);
    let s = `commit ${ref}\nmark :${m}\nauthor Bench Author <bench@acme.test> ${time} +0000\ncommitter Bench Author <bench@acme.test> ${time} +0000\ndata ${msg.length}\n${message}\n`;
    if (from !== undefined) s += `from :${from}\n`;
    for (const [path, lines] of changes) s += lines === null ? `D ${path}\n` : `M 100644 inline ${path}\n${blob(lines)}`;
    await write(`${s}\n`);
    return m;
  };

  const edit = (files: Map<string, string[]>, changes: Map<string, string[] | null>, i: number) => {
    const paths = [...files.keys()];
    const n = 1 + f.int(3);
    for (let k = 0; k < n; k++) {
      const path = paths[f.int(paths.length)];
      const lines = (changes.get(path) as string[] | undefined) ?? (files.get(path) as string[]).slice();
      const op = f.int(100);
      const at = f.int(lines.length + 1);
      if (op < 60) {
        const src = pool[f.int(pool.length)];
        const start = f.int(Math.max(1, src.length - 30));
        lines.splice(at, 0, ...src.slice(start, start + 3 + f.int(28)));
      } else if (op < 85) {
        lines.splice(at, 1 + f.int(20));
      } else {
        const src = pool[f.int(pool.length)];
        const start = f.int(Math.max(1, src.length - 10));
        lines.splice(at, 1 + f.int(8), ...src.slice(start, start + 1 + f.int(8)));
      }
      changes.set(path, lines);
    }
    if (i % 50 === 7 && nextSeed < pool.length) changes.set(name(nextSeed), pool[nextSeed++].slice());
    if (i % 400 === 123 && paths.length > 100) changes.set(paths[f.int(paths.length)], null);
  };

  log(`building a ${commits}-commit history in ${dir} ...`);
  let head = await commit('refs/heads/main', 'Initial import', new Map(tree));
  const branches = 5;
  const branchLen = 30;
  const mainCommits = commits - 1 - branches * branchLen;
  const forkEvery = Math.floor(mainCommits / (branches + 1));
  let written = 1;
  for (let i = 1; i <= mainCommits; i++) {
    const changes = new Map<string, string[] | null>();
    edit(tree, changes, i);
    if (i % 250 === 0) {
      const path = [...tree.keys()][f.int(tree.size)];
      const lines = (changes.get(path) as string[] | undefined) ?? (tree.get(path) as string[]).slice();
      const line = secretLine();
      lines.splice(f.int(lines.length + 1), 0, line);
      changes.set(path, lines);
      if (i % 500 === 0) toRemove.push({ due: i + 60, path, line });
    }
    for (const r of toRemove.filter((x) => x.due === i)) {
      const lines = (changes.get(r.path) as string[] | undefined) ?? tree.get(r.path)?.slice();
      if (!lines) continue;
      const idx = lines.indexOf(r.line);
      if (idx !== -1) {
        lines.splice(idx, 1);
        changes.set(r.path, lines);
      }
    }
    for (const [path, lines] of changes) lines === null ? tree.delete(path) : tree.set(path, lines);
    head = await commit('refs/heads/main', `Change ${i}: update ${changes.size} file(s)`, changes, head);
    written++;
    if (i % forkEvery === 0 && i / forkEvery <= branches) {
      // A side branch of `branchLen` commits from here, never merged.
      const b = i / forkEvery;
      const side = new Map([...tree].map(([k, v]) => [k, v.slice()]));
      let tip = head;
      for (let j = 1; j <= branchLen; j++) {
        const ch = new Map<string, string[] | null>();
        edit(side, ch, j);
        if (j === branchLen / 2) {
          const path = [...side.keys()][f.int(side.size)];
          const lines = (ch.get(path) as string[] | undefined) ?? (side.get(path) as string[]).slice();
          lines.splice(0, 0, secretLine());
          ch.set(path, lines);
        }
        for (const [path, lines] of ch) lines === null ? side.delete(path) : side.set(path, lines);
        tip = await commit(`refs/heads/feature/topic-${b}`, `topic ${b}: step ${j}`, ch, tip);
        written++;
      }
    }
  }
  await write('done\n');
  child.stdin.end();
  const code = await closed;
  if (code !== 0) throw new Error(`git fast-import failed (${code}): ${stderr}`);
  git(['reset', '-q', '--hard', 'main']);
  const count = Number(git(['rev-list', '--all', '--count']).trim());
  const info: HistoryRepo & { version: number } = { version: VERSION, dir, commits, planted };
  if (count !== written) throw new Error(`expected ${written} commits, git has ${count}`);
  writeFileSync(stamp, JSON.stringify({ ...info, written }));
  return { dir, commits: count, planted };
}

if (import.meta.main) {
  const dir = process.argv[2];
  const i = process.argv.indexOf('--commits');
  if (!dir) {
    console.error('usage: npx node bench/secrets-history-repo.ts DIR [--commits 6000]');
    process.exit(2);
  }
  const t = performance.now();
  const r = await historyRepo(dir, i > 0 ? Number(process.argv[i + 1]) : 6000, console.log);
  console.log(`${r.commits} commits, ${r.planted} planted secrets, ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

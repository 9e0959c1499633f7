// Benchmark of `rampart logs`.
//
//   npm run bench:logs -- [--lines N] [--repeat N] [--corpus DIR] [--write FILE]
//
// Builds an access log of --lines lines (default 2,000,000) from the real access logs of
// ../shared/corpus/traffic/logs/lnav (logfile_access_log.*, the shop log, the format samples) with varied
// client addresses and ids, and a few planted cards, emails, tokens and attack lines; then runs the real
// CLI as its own process with every detector on (sensitive kinds, secret rules, attack signals): once with
// a JSON report, once with --redact to /dev/null (taking turns). Prints lines per second and peak RSS (median of
// --repeat runs). Target on the 2-core machine: 300,000 lines/s with flat memory.
//
// This is a measurement, not a unit test: it always exits 0 unless it cannot run at all.

import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measure, ROOT } from './measure.ts';

const BIN = join(ROOT, 'bin', 'rampart.js');
const TARGET = 300_000;

interface Options {
  corpus: string;
  lines: number;
  repeat: number;
  /** Only write the generated log to this file (to profile against it), do not time anything. */
  write?: string;
}

function parseArgs(argv: string[]): Options {
  // ../shared next to the repository; from a worktree (/work/wt/NAME) one level further up.
  const corpus =
    [resolve(ROOT, '..', 'shared'), resolve(ROOT, '..', '..', 'shared')].find((d) => existsSync(d)) ?? resolve(ROOT, '..', 'shared');
  const o: Options = { corpus: join(corpus, 'corpus', 'traffic'), lines: 2_000_000, repeat: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--corpus') o.corpus = resolve(v());
    else if (a === '--lines') o.lines = Number(v());
    else if (a === '--repeat') o.repeat = Math.max(1, Number(v()));
    else if (a === '--write') o.write = resolve(v());
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument: ${a}`);
  }
  return o;
}

function usage(error?: string): never {
  if (error) process.stderr.write(`bench/logs: ${error}\n`);
  process.stderr.write('usage: npm run bench:logs -- [--lines N] [--repeat N] [--corpus DIR] [--write FILE]\n');
  process.exit(error ? 2 : 0);
}

const SOURCES = ['logfile_access_log.0', 'logfile_access_log.1', 'logfile_shop_access_log.0', 'format-samples-access_log.log'];

/** Planted every few thousand lines: sensitive values and attack payloads the detectors must find. */
const PLANTED = [
  '10.9.9.9 - - [15/Jan/2024:10:00:00 +0000] "GET /api/pay?card=4111111111111111&email=alice@example.com HTTP/1.1" 200 10 "-" "curl/8.0"',
  '10.9.9.8 - - [15/Jan/2024:10:00:01 +0000] "GET /login?user=bob&password=hunter2hunter HTTP/1.1" 401 10 "-" "Mozilla/5.0"',
  '10.9.9.7 - - [15/Jan/2024:10:00:02 +0000] "GET /items?id=1%27%20OR%20%271%27=%271 HTTP/1.1" 500 10 "-" "sqlmap/1.7"',
];

/** The real lines, repeated with varied client addresses and numbers, to `n` lines. */
function buildLog(file: string, corpus: string, n: number): void {
  const base: string[] = [];
  for (const s of SOURCES) {
    const p = join(corpus, 'logs', 'lnav', s);
    if (!existsSync(p)) continue;
    for (const l of readFileSync(p, 'utf8').split('\n')) if (/^\S+ \S+ \S+ \[/.test(l)) base.push(l);
  }
  if (!base.length) usage(`no access-log lines under ${join(corpus, 'logs', 'lnav')}`);
  const fd = openSync(file, 'w');
  let buf: string[] = [];
  for (let i = 0; i < n; i++) {
    let line: string;
    if (i % 5000 === 4999) line = PLANTED[((i / 5000) % PLANTED.length) | 0];
    else {
      line = base[i % base.length];
      // 5,000 clients, as in a busy day of a real API (every line a new client would only test the key limit).
      const c = (i * 7919) % 5000;
      const ip = `10.1.${c >> 8}.${c & 255}`;
      line = line.replace(/^\S+/, ip).replace(/\/(\d+)(?=[/? ])/, `/${i % 100000}`);
    }
    buf.push(line);
    if (buf.length === 10_000) {
      writeSync(fd, `${buf.join('\n')}\n`);
      buf = [];
    }
  }
  if (buf.length) writeSync(fd, `${buf.join('\n')}\n`);
  closeSync(fd);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.write) {
    buildLog(o.write, o.corpus, o.lines);
    process.stdout.write(`wrote ${o.lines.toLocaleString('en')} lines to ${o.write}\n`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-logs-'));
  try {
    const log = join(dir, 'access.log');
    buildLog(log, o.corpus, o.lines);
    const sizeMB = statSync(log).size / 1024 / 1024;
    process.stdout.write(`rampart logs: ${o.lines.toLocaleString('en')} access-log lines (${sizeMB.toFixed(0)} MB), every detector on\n\n`);
    process.stdout.write(
      '| run | wall s (median) | fastest s | lines/s (median) | peak RSS MB | findings |\n|---|---:|---:|---:|---:|---:|\n',
    );
    const runs: { name: string; args: string[]; report: string; walls: number[]; rss: number[] }[] = [
      { name: 'report (JSON)', report: join(dir, 'report.json'), args: [], walls: [], rss: [] },
      { name: '--redact > /dev/null', report: join(dir, 'report2.json'), args: ['--redact'], walls: [], rss: [] },
    ];
    // The runs take turns (report, --redact, report...): this machine's speed drifts with its host, and a
    // drift then shows in both rather than in one. The fastest run is printed beside the median: on a
    // shared host it is the closest to what the code costs.
    for (let k = 0; k < o.repeat; k++) {
      for (const r of runs) {
        const args = ['logs', ...r.args, log, '--format', 'json', '-o', r.report, '--quiet'];
        const m = await measure(process.execPath, ['--no-warnings', BIN, ...args], { stdout: 'ignore', timeoutS: 600 });
        if (m.code !== 0 && m.code !== 1) process.stderr.write(`bench/logs: ${r.name} exited ${m.code}: ${m.stderr.slice(0, 400)}\n`);
        r.walls.push(m.wallS);
        if (m.rssMB !== undefined) r.rss.push(m.rssMB);
      }
    }
    for (const r of runs) {
      const wall = median(r.walls);
      let findings = '?';
      try {
        const rep = JSON.parse(readFileSync(r.report, 'utf8'));
        findings = String(rep.findings?.length ?? '?');
      } catch {}
      const rate = Math.round(o.lines / wall);
      process.stdout.write(
        `| ${r.name} | ${wall.toFixed(2)} | ${Math.min(...r.walls).toFixed(2)} | ${rate.toLocaleString('en')}${rate >= TARGET ? '' : ' (below 300,000)'} | ${r.rss.length ? median(r.rss).toFixed(0) : '?'} | ${findings} |\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

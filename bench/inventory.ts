// Benchmark of `rampart inventory`.
//
//   npm run bench:inventory -- [--repeat 3] [--corpus DIR] [--big-har MB] [--log-lines N]
//
// 1. The largest HAR of ../shared/corpus/traffic, through the real CLI as its own process (JSON report to a
//    file): wall time and peak RSS, median of --repeat runs. Target: under 1 s.
// 2. Flat memory: a synthetic HAR of --big-har MB (default 200; entries of the corpus repeated) and an
//    access log of --log-lines lines (default 1,000,000; built from the corpus's real lines with varied
//    ids), each through the CLI: peak RSS must not grow with the input.
//
// This is a measurement, not a unit test: it always exits 0 unless it cannot run at all.

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measure, ROOT } from './measure.ts';

const BIN = join(ROOT, 'bin', 'rampart.js');
const TARGET_S = 1;

interface Options {
  corpus: string;
  repeat: number;
  bigHarMB: number;
  logLines: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { corpus: resolve(ROOT, '..', 'shared', 'corpus', 'traffic'), repeat: 3, bigHarMB: 200, logLines: 1_000_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--corpus') o.corpus = resolve(v());
    else if (a === '--repeat') o.repeat = Math.max(1, Number(v()));
    else if (a === '--big-har') o.bigHarMB = Number(v());
    else if (a === '--log-lines') o.logLines = Number(v());
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument: ${a}`);
  }
  return o;
}

function usage(error?: string): never {
  if (error) process.stderr.write(`bench/inventory: ${error}\n`);
  process.stderr.write('usage: npm run bench:inventory -- [--repeat N] [--corpus DIR] [--big-har MB] [--log-lines N]\n');
  process.exit(error ? 2 : 0);
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

async function run(label: string, args: string[], repeat: number, out: string): Promise<{ wallS: number; rssMB?: number; stderr: string }> {
  const runs = [];
  for (let i = 0; i < repeat; i++) {
    const m = await measure(
      process.execPath,
      ['--no-warnings', BIN, 'inventory', ...args, '--format', 'json', '--output', out, '--fail-on', 'none'],
      { timeoutS: 600 },
    );
    if (m.code !== 0) {
      process.stderr.write(`bench/inventory: ${label} exited ${m.code}: ${m.stderr.slice(0, 500)}\n`);
      process.exit(1);
    }
    runs.push(m);
  }
  runs.sort((a, b) => a.wallS - b.wallS);
  const med = runs[Math.floor(runs.length / 2)];
  return { wallS: med.wallS, rssMB: med.rssMB, stderr: med.stderr };
}

/** A HAR of about `targetMB`, written entry by entry from the corpus's entries (ids varied). */
function bigHar(path: string, sources: string[], targetMB: number): number {
  const entries: string[] = [];
  for (const f of sources) {
    try {
      const doc = JSON.parse(readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
      for (const e of doc?.log?.entries ?? [])
        if (typeof e?.request?.url === 'string' && /^https?:/.test(e.request.url)) entries.push(JSON.stringify(e));
    } catch {
      // broken corpus files are not material for this
    }
  }
  const fd = openSync(path, 'w');
  let written = 0;
  let n = 0;
  writeSync(fd, '{"log":{"version":"1.2","creator":{"name":"rampart bench","version":"1"},"entries":[\n');
  while (written < targetMB * 1024 * 1024) {
    const e = entries[n % entries.length].replace(
      /"url":"(https?:\/\/[^/"]+)\/([^"?]*)/,
      (_, o: string, p: string) => `"url":"${o}/${p}${p.endsWith('/') ? '' : '/'}${n}`,
    );
    const chunk = `${n ? ',\n' : ''}${e}`;
    writeSync(fd, chunk);
    written += chunk.length;
    n++;
  }
  writeSync(fd, '\n]}}\n');
  closeSync(fd);
  return n;
}

/** An access log of `lines` lines from the corpus's combined-format lines, with varied ids and clients. */
function bigLog(path: string, source: string, lines: number): void {
  const real = readFileSync(source, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"GET ') || l.includes('"POST '));
  const fd = openSync(path, 'w');
  let buf = '';
  for (let i = 0; i < lines; i++) {
    const l = real[i % real.length]
      .replace(/\/(\d+)/, `/${(i * 7919) % 1_000_003}`)
      .replace(/^\S+/, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    buf += `${l}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(o.corpus)) usage(`no corpus at ${o.corpus} (give --corpus DIR)`);
  const hars = walk(o.corpus)
    .filter((f) => f.endsWith('.har'))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  if (!hars.length) usage(`no .har file under ${o.corpus}`);
  const tmp = mkdtempSync(join(tmpdir(), 'rampart-bench-inventory-'));
  const out = join(tmp, 'report.json');
  const node = spawnSync(process.execPath, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`rampart inventory benchmark: Node ${node}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})\n`);
  try {
    // Warm the compile cache so the first measured run is not a cold start of the TypeScript sources.
    await run('warm-up', ['--har', hars[Math.min(5, hars.length - 1)]], 1, out);

    const largest = hars[0];
    const r1 = await run('largest HAR', ['--har', largest], o.repeat, out);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const rows: string[][] = [];
    rows.push([
      `largest corpus HAR (${largest.slice(o.corpus.length + 1)}, ${mb(statSync(largest).size)} MB, ${report.stats.records} entries → ${report.stats.endpoints} endpoints)`,
      `${r1.wallS.toFixed(2)} s`,
      r1.rssMB ? `${r1.rssMB.toFixed(0)} MB` : '?',
      r1.wallS < TARGET_S ? `PASS (< ${TARGET_S} s)` : `FAIL (target < ${TARGET_S} s)`,
    ]);

    if (o.bigHarMB > 0) {
      const big = join(tmp, 'big.har');
      const n = bigHar(big, hars, o.bigHarMB);
      const r2 = await run('synthetic HAR', ['--har', big], 1, out);
      const recs = JSON.parse(readFileSync(out, 'utf8')).stats.records;
      rows.push([
        `synthetic HAR (${mb(statSync(big).size)} MB, ${n} entries)`,
        `${r2.wallS.toFixed(2)} s`,
        r2.rssMB ? `${r2.rssMB.toFixed(0)} MB` : '?',
        `${Math.round(recs / r2.wallS).toLocaleString('en')} entries/s`,
      ]);
      rmSync(big, { force: true });
    }

    const shop = walk(o.corpus).find((f) => f.endsWith('logfile_shop_access_log.0'));
    if (o.logLines > 0 && shop) {
      const log = join(tmp, 'access.log');
      bigLog(log, shop, o.logLines);
      const r3 = await run('access log', ['--access-log', log], 1, out);
      const rep = JSON.parse(readFileSync(out, 'utf8'));
      rows.push([
        `access log (${mb(statSync(log).size)} MB, ${o.logLines.toLocaleString('en')} lines → ${rep.stats.endpoints} endpoints)`,
        `${r3.wallS.toFixed(2)} s`,
        r3.rssMB ? `${r3.rssMB.toFixed(0)} MB` : '?',
        `${Math.round(o.logLines / r3.wallS).toLocaleString('en')} lines/s`,
      ]);
    }

    const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['input', 'wall', 'peak RSS', 'result'][i].length));
    const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
    console.log(line(['input', 'wall', 'peak RSS', 'result']));
    for (const r of rows) console.log(line(r));
    console.log(
      `\n(wall and peak RSS of the whole \`rampart inventory\` process, start-up included; median of ${o.repeat} runs for the corpus HAR)`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();

// Side-by-side benchmark of `rampart audit` against Spectral + @stoplight/spectral-owasp-ruleset.
//
//   npm run bench:audit -- [--files stripe,box] [--skip-peer] [--timeout 300] [--write-docs] [--corpus DIR]
//
// For every OpenAPI definition of the corpus (smallest first) it runs each tool as a separate process on
// the same file, one after the other (never in parallel, so they do not compete for cores), and measures
// wall time and peak resident memory of the child. It prints one row per file, totals, and PASS/FAIL for
// the performance targets. `--write-docs` writes the table, the machine and the versions into
// docs/benchmarks.md (between the generated-section markers; the prose around them is kept).
//
// This is a measurement, not a unit test: it always exits 0 unless it cannot run at all.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GNU_TIME, measure } from './measure.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = join(ROOT, 'docs', 'benchmarks.md');
const RULESET = join(ROOT, 'bench', 'spectral-owasp.yaml');
const SPECTRAL_CLI = join(ROOT, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js');
const RAMPART_BIN = join(ROOT, 'bin', 'rampart.js');
/** Used only until the CLI exists: runs `audit()` in-process and prints a JSON summary. */
const RAMPART_FALLBACK = join(ROOT, 'scratch', 'run.ts');

const MIB = 1024 * 1024;
const TARGETS = { stripeWallS: 2, stripeRssMB: 300, bigFileBytes: MIB, minSpeedup: 20 };

// ------------------------------------------------------------------------------------------- options

interface Options {
  corpus: string;
  files: string[];
  skipPeer: boolean;
  timeoutS: number;
  rampartTimeoutS: number;
  /** Rampart runs per file; the median (by wall time) is reported. */
  repeat: number;
  writeDocs: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    corpus: resolve(ROOT, '..', 'shared', 'corpus', 'openapi'),
    files: [],
    skipPeer: false,
    timeoutS: 300,
    rampartTimeoutS: 120,
    repeat: 3,
    writeDocs: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--files') o.files = value().split(',').filter(Boolean);
    else if (a === '--skip-peer') o.skipPeer = true;
    else if (a === '--timeout') o.timeoutS = positive(a, value());
    else if (a === '--rampart-timeout') o.rampartTimeoutS = positive(a, value());
    else if (a === '--repeat') o.repeat = Math.max(1, Math.round(positive(a, value())));
    else if (a === '--write-docs') o.writeDocs = true;
    else if (a === '--corpus') o.corpus = resolve(value());
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument: ${a}`);
  }
  return o;
}

function positive(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) usage(`${flag} must be a positive number of seconds`);
  return n;
}

function usage(error?: string): never {
  if (error) console.error(`bench:audit: ${error}`);
  console.error(
    [
      'usage: npm run bench:audit -- [options]',
      '  --files a,b           only files whose name contains one of these substrings',
      '  --skip-peer           run Rampart only (no Spectral)',
      '  --timeout S           Spectral time limit per file, seconds (default 300)',
      '  --rampart-timeout S   Rampart time limit per file, seconds (default 120)',
      '  --repeat N            Rampart runs per file, the median is reported (default 3; Spectral runs once)',
      '  --corpus DIR          definitions to audit (default ../shared/corpus/openapi)',
      '  --write-docs          write the results into docs/benchmarks.md',
    ].join('\n'),
  );
  process.exit(error ? 2 : 0);
}

// ------------------------------------------------------------------------------------------ measuring

// ------------------------------------------------------------------------------------------ the tools

type Outcome =
  | { status: 'ok'; wallS: number; rssMB: number | undefined; findings: number; note?: string }
  | { status: 'crash' | 'timeout'; wallS: number; rssMB: number | undefined; note: string };

function firstErrorLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // Spectral prints "Error running Spectral!" first and the cause as "Error #1: ..." after it.
  const line =
    lines.find((l) => /^Error #\d+:/.test(l)) ??
    lines.find((l) => /^[A-Za-z]*Error\b.*:/.test(l) && !/^Error running/.test(l)) ??
    lines.find((l) => /error|exception|cannot|failed/i.test(l)) ??
    lines[0] ??
    '(no message)';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

const useCli = existsSync(RAMPART_BIN);
const loadAtStart = loadavg();

/** Runs Rampart `--repeat` times and keeps the run with the median wall time (a shared machine is noisy). */
async function runRampart(file: string, opts: Options, tmp: string): Promise<Outcome> {
  const runs: Outcome[] = [];
  for (let i = 0; i < opts.repeat; i++) {
    const o = await runRampartOnce(file, opts, tmp);
    if (o.status !== 'ok') return o;
    runs.push(o);
  }
  runs.sort((a, b) => a.wallS - b.wallS);
  return runs[(runs.length - 1) >> 1];
}

async function runRampartOnce(file: string, opts: Options, tmp: string): Promise<Outcome> {
  const out = join(tmp, 'rampart.json');
  rmSync(out, { force: true });
  const args = useCli
    ? ['--no-warnings', RAMPART_BIN, 'audit', file, '--format', 'json', '--fail-on', 'none', '--output', out]
    : ['--no-warnings', RAMPART_FALLBACK, file];
  const m = await measure(process.execPath, args, { timeoutS: opts.rampartTimeoutS });
  if (m.timedOut) return { status: 'timeout', wallS: m.wallS, rssMB: m.rssMB, note: `no result within ${opts.rampartTimeoutS} s` };
  try {
    if (useCli) {
      if (m.code !== 0) throw new Error(`exit code ${m.code}: ${firstErrorLine(m.stderr)}`);
      const r = JSON.parse(readFileSync(out, 'utf8')) as { findings: unknown[]; diagnostics?: { level: string }[] };
      const errors = r.diagnostics?.filter((d) => d.level === 'error').length ?? 0;
      return {
        status: 'ok',
        wallS: m.wallS,
        rssMB: m.rssMB,
        findings: r.findings.length,
        note: errors ? `${errors} error diagnostics` : undefined,
      };
    }
    const r = JSON.parse(m.stdout) as { findings: number; scanned: number };
    if (r.scanned !== 1) throw new Error(`file was not audited: ${m.stdout.trim()}`);
    return { status: 'ok', wallS: m.wallS, rssMB: m.rssMB, findings: r.findings };
  } catch (e) {
    return { status: 'crash', wallS: m.wallS, rssMB: m.rssMB, note: (e as Error).message.split('\n')[0] };
  }
}

async function runSpectral(file: string, opts: Options, tmp: string): Promise<Outcome> {
  const out = join(tmp, 'spectral.json');
  rmSync(out, { force: true });
  // Same Node as Rampart; output to a file because Stripe's result is tens of MB of JSON.
  const args = [SPECTRAL_CLI, 'lint', file, '--ruleset', RULESET, '-f', 'json', '-o', out];
  const m = await measure(process.execPath, args, { timeoutS: opts.timeoutS });
  if (m.timedOut) return { status: 'timeout', wallS: m.wallS, rssMB: m.rssMB, note: `no result within ${opts.timeoutS} s` };
  // Spectral exits 1 when it found errors: that is a result. Anything else, or no JSON, is a crash.
  let results: { code?: unknown }[] | undefined;
  try {
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as unknown;
    if (Array.isArray(parsed)) results = parsed as { code?: unknown }[];
  } catch {
    results = undefined;
  }
  if ((m.code !== 0 && m.code !== 1) || !results) {
    const why = m.signal ? `killed by ${m.signal}` : `exit code ${m.code}`;
    return { status: 'crash', wallS: m.wallS, rssMB: m.rssMB, note: `${why}: ${firstErrorLine(m.stderr || m.stdout)}` };
  }
  const owasp = results.filter((r) => typeof r.code === 'string' && r.code.startsWith('owasp:')).length;
  const other = results.length - owasp;
  return {
    status: 'ok',
    wallS: m.wallS,
    rssMB: m.rssMB,
    findings: owasp,
    note: other ? `${other} non-OWASP results (parser/ref)` : undefined,
  };
}

// ------------------------------------------------------------------------------------------- reporting

interface Row {
  name: string;
  bytes: number;
  rampart: Outcome;
  spectral?: Outcome;
}

const fmtS = (s: number) => (s < 10 ? s.toFixed(2) : s < 100 ? s.toFixed(1) : s.toFixed(0));
const fmtMB = (mb: number | undefined) => (mb === undefined ? '?' : mb.toFixed(0));
const fmtSize = (b: number) => (b >= MIB ? `${(b / MIB).toFixed(1)} MB` : `${(b / 1024).toFixed(1)} KB`);

function ratio(r: Row): number | undefined {
  if (!r.spectral || r.rampart.status !== 'ok' || r.spectral.status !== 'ok') return undefined;
  return r.spectral.wallS / r.rampart.wallS;
}

function ratioCell(r: Row): string {
  if (!r.spectral) return '-';
  const x = ratio(r);
  if (x !== undefined) return `${x.toFixed(x < 10 ? 1 : 0)}x`;
  if (r.spectral.status === 'timeout' && r.rampart.status === 'ok') return `>${(r.spectral.wallS / r.rampart.wallS).toFixed(0)}x`;
  return 'n/a';
}

function toolCells(o: Outcome | undefined): string[] {
  if (!o) return ['-', '-', '-'];
  if (o.status === 'ok') return [fmtS(o.wallS), fmtMB(o.rssMB), String(o.findings)];
  return [o.status === 'timeout' ? `>${fmtS(o.wallS)}` : fmtS(o.wallS), fmtMB(o.rssMB), o.status];
}

const HEADER = [
  'file',
  'size',
  'Rampart s',
  'Rampart MB',
  'Rampart findings',
  'Spectral s',
  'Spectral MB',
  'Spectral findings',
  'speed-up',
];

function tableRows(rows: Row[]): string[][] {
  const out = rows.map((r) => [r.name, fmtSize(r.bytes), ...toolCells(r.rampart), ...toolCells(r.spectral), ratioCell(r)]);
  const okR = rows.filter((r) => r.rampart.status === 'ok');
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const maxRss = (os: (Outcome | undefined)[]) => Math.max(0, ...os.map((o) => o?.rssMB ?? 0));
  const comparable = rows.filter((r) => ratio(r) !== undefined);
  const peerRan = rows.some((r) => r.spectral);
  const okS = rows.filter((r) => r.spectral?.status === 'ok');
  out.push([
    `total (${rows.length} files)`,
    fmtSize(sum(rows.map((r) => r.bytes))),
    fmtS(sum(rows.map((r) => r.rampart.wallS))),
    `${fmtMB(maxRss(rows.map((r) => r.rampart)))} max`,
    String(sum(okR.map((r) => (r.rampart.status === 'ok' ? r.rampart.findings : 0)))),
    peerRan ? fmtS(sum(rows.map((r) => r.spectral?.wallS ?? 0))) : '-',
    peerRan ? `${fmtMB(maxRss(rows.map((r) => r.spectral)))} max` : '-',
    peerRan ? `${sum(okS.map((r) => (r.spectral?.status === 'ok' ? r.spectral.findings : 0)))} (${okS.length} files)` : '-',
    comparable.length
      ? `${(sum(comparable.map((r) => r.spectral?.wallS ?? 0)) / sum(comparable.map((r) => r.rampart.wallS))).toFixed(0)}x`
      : '-',
  ]);
  return out;
}

/** Without the peer, only Rampart's columns. */
function visible(rows: string[][], skipPeer: boolean): string[][] {
  return skipPeer ? rows.map((r) => r.slice(0, 5)) : rows;
}

function printTable(rows: string[][]): void {
  const header = HEADER.slice(0, rows[0]?.length ?? HEADER.length);
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r, i) => {
    if (i === rows.length - 1) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    console.log(line(r));
  });
}

function markdownTable(rows: string[][]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  const header = HEADER.slice(0, rows[0]?.length ?? HEADER.length);
  const align = header.map((_, i) => (i < 2 ? '---' : '---:'));
  const lines = [header, align, ...rows.map((r, i) => (i === rows.length - 1 ? r.map((c) => `**${c}**`) : r))];
  return lines.map((r) => `| ${r.map(esc).join(' | ')} |`).join('\n');
}

interface Verdict {
  target: string;
  pass: boolean | undefined;
  detail: string;
}

function verdicts(rows: Row[], skipPeer: boolean): Verdict[] {
  const out: Verdict[] = [];
  const stripe = rows.find((r) => /stripe/i.test(r.name));
  if (!stripe) {
    out.push({ target: `Stripe ≤ ${TARGETS.stripeWallS} s wall`, pass: undefined, detail: 'Stripe not in this run' });
    out.push({ target: `Stripe ≤ ${TARGETS.stripeRssMB} MB peak RSS`, pass: undefined, detail: 'Stripe not in this run' });
  } else {
    const r = stripe.rampart;
    const ok = r.status === 'ok';
    out.push({
      target: `Stripe ≤ ${TARGETS.stripeWallS} s wall`,
      pass: ok && r.wallS <= TARGETS.stripeWallS,
      detail: ok ? `${r.wallS.toFixed(2)} s` : `${r.status}: ${r.note}`,
    });
    out.push({
      target: `Stripe ≤ ${TARGETS.stripeRssMB} MB peak RSS`,
      pass: ok && r.rssMB !== undefined && r.rssMB <= TARGETS.stripeRssMB,
      detail: `${fmtMB(r.rssMB)} MB`,
    });
  }
  const target = `≥ ${TARGETS.minSpeedup}x faster than Spectral+OWASP on every file > 1 MB`;
  const big = rows.filter((r) => r.bytes > TARGETS.bigFileBytes);
  if (skipPeer || big.length === 0) {
    out.push({ target, pass: undefined, detail: skipPeer ? 'Spectral not run (--skip-peer)' : 'no file > 1 MB in this run' });
  } else {
    const parts: string[] = [];
    let pass = true;
    let compared = 0;
    for (const r of big) {
      const short = r.name.replace(/\.(json|ya?ml)$/, '');
      const x = ratio(r);
      if (x !== undefined) {
        compared++;
        if (x < TARGETS.minSpeedup) pass = false;
        parts.push(`${short} ${x.toFixed(0)}x`);
      } else if (r.rampart.status !== 'ok') {
        pass = false;
        parts.push(`${short}: Rampart ${r.rampart.status}`);
      } else if (r.spectral?.status === 'timeout') {
        // Spectral took longer than the limit: the true ratio is at least this.
        const lower = r.spectral.wallS / r.rampart.wallS;
        if (lower >= TARGETS.minSpeedup) {
          compared++;
          parts.push(`${short} >${lower.toFixed(0)}x (Spectral timed out)`);
        } else parts.push(`${short}: undecided, >${lower.toFixed(0)}x when Spectral timed out (raise --timeout)`);
      } else {
        parts.push(`${short}: not comparable (Spectral ${r.spectral?.status})`);
      }
    }
    out.push({ target, pass: compared > 0 ? pass : undefined, detail: parts.join('; ') });
  }
  return out;
}

const verdictWord = (v: Verdict) => (v.pass === undefined ? 'SKIP' : v.pass ? 'PASS' : 'FAIL');

// ----------------------------------------------------------------------------------------- environment

function environment(): { label: string; value: string }[] {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim() || String(cpus().length);
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout?.trim();
  const pkg = (p: string) => {
    try {
      return (JSON.parse(readFileSync(join(ROOT, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return 'not installed';
    }
  };
  const rampartVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return [
    { label: 'date', value: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
    { label: 'load average at start', value: `${loadAtStart.map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min)` },
    {
      label: 'machine',
      value: `${nproc} CPUs (nproc), ${model}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM (${(freemem() / 1024 ** 3).toFixed(1)} GB free)`,
    },
    { label: 'OS', value: `${process.platform} ${spawnSync('uname', ['-r'], { encoding: 'utf8' }).stdout?.trim() ?? ''}` },
    { label: 'Node.js', value: `${process.version} (both tools run on it)` },
    {
      label: 'Rampart',
      value: `${rampartVersion}${git ? ` (commit ${git})` : ''}, ${useCli ? '`bin/rampart.js audit`' : '`scratch/run.ts` (CLI not written yet)'}`,
    },
    {
      label: 'Spectral',
      value: `@stoplight/spectral-cli ${pkg('@stoplight/spectral-cli')} with @stoplight/spectral-owasp-ruleset ${pkg('@stoplight/spectral-owasp-ruleset')} (bench/spectral-owasp.yaml)`,
    },
    {
      label: 'measured with',
      value: GNU_TIME
        ? `GNU time (\`${GNU_TIME} -f '%e %M'\`): peak RSS from the kernel; wall from the benchmark's own clock`
        : 'VmHWM polled from /proc every 20 ms',
    },
  ];
}

// ----------------------------------------------------------------------------------------------- docs

const START = '<!-- bench:audit:start (generated by `npm run bench:audit -- --write-docs`; edits here are overwritten) -->';
const END = '<!-- bench:audit:end -->';

function writeDocs(rows: Row[], opts: Options, table: string[][], vs: Verdict[]): void {
  const env = environment();
  const notes = rows.flatMap((r) =>
    [
      r.rampart.note ? `- ${r.name}, Rampart: ${r.rampart.note}` : '',
      r.spectral?.note ? `- ${r.name}, Spectral: ${r.spectral.note}` : '',
    ].filter(Boolean),
  );
  const cmd = [
    'npm run bench:audit --',
    opts.files.length ? `--files ${opts.files.join(',')}` : '',
    opts.skipPeer ? '--skip-peer' : '',
    `--timeout ${opts.timeoutS}`,
    `--repeat ${opts.repeat}`,
    '--write-docs',
  ]
    .filter(Boolean)
    .join(' ');
  const section = [
    START,
    '',
    `Command: \`${cmd}\``,
    '',
    ...env.map((e) => `- **${e.label}:** ${e.value}`),
    '',
    markdownTable(table),
    '',
    'Seconds are wall time of the whole process (start-up, loading, parsing, all checks, writing the report); MB is the',
    "peak resident set size of the process. Findings: Rampart's findings (all checks); Spectral's results of `owasp:` rules.",
    `Rampart: median of ${opts.repeat} run${opts.repeat > 1 ? 's' : ''} per file. Spectral: one run, time limit ${opts.timeoutS} s per file.`,
    '',
    ...(notes.length ? ['Notes:', '', ...notes, ''] : []),
    '| target | result | measured |',
    '|---|---|---|',
    ...vs.map((v) => `| ${v.target} | **${verdictWord(v)}** | ${v.detail.replace(/\|/g, '\\|')} |`),
    '',
    END,
  ].join('\n');
  let doc = existsSync(DOCS) ? readFileSync(DOCS, 'utf8') : '';
  const a = doc.indexOf('<!-- bench:audit:start');
  const b = doc.indexOf(END);
  if (a !== -1 && b > a) doc = doc.slice(0, a) + section + doc.slice(b + END.length);
  else doc = `${doc || '# Benchmarks\n\n## `rampart audit` vs Spectral + OWASP ruleset\n\n'}${section}\n`;
  writeFileSync(DOCS, doc);
  console.log(`\nwrote ${DOCS}`);
}

// ----------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(opts.corpus)) {
    console.error(`bench:audit: corpus not found: ${opts.corpus}`);
    process.exit(2);
  }
  if (!opts.skipPeer && !existsSync(SPECTRAL_CLI)) {
    console.error('bench:audit: Spectral is not installed (npm install), or pass --skip-peer');
    process.exit(2);
  }
  const files = readdirSync(opts.corpus)
    .filter((f) => /\.(json|ya?ml)$/i.test(f))
    .filter((f) => opts.files.length === 0 || opts.files.some((s) => f.toLowerCase().includes(s.toLowerCase())))
    .map((f) => ({ name: f, path: join(opts.corpus, f), bytes: statSync(join(opts.corpus, f)).size }))
    .sort((a, b) => a.bytes - b.bytes || (a.name < b.name ? -1 : 1));
  if (files.length === 0) usage(`no definition in ${opts.corpus} matches --files ${opts.files.join(',')}`);

  for (const e of environment()) console.log(`${e.label}: ${e.value.replace(/`/g, '')}`);
  if (!GNU_TIME) console.log('note: GNU time not found; peak RSS comes from polling /proc/<pid>/status VmHWM');
  console.log('');

  const tmp = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'rampart-bench-'));
  const rows: Row[] = [];
  try {
    for (const f of files) {
      process.stderr.write(`${f.name} (${fmtSize(f.bytes)}): rampart`);
      const rampart = await runRampart(f.path, opts, tmp);
      process.stderr.write(` ${fmtS(rampart.wallS)} s`);
      let spectral: Outcome | undefined;
      if (!opts.skipPeer) {
        process.stderr.write(', spectral');
        spectral = await runSpectral(f.path, opts, tmp);
        process.stderr.write(` ${spectral.status === 'ok' ? `${fmtS(spectral.wallS)} s` : spectral.status}`);
      }
      process.stderr.write('\n');
      rows.push({ name: f.name, bytes: f.bytes, rampart, spectral });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  console.log('');
  const table = visible(tableRows(rows), opts.skipPeer);
  printTable(table);
  for (const r of rows) {
    if (r.rampart.note) console.log(`  ${r.name}, Rampart: ${r.rampart.note}`);
    if (r.spectral?.note) console.log(`  ${r.name}, Spectral: ${r.spectral.note}`);
  }
  console.log('');
  const vs = verdicts(rows, opts.skipPeer);
  for (const v of vs) console.log(`${verdictWord(v)}  ${v.target}: ${v.detail}`);
  if (opts.writeDocs) writeDocs(rows, opts, table, vs);
}

await main();

/**
 * `npm run bench:probe`: a full `rampart probe` of the demo shop (vulnerable and hardened builds) as its
 * own process: wall time, peak RSS, requests the shop received, findings, ground truth proven, and
 * findings per 100 requests. Then a side-by-side with sqlmap (Debian's `sqlmap` package, optional) on
 * the one flaw both tools look for: the SQL injection in GET /api/v2/products?search=.
 * The shop runs in this process on 127.0.0.1 and counts every request it receives.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoApi } from '../examples/demo-api/index.ts';
import { score } from '../examples/demo-api/probe-demo.ts';
import type { Finding } from '../src/core/index.ts';
import { measure, ROOT } from './measure.ts';

const NODE = process.execPath;
const DEMO = join(ROOT, 'examples/demo-api');

async function rampartRun(hardened: boolean, rules?: string) {
  const api = await createDemoApi({ hardened });
  let requests = 0;
  api.server.on('request', () => requests++);
  const out = mkdtempSync(join(tmpdir(), 'rampart-bench-probe-'));
  try {
    const args = [join(ROOT, 'bin/rampart.js'), 'probe', '--target', api.url, '--openapi', join(DEMO, 'openapi.yaml')];
    args.push('--config', join(DEMO, 'rampart.yaml'), '--format', 'json', '--output', join(out, 'r.json'), '--fail-on', 'none');
    if (rules) args.push('--rule', rules);
    const m = await measure(NODE, args, { timeoutS: 300 });
    const findings = (JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as { findings: Finding[] }).findings;
    return { m, requests, findings };
  } finally {
    rmSync(out, { recursive: true, force: true });
    await api.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

console.log('rampart probe on the demo shop (median wall of 3 runs; requests = what the shop received)\n');
console.log('| build | wall s | peak RSS MB | requests | findings | medium+ | ground truth | findings per 100 requests |');
console.log('|---|---|---|---|---|---|---|---|');
for (const hardened of [false, true]) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await rampartRun(hardened));
  const wall = median(runs.map((r) => r.m.wallS));
  const r = runs.find((x) => x.m.wallS === wall) ?? (runs[0] as (typeof runs)[number]);
  const loud = r.findings.filter((f) => ['critical', 'high', 'medium'].includes(f.severity)).length;
  const truth = hardened
    ? '-'
    : (() => {
        const s = score(r.findings);
        return `${s.found.length}/${s.found.length + s.missed.length}`;
      })();
  console.log(
    `| ${hardened ? 'hardened' : 'vulnerable'} | ${wall.toFixed(2)} | ${r.m.rssMB?.toFixed(0) ?? '?'} | ${r.requests} | ${r.findings.length} | ${loud} | ${truth} | ${((100 * r.findings.length) / r.requests).toFixed(1)} |`,
  );
}

const sqlmap = spawnSync('sqlmap', ['--version'], { encoding: 'utf8' });
if (sqlmap.status !== 0) {
  console.log('\nsqlmap not installed (apt-get install sqlmap): peer comparison skipped');
} else {
  console.log(
    `\nSQL injection in GET /api/v2/products?search= : rampart (sql-injection check on every parameter of all 28 operations, login and crawl included) vs sqlmap (the one parameter it is pointed at) ${sqlmap.stdout.trim()}\n`,
  );
  console.log('| tool | wall s | peak RSS MB | requests | found |');
  console.log('|---|---|---|---|---|');
  const r = await rampartRun(false, 'sql-injection');
  const found = r.findings.some((f) => f.location.kind === 'http' && f.location.path === '/api/v2/products');
  console.log(`| rampart | ${r.m.wallS.toFixed(2)} | ${r.m.rssMB?.toFixed(0) ?? '?'} | ${r.requests} | ${found ? 'yes' : 'no'} |`);

  const api = await createDemoApi({ hardened: false });
  let requests = 0;
  api.server.on('request', () => requests++);
  const out = mkdtempSync(join(tmpdir(), 'rampart-bench-sqlmap-'));
  try {
    const m = await measure(
      'sqlmap',
      [
        '-u',
        `${api.url}/api/v2/products?search=phone`,
        '-p',
        'search',
        '--batch',
        '--flush-session',
        '--output-dir',
        out,
        '--disable-coloring',
      ],
      { timeoutS: 600 },
    );
    const sFound = /Parameter: search \(GET\)/.test(m.stdout);
    console.log(`| sqlmap | ${m.wallS.toFixed(2)} | ${m.rssMB?.toFixed(0) ?? '?'} | ${requests} | ${sFound ? 'yes' : 'no'} |`);
    console.log(
      `\nwall ratio sqlmap/rampart: ${(m.wallS / r.m.wallS).toFixed(1)}x; requests rampart/sqlmap: ${(r.requests / requests).toFixed(1)}x (rampart covers the whole API, sqlmap one parameter)`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
    await api.close();
  }
}

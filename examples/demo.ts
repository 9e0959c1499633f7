/**
 * `npm run demo`: the whole story in one command. It starts the demo shop (examples/demo-api, a running
 * API with planted flaws) on 127.0.0.1 and runs `rampart scan examples/ --target <the shop>`: every stage
 * at once (the audit of the bundled definitions, secrets in the files, the probe of the running shop as
 * alice, bob and carol), one report, one exit code. The reports go under reports/. Then it shows the
 * hardened twins: the hardened definition and the hardened shop.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';
import { audit, countBySeverity, REPORTERS, type RunResult, render } from '../src/index.ts';
import { graphqlDemo } from './demo-api/graphql-demo.ts';
import { createDemoApi } from './demo-api/index.ts';
import { groundTruth, probeDemo, score } from './demo-api/probe-demo.ts';
import { demoScanArgs } from './demo-scan.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
process.chdir(root);
mkdirSync('reports', { recursive: true });

const api = await createDemoApi({ hardened: false });
const html = 'html' in REPORTERS;
const argv = [...demoScanArgs(api.url), '--report', 'json=reports/scan.json', ...(html ? ['--report', 'html=reports/scan.html'] : [])];
console.log(`Rampart demo: the demo shop is running on ${api.url} (vulnerable build)\n`);
console.log(`$ rampart ${argv.join(' ')}\n`);
let code: number;
try {
  code = await main(argv, {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: root,
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.columns || 100,
  });
} finally {
  await api.close();
}

const result = JSON.parse(readFileSync('reports/scan.json', 'utf8')) as RunResult;
const byStage = new Map<string, number>();
for (const f of result.findings) byStage.set(f.stage, (byStage.get(f.stage) ?? 0) + 1);
const { found } = score(result.findings);
console.log(
  `\nExit code ${code} (findings at or above high). Findings by stage: ${[...byStage].map(([s, n]) => `${s} ${n}`).join(', ')}.` +
    `\nGround truth (examples/demo-api/ground-truth.json): ${found.length}/${groundTruth().length} planted flaws of the shop proven by the probe.`,
);
console.log(
  html
    ? 'HTML report: reports/scan.html (open it in a browser)'
    : 'HTML report: not written (this build of Rampart has no html reporter yet)',
);
console.log('Other reports: reports/scan.sarif (code scanning), reports/scan.md (pull request comment), reports/scan.json');

const phrase = (r: RunResult) => {
  const c = countBySeverity(r.findings);
  return `${r.findings.length} finding(s), ${c.critical + c.high + c.medium} at medium or above`;
};
const hardened = await audit(['examples/hardened-api']);
console.log(`\nHardened definition (examples/hardened-api): ${phrase(hardened)}`);
const fixed = await probeDemo(true);
console.log(`Hardened shop (examples/demo-api --hardened): ${phrase(fixed.result)} (${fixed.requests} requests)`);

// GraphQL: the shop's schema audited, its /graphql endpoint probed (examples/demo-api/graphql-demo.ts).
const color = process.stdout.isTTY === true && !process.env.NO_COLOR && !process.env.CI;
const graphqlLive = await graphqlDemo(color);
writeFileSync('reports/probe-graphql.json', render('json', graphqlLive));
console.log('Report of the GraphQL probe: reports/probe-graphql.json');

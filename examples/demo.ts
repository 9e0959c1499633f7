/**
 * `npm run demo`: the whole story in one command. It starts the demo shop (examples/demo-api, a running
 * API with planted flaws) on 127.0.0.1 and runs `rampart scan examples/ --target <the shop> --graphql
 * <its /graphql>`: every stage at once (the audit of the bundled OpenAPI definitions and GraphQL schema,
 * secrets in the files, the probe of the running shop's REST API and GraphQL endpoint as alice, bob and
 * carol), one report, one exit code. The reports go under reports/ (reports/scan.html for people). Then
 * it shows the hardened twins: the hardened definition, the hardened shop and its GraphQL endpoint.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';
import { audit, countBySeverity, type RunResult } from '../src/index.ts';
import { probeGraphqlDemo, scoreGraphql } from './demo-api/graphql-demo.ts';
import { createDemoApi } from './demo-api/index.ts';
import { groundTruth, probeDemo, score } from './demo-api/probe-demo.ts';
import { demoScanArgs } from './demo-scan.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
process.chdir(root);
mkdirSync('reports', { recursive: true });

const api = await createDemoApi({ hardened: false });
const argv = [...demoScanArgs(api.url), '--report', 'json=reports/scan.json', '--report', 'html=reports/scan.html'];
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
const gql = scoreGraphql(result.findings);
console.log(
  `\nExit code ${code} (findings at or above high). Findings by stage: ${[...byStage].map(([s, n]) => `${s} ${n}`).join(', ')}.` +
    `\nGround truth (examples/demo-api/ground-truth.json): ${found.length}/${groundTruth().length} planted flaws of the shop's REST API proven by the probe.` +
    `\nGraphQL ground truth (examples/demo-api/graphql-ground-truth.json): ${gql.found.length}/${gql.found.length + gql.missed.length} planted flaws of its /graphql endpoint proven.`,
);
console.log('HTML report: reports/scan.html (open it in a browser)');
console.log('Other reports: reports/scan.sarif (code scanning), reports/scan.md (pull request comment), reports/scan.json');

const phrase = (r: RunResult) => {
  const c = countBySeverity(r.findings);
  return `${r.findings.length} finding(s), ${c.critical + c.high + c.medium} at medium or above`;
};
const hardened = await audit(['examples/hardened-api']);
console.log(`\nHardened definition (examples/hardened-api): ${phrase(hardened)}`);
const fixed = await probeDemo(true);
console.log(`Hardened shop (examples/demo-api --hardened): ${phrase(fixed.result)} (${fixed.requests} requests)`);

const fixedGraphql = await probeGraphqlDemo(true);
console.log(`Hardened GraphQL endpoint (/graphql --hardened): ${phrase(fixedGraphql.result)} (${fixedGraphql.requests} requests)`);

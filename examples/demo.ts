/**
 * `npm run demo`: audits the bundled vulnerable API definition, prints what Rampart finds, then audits
 * its hardened twin to show the same API done right, and writes every report format under reports/.
 * Then it starts the demo shop (examples/demo-api, a running API with the same kinds of flaws) on
 * 127.0.0.1 and probes it with `rampart probe`, then probes its hardened build.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { audit, countBySeverity, render } from '../src/index.ts';
import { graphqlDemo } from './demo-api/graphql-demo.ts';
import { probeDemo, score } from './demo-api/probe-demo.ts';

const color = process.stdout.isTTY === true && !process.env.NO_COLOR && !process.env.CI;
const root = fileURLToPath(new URL('../', import.meta.url));
process.chdir(root);

console.log('Rampart demo: auditing examples/vulnerable-api (an API definition with common security design flaws)\n');
const vulnerable = await audit(['examples/vulnerable-api']);
process.stdout.write(render('console', vulnerable, { color }));

const hardened = await audit(['examples/hardened-api']);
const h = countBySeverity(hardened.findings);
const loud = h.critical + h.high + h.medium;
console.log(
  `\nHardened twin (examples/hardened-api): ${hardened.findings.length} finding(s), ${loud} at medium or above` +
    (hardened.findings.length
      ? ` (${Object.entries(h)
          .filter(([, n]) => n)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ')})`
      : ''),
);

mkdirSync('reports', { recursive: true });
const outputs: [string, string][] = [
  ['sarif', 'demo.sarif'],
  ['markdown', 'demo.md'],
  ['junit', 'demo.junit.xml'],
  ['json', 'demo.json'],
];
for (const [format, file] of outputs) writeFileSync(`reports/${file}`, render(format, vulnerable));
console.log(`Reports of the vulnerable definition: ${outputs.map(([, f]) => `reports/${f}`).join(', ')}`);

console.log('\nRampart demo: probing the running demo shop (examples/demo-api) as alice, bob (users) and carol (admin)\n');
const live = await probeDemo(false);
process.stdout.write(render('console', live.result, { color }));
const { found, missed } = score(live.result.findings);
console.log(
  `\nGround truth (examples/demo-api/ground-truth.json): ${found.length}/${found.length + missed.length} planted flaws proven` +
    `${missed.length ? `; missed: ${missed.map((t) => `${t.ruleId} ${t.method} ${t.path}`).join(', ')}` : ''}` +
    ` with ${live.requests} requests in ${(live.wallMs / 1000).toFixed(1)} s`,
);
const fixed = await probeDemo(true);
const f = countBySeverity(fixed.result.findings);
console.log(
  `Hardened shop: ${fixed.result.findings.length} finding(s), ${f.critical + f.high + f.medium} at medium or above (${fixed.requests} requests)`,
);
for (const [format, file] of [
  ['sarif', 'probe.sarif'],
  ['markdown', 'probe.md'],
  ['junit', 'probe.junit.xml'],
  ['json', 'probe.json'],
] as const)
  writeFileSync(`reports/${file}`, render(format, live.result));
console.log('Reports of the probe: reports/probe.sarif, reports/probe.md, reports/probe.junit.xml, reports/probe.json');

// GraphQL: the shop's schema audited, its /graphql endpoint probed (examples/demo-api/graphql-demo.ts).
const graphqlLive = await graphqlDemo(color);
writeFileSync('reports/probe-graphql.json', render('json', graphqlLive));
console.log('Report of the GraphQL probe: reports/probe-graphql.json');

/**
 * `npm run demo`: audits the bundled vulnerable API definition, prints what Rampart finds, then audits
 * its hardened twin to show the same API done right, and writes every report format under reports/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { audit, countBySeverity, render } from '../src/index.ts';

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

// Accuracy benchmark of `rampart logs`.
//
//   npm run bench:logs-accuracy -- [--corpus DIR]
//
// Precision and recall per kind on labelled data (bench/data/logs-labelled.jsonl, made by
// bench/data/logs-labelled.gen.py: true and false examples of every sensitive kind, every national id,
// injection payloads in URLs and in logged bodies, scanners; the secret rules' own samples; generated
// scenarios for brute force, enumeration and error spikes), then every real log of
// ../shared/corpus/traffic/logs through the CLI's engine for robustness (lines, findings, errors).
// test/runtime/logs/accuracy.test.ts holds the floors. A measurement: exits 0 unless it cannot run.

import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadSecretRules } from '../src/checks/secrets/registry.ts';
import { fileInput, scanLogs } from '../src/engines/runtime/logs/engine.ts';
import { evaluateAll, loadLabelled } from './logs-accuracy-eval.ts';
import { ROOT } from './measure.ts';

function corpusDir(argv: string[]): string {
  const i = argv.indexOf('--corpus');
  if (i !== -1 && argv[i + 1]) return resolve(argv[i + 1]);
  const shared = [resolve(ROOT, '..', 'shared'), resolve(ROOT, '..', '..', 'shared')].find((d) => existsSync(d));
  return join(shared ?? resolve(ROOT, '..', 'shared'), 'corpus', 'traffic');
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const rules = await loadSecretRules();
  const scores = evaluateAll(rules);
  process.stdout.write(
    `rampart logs: accuracy on ${loadLabelled().length} labelled lines, the samples of ${rules.length} secret rules and 45 window scenarios\n\n`,
  );
  process.stdout.write('| kind | true pos. | false pos. | false neg. | precision | recall |\n|---|---:|---:|---:|---:|---:|\n');
  for (const s of scores) process.stdout.write(`| ${s.kind} | ${s.tp} | ${s.fp} | ${s.fn} | ${pct(s.precision)} | ${pct(s.recall)} |\n`);

  const dir = join(corpusDir(process.argv.slice(2)), 'logs');
  if (!existsSync(dir)) {
    process.stdout.write(`\n(no corpus at ${dir}: robustness run skipped)\n`);
    return;
  }
  process.stdout.write(
    '\nReal logs of the corpus (robustness: every file read to the end, no crash):\n\n| file | lines | requests | findings | errors |\n|---|---:|---:|---|---:|\n',
  );
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  for (const e of files) {
    const abs = join(e.parentPath, e.name);
    const shown = abs.slice(dir.length + 1);
    const r = await scanLogs([fileInput(abs, shown)], { secretRules: rules });
    const by = new Map<string, number>();
    for (const f of r.findings) by.set(f.ruleId, (by.get(f.ruleId) ?? 0) + 1);
    const found = [...by].map(([id, n]) => `${id.replace(/^logs-/, '')}${n > 1 ? ` ×${n}` : ''}`).join(', ') || '-';
    process.stdout.write(`| ${shown} | ${r.stats.lines} | ${r.stats.requests} | ${found} | ${r.diagnostics.length} |\n`);
  }
}

await main();

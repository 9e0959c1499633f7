// Floors on the labelled data of bench/data/logs-labelled.jsonl (npm run bench:logs-accuracy prints the
// table): every sensitive kind, national id, injection kind (URL and body), scanner and window signal
// at >= 95% precision and recall.

import { expect, it } from 'vitest';
import { evaluateAll, loadLabelled } from '../../../bench/logs-accuracy-eval.ts';
import { loadSecretRules } from '../../../src/checks/secrets/registry.ts';
import { ATTACK_KINDS } from '../../../src/engines/runtime/logs/attacks.ts';
import { LOG_DATA_KINDS } from '../../../src/engines/runtime/logs/detect.ts';

it('precision and recall >= 95% for every kind, each with true and false examples', async () => {
  const scores = evaluateAll(await loadSecretRules());
  const byKind = new Map(scores.map((s) => [s.kind, s]));
  for (const kind of [...LOG_DATA_KINDS, ...ATTACK_KINDS]) {
    const s = byKind.get(kind);
    expect(s, `${kind}: no labelled example`).toBeDefined();
    if (!s) continue;
    expect(s.tp, `${kind}: too few true examples`).toBeGreaterThanOrEqual(5);
    expect(s.precision, `${kind} precision (${s.fp} false positives)`).toBeGreaterThanOrEqual(0.95);
    expect(s.recall, `${kind} recall (${s.fn} missed)`).toBeGreaterThanOrEqual(0.95);
  }
  // False examples: lines that must stay quiet, for the sensitive kinds and the attacks alike.
  const quiet = loadLabelled().filter((x) => x.expect.length === 0);
  expect(quiet.filter((x) => x.source === 'app').length).toBeGreaterThan(300);
  expect(quiet.filter((x) => x.source === 'access').length).toBeGreaterThan(50);
}, 60_000);

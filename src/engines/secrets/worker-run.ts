/** The work of a scanning thread (see worker.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSecretRules } from '../../checks/secrets/registry.ts';
import type { RunResult } from '../../core/index.ts';
import { enabledRules, FragmentScanner, scanFile } from './engine.ts';
import { compileAllowValues, compileUserRules } from './user-rules.ts';
import type { WorkerBatch, WorkerFileResult, WorkerReply, WorkerSetup } from './worker.ts';

async function start(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const setup = workerData as WorkerSetup;
  const base = await loadSecretRules();
  const user = compileUserRules(setup.config.secrets?.rules, setup.configFile);
  const all = [...base, ...user];
  const rules = setup.only ? all.filter((r) => setup.only?.includes(r.id)) : all;
  const suppressed = { inline: 0, baseline: 0, config: 0 };
  const scanner = new FragmentScanner(enabledRules(rules, setup.config), {
    cwd: setup.cwd,
    root: setup.root,
    config: setup.config,
    allowValues: compileAllowValues(setup.config.secrets?.allowValues, setup.configFile),
    decode: setup.decode,
    suppressed,
  });
  port.on('message', (batch: WorkerBatch) => {
    const results: WorkerFileResult[] = [];
    const before = { ...suppressed };
    try {
      for (const f of batch.files) results.push(scanFile(scanner, f.index, f.absPath, f.file, setup.maxFileBytes, f.explicit));
    } catch (e) {
      port.postMessage({ id: batch.id, results, suppressed: diff(suppressed, before), error: (e as Error)?.message ?? String(e) });
      return;
    }
    port.postMessage({ id: batch.id, results, suppressed: diff(suppressed, before) } satisfies WorkerReply);
  });
  port.postMessage({ ready: true });
}

function diff(now: RunResult['suppressed'], before: RunResult['suppressed']): RunResult['suppressed'] {
  return { inline: now.inline - before.inline, baseline: 0, config: now.config - before.config };
}

await start();

// startThread (engines/thread.ts): a worker thread booted from a plain script that turns on the compile
// cache, then imports the thread's module with the caller's data.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { siblingModule, startThread } from '../../src/engines/thread.ts';

const dir = mkdtempSync(join(tmpdir(), 'rampart-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function moduleFile(name: string, code: string): URL {
  const file = join(dir, name);
  writeFileSync(file, code);
  return pathToFileURL(file);
}

it("runs the module with the caller's data, this thread's compile cache turned on there", async () => {
  const echo = moduleFile(
    'echo.ts',
    `import module from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
const data: { n: number } = workerData;
parentPort?.postMessage({ n: data.n, cache: module.getCompileCacheDir?.() });`,
  );
  const ask = async () => {
    const thread = startThread(echo, { n: 7 });
    try {
      return await new Promise((done, fail) => {
        thread.once('message', done);
        thread.once('error', fail);
      });
    } finally {
      await thread.terminate();
    }
  };
  // Without a cache here, none there; with one here, the same one there.
  expect(await ask()).toEqual({ n: 7, cache: module.getCompileCacheDir?.() });
  const cache = join(dir, 'cache');
  if (!module.getCompileCacheDir?.()) module.enableCompileCache?.(cache);
  const here = module.getCompileCacheDir?.();
  expect(here).toBeTruthy();
  expect(await ask()).toEqual({ n: 7, cache: here });
});

it('a module that fails to load is the thread’s error event', async () => {
  const broken = moduleFile('broken.mjs', `throw new Error('cannot start: no rules');`);
  const thread = startThread(broken, {});
  const error = await new Promise<Error>((done) => thread.once('error', done));
  expect(error.message).toBe('cannot start: no rules');
});

it('siblingModule names the module next to the caller, in the caller’s form (.ts from source, .js built)', () => {
  expect(siblingModule({ url: 'file:///r/src/engines/a.ts' } as ImportMeta, 'worker-run').href).toBe('file:///r/src/engines/worker-run.ts');
  expect(siblingModule({ url: 'file:///r/dist/engines/a.js' } as ImportMeta, 'worker-run').href).toBe(
    'file:///r/dist/engines/worker-run.js',
  );
});

/** Every module `entry` imports (not `import type`), followed through this package's files. */
function moduleGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/^import (?!type )[^;]*?from '(\.[^']+)'/gms)) visit(resolve(dirname(file), m[1]));
    for (const m of code.matchAll(/^export (?!type )[^;]*?from '(\.[^']+)'/gms)) visit(resolve(dirname(file), m[1]));
  };
  visit(entry);
  return seen;
}

it("the detecting thread of `rampart logs` loads no more than it needs (not the secrets engine's files, git or reports)", () => {
  const src = fileURLToPath(new URL('../../src/', import.meta.url));
  const graph = [...moduleGraph(join(src, 'engines/runtime/logs/worker-run.ts'))].map((f) => relative(src, f));
  expect(graph).toContain('engines/secrets/match.ts');
  expect(graph).toContain('engines/runtime/logs/detect.ts');
  // Loading those delayed the thread's first answer.
  expect(graph).not.toContain('engines/secrets/engine.ts');
  expect(graph).not.toContain('core/config.ts');
});

it('`rampart logs` starts its detecting thread before the rest of the command loads (rules, config, engine, reporters)', () => {
  const src = fileURLToPath(new URL('../../src/', import.meta.url));
  const graph = [...moduleGraph(join(src, 'cli/commands/logs.ts'))].map((f) => relative(src, f));
  expect(graph).toContain('engines/runtime/logs/detect-thread.ts');
  // Loading these before starting the thread delayed its first answer.
  for (const late of ['cli/commands/logs-run.ts', 'engines/runtime/logs/engine.ts', 'core/config.ts', 'reporters/index.ts'])
    expect(graph).not.toContain(late);
  // And the run loads the reporter of its format only.
  expect([...moduleGraph(join(src, 'cli/commands/logs-run.ts'))].map((f) => relative(src, f))).not.toContain('reporters/html.ts');
});

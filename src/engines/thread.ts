import module from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * How a thread starts: a plain script (no types to strip) that turns on this thread's compile cache,
 * then imports the thread's module. Started from a TypeScript file instead, a thread strips that file's
 * types before anything can turn the cache on, and its first strip loads the type stripper: a large part
 * of a thread's start when Rampart runs from source.
 */
const BOOT = `const { workerData } = require('node:worker_threads');
if (workerData.compileCache) require('node:module').enableCompileCache?.(workerData.compileCache);
import(workerData.threadModule);`;

/**
 * A worker thread running `threadModule` (a module of this package: `.ts` from source, `.js` built) with
 * `workerData` (plus `compileCache` and `threadModule`). A module that fails to load is the Worker's
 * `error` event, as it would be for a thread started from the file.
 */
export function startThread(threadModule: URL, workerData: object): Worker {
  // getCompileCacheDir names the cache of this Node version inside the directory enableCompileCache
  // takes (given that one, the thread would keep a cache of its own one level down).
  const cache = module.getCompileCacheDir?.();
  return new Worker(BOOT, {
    eval: true,
    workerData: { ...workerData, compileCache: cache && dirname(cache), threadModule: threadModule.href },
  });
}

/** The URL of module `name` next to `importMeta`'s, in the form this copy runs (`.ts` or `.js`). */
export function siblingModule(importMeta: ImportMeta, name: string): URL {
  return new URL(`./${name}.${importMeta.url.endsWith('.ts') ? 'ts' : 'js'}`, importMeta.url);
}

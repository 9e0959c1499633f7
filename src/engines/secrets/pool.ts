import { Worker } from 'node:worker_threads';
import type { RunResult } from '../../core/index.ts';
import type { WorkerBatch, WorkerFileResult, WorkerReply, WorkerSetup } from './worker.ts';

const WORKER_URL = new URL(`./worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

/** Batches of about this many bytes (or BATCH_FILES files) go to a thread at a time. */
const BATCH_BYTES = 2 * 1024 * 1024;
const BATCH_FILES = 200;
/** Batches a thread may hold at once: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT = 2;

export interface PoolFile {
  index: number;
  absPath: string;
  file: string;
  size: number;
  /** Named on the command line: followed if it is a symbolic link. */
  explicit: boolean;
}

/**
 * Scans files on `threads` threads: the calling thread (`local` scans a batch there) and threads - 1
 * worker threads, all taking batches from one queue, so the workers' start-up (loading the rules) is
 * not lost time. Results arrive per file (in no particular order) through `onResult`. Rejects if a
 * worker dies; the caller then scans what was not reported on its own thread.
 */
export function scanInWorkers(
  files: PoolFile[],
  setup: WorkerSetup,
  threads: number,
  local: (batch: WorkerBatch) => WorkerFileResult[],
  onResult: (r: WorkerFileResult) => void,
  suppressed: RunResult['suppressed'],
): Promise<void> {
  const batches: WorkerBatch[] = [];
  let cur: WorkerBatch = { id: 0, files: [] };
  let bytes = 0;
  // Largest files first: the threads then finish together instead of one waiting on a last big file.
  const order = [...files].sort((a, b) => b.size - a.size || a.index - b.index);
  for (const f of order) {
    cur.files.push({ index: f.index, absPath: f.absPath, file: f.file, explicit: f.explicit });
    bytes += f.size;
    if (bytes >= BATCH_BYTES || cur.files.length >= BATCH_FILES) {
      batches.push(cur);
      cur = { id: batches.length, files: [] };
      bytes = 0;
    }
  }
  if (cur.files.length) batches.push(cur);
  if (batches.length === 0) return Promise.resolve();

  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let pending = batches.length;
    let failed = false;
    const stopAll = () => {
      for (const w of workers) void w.terminate();
    };
    const feed = (w: Worker) => {
      if (next < batches.length) w.postMessage(batches[next++]);
    };
    const finishOne = () => {
      if (--pending === 0 && !failed) {
        stopAll();
        resolve();
      }
    };
    const n = Math.max(0, Math.min(threads - 1, batches.length - 1));
    for (let t = 0; t < n; t++) {
      const w = new Worker(WORKER_URL, { workerData: setup });
      workers.push(w);
      w.on('message', (msg: WorkerReply | { ready: true }) => {
        if (failed || 'ready' in msg) return;
        for (const r of msg.results) onResult(r);
        suppressed.inline += msg.suppressed.inline;
        suppressed.config += msg.suppressed.config;
        if (msg.error) {
          failed = true;
          stopAll();
          reject(new Error(msg.error));
          return;
        }
        feed(w);
        finishOne();
      });
      w.on('error', (e) => {
        if (failed) return;
        failed = true;
        stopAll();
        reject(e);
      });
      w.on('exit', (code) => {
        if (failed || pending === 0) return;
        failed = true;
        stopAll();
        reject(new Error(`a scanning thread stopped (exit code ${code})`));
      });
      for (let k = 0; k < IN_FLIGHT; k++) feed(w);
    }
    // This thread takes batches too, yielding between them so the workers' replies are handled.
    const work = () => {
      if (failed || next >= batches.length) return;
      const batch = batches[next++];
      try {
        for (const r of local(batch)) onResult(r);
      } catch (e) {
        failed = true;
        stopAll();
        reject(e);
        return;
      }
      finishOne();
      setImmediate(work);
    };
    work();
  });
}

import type { Worker } from 'node:worker_threads';
import type { RunResult } from '../../core/index.ts';
import { siblingModule, startThread } from '../thread.ts';
import type { WorkerBatch, WorkerFileResult, WorkerReply, WorkerSetup } from './worker.ts';

const THREAD_MODULE = siblingModule(import.meta, 'worker-run');

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

/** Files in batches of about BATCH_BYTES, largest files first (the threads then finish together). */
export function batchesOf(files: PoolFile[]): WorkerBatch[] {
  const batches: WorkerBatch[] = [];
  let cur: WorkerBatch = { id: 0, files: [] };
  let bytes = 0;
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
  return batches;
}

/**
 * Worker threads that scan batches of files. Started before the files are known (while the tree is
 * walked, the workers load their rules), then `run` once, then `close`. The calling thread takes
 * batches from the same queue, so no thread waits for another to start.
 */
export class ScanPool {
  private readonly workers: Worker[] = [];
  /** Why a worker died before or during `run`, if one did. */
  private failure: Error | undefined;
  private onFailure: ((e: Error) => void) | undefined;
  private closed = false;

  constructor(setup: WorkerSetup, workers: number) {
    for (let t = 0; t < workers; t++) {
      const w = startThread(THREAD_MODULE, setup);
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`a scanning thread stopped (exit code ${code})`));
      });
      this.workers.push(w);
    }
  }

  private fail(e: Error): void {
    if (this.failure || this.closed) return;
    this.failure = e;
    this.onFailure?.(e);
  }

  /**
   * Scans the batches on the workers and on this thread (`local`). Results arrive per file, in no
   * particular order, through `onResult`. Rejects if a worker dies; the caller then scans what was not
   * reported on its own thread.
   */
  run(
    batches: WorkerBatch[],
    local: (batch: WorkerBatch) => WorkerFileResult[],
    onResult: (r: WorkerFileResult) => void,
    suppressed: RunResult['suppressed'],
  ): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (batches.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let next = 0;
      let pending = batches.length;
      let failed = false;
      const stop = (e: Error) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      this.onFailure = stop;
      const finishOne = () => {
        if (--pending === 0 && !failed) resolve();
      };
      const feed = (w: Worker) => {
        if (next < batches.length) w.postMessage(batches[next++]);
      };
      for (const w of this.workers) {
        w.on('message', (msg: WorkerReply | { ready: true }) => {
          if (failed || 'ready' in msg) return;
          for (const r of msg.results) onResult(r);
          suppressed.inline += msg.suppressed.inline;
          suppressed.config += msg.suppressed.config;
          if (msg.error) {
            stop(new Error(msg.error));
            return;
          }
          feed(w);
          finishOne();
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
          stop(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        finishOne();
        setImmediate(work);
      };
      work();
    });
  }

  close(): void {
    this.closed = true;
    for (const w of this.workers) void w.terminate();
  }
}

/**
 * The main thread's side of the detecting thread of `rampart logs` (worker-run.ts is the other side,
 * worker.ts their messages): batches of text sent over (standard input), or a whole file the other
 * thread reads itself, answered with the matches of each line and the injection payloads in logged
 * bodies, in order.
 */
import type { Worker } from 'node:worker_threads';
import { siblingModule, startThread } from '../../thread.ts';
import type { TextBatch } from './batches.ts';
import type { BatchBodyHit } from './bodies.ts';
import type { LogMatch } from './detect.ts';
import type { BatchHits, DetectWorkerSetup, FromDetectWorker, ToDetectWorker } from './worker.ts';

const THREAD_MODULE = siblingModule(import.meta, 'worker-run');

/** Each line's matches (undefined: none). */
export type Found = (LogMatch[] | undefined)[];
/** What the thread found in a batch: each line's matches, and the injection payloads in bodies. */
export interface Answer {
  found: Found;
  bodies: BatchBodyHit[];
}
type FileBatch = Extract<FromDetectWorker, { batch: number }>;

function expand(hits: BatchHits, lines: number, bodies: BatchBodyHit[]): Answer {
  const found: Found = new Array(lines);
  for (const [i, m] of hits) found[i] = m;
  return { found, bodies };
}

/** Sensitive-data detection in a worker thread; the caller keeps order by awaiting each batch. */
export class DetectWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<
    number,
    { done: (answer: Extract<FromDetectWorker, { hits: BatchHits }>) => void; fail: (e: Error) => void }
  >();
  private readonly files = new Map<number, RemoteFile>();
  private nextId = 0;
  private failure: Error | undefined;

  /**
   * Starts the thread: it loads its modules (through this thread's compile cache) and the secret rules
   * right away. `setup.enabled` may come later, by `enable`, before the first batch.
   */
  constructor(setup: DetectWorkerSetup) {
    this.worker = startThread(THREAD_MODULE, setup);
    this.worker.on('message', (m: FromDetectWorker) => {
      if ('batch' in m) this.files.get(m.id)?.arrive(m);
      else if ('end' in m) this.files.get(m.id)?.finish(m.end);
      else {
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        w?.done(m);
      }
    });
    this.worker.on('error', (e) => {
      this.failure = e;
      for (const w of this.waiting.values()) w.fail(e);
      this.waiting.clear();
      for (const f of this.files.values()) f.finish(0);
    });
  }

  /** Which secret rules are on (loadSecretRules() order), when the setup did not say: before any batch. */
  enable(enabled: number[]): void {
    if (!this.failure) this.worker.postMessage({ enable: enabled } satisfies ToDetectWorker);
  }

  /** The matches of each line of `text` (lines joined by `\n`): one string crosses, not a thousand. */
  detect(text: string, lines: number): Promise<Answer> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((done, fail) => {
      this.waiting.set(id, { done: (m) => done(expand(m.hits, lines, m.bodies)), fail });
      this.worker.postMessage({ id, text } satisfies ToDetectWorker);
    });
  }

  /** Has the thread read `file` itself, batch by batch as textBatches splits it here. */
  readFile(file: string, display: string): RemoteFile | undefined {
    if (this.failure) return undefined;
    const id = this.nextId++;
    const remote = new RemoteFile((batch, stop) => {
      if (stop) this.files.delete(id);
      if (!this.failure) this.worker.postMessage({ ack: id, batch, stop } satisfies ToDetectWorker);
    });
    this.files.set(id, remote);
    this.worker.postMessage({ id, file, display } satisfies ToDetectWorker);
    return remote;
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * The detecting thread's answers for one file it reads itself. Batch k is used only when it is the same
 * batch as here (same first line, line count and length): a file that grows or changes while both
 * threads read it gets the rest detected on this thread (`local`), nothing lost.
 */
class RemoteFile {
  private readonly arrived = new Map<number, FileBatch>();
  private readonly waiters = new Map<number, (b: FileBatch | undefined) => void>();
  private ended = -1;

  private readonly ack: (batch: number, stop: boolean) => void;

  constructor(ack: (batch: number, stop: boolean) => void) {
    this.ack = ack;
  }

  arrive(b: FileBatch): void {
    const w = this.waiters.get(b.batch);
    if (w) {
      this.waiters.delete(b.batch);
      w(b);
    } else this.arrived.set(b.batch, b);
  }

  /**
   * The other thread is done with the file after `batches` batches (or stopped: it could not read on,
   * it failed). Batches it did not answer are detected here; if the file cannot be read at all, this
   * thread's own read reports it.
   */
  finish(batches: number): void {
    this.ended = batches;
    for (const w of this.waiters.values()) w(undefined);
    this.waiters.clear();
  }

  /** The matches of batch `k` (this thread's `batch`), from the other thread or `local`. */
  found(k: number, batch: TextBatch, local: () => Promise<Answer>): Promise<Answer> {
    // Only the batch's shape is kept while waiting (not its lines).
    return this.answer(k, batch.first, batch.lines.length, batch.text.length, local);
  }

  private async answer(k: number, first: number, lines: number, chars: number, local: () => Promise<Answer>): Promise<Answer> {
    let b = this.arrived.get(k);
    if (b) this.arrived.delete(k);
    else if (this.ended < 0) b = await new Promise<FileBatch | undefined>((w) => this.waiters.set(k, w));
    // Acknowledged every few batches: a message per batch cost the main thread more than the batch.
    if (k % 8 === 7) this.ack(k, false);
    const same = b && b.first === first && b.lines === lines && b.chars === chars;
    return b && same ? expand(b.hits, lines, b.bodies) : local();
  }

  /** This thread is done with the file (all read, or it stopped early): the other stops too. */
  close(): void {
    this.ack(Number.MAX_SAFE_INTEGER, true);
    this.arrived.clear();
  }
}

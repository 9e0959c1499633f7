/**
 * What the main thread and the detecting thread of `rampart logs` tell each other. The detecting thread
 * (worker-run.ts, started by detect-thread.ts) loads the secret rules once, then answers with the matches of
 * each batch of lines (masked values only, never a secret) and the injection payloads in logged bodies.
 * The main thread meanwhile parses the same lines as access-log requests and keeps the attack windows:
 * two cores, one stream, order kept.
 *
 * A batch arrives as its text (stdin: lines joined by `\n`), or the thread reads a whole file itself and
 * splits it into the same batches as the main thread (textBatches on the same bytes): then no text
 * crosses between the threads, only the few matches (copying the text cost the main thread more than
 * parsing it).
 */
import type { BatchBodyHit } from './bodies.ts';
import type { LogMatch } from './detect.ts';

export interface DetectWorkerSetup {
  /** Enabled flags of loadSecretRules(), in its order (undefined: all, or sent later by `enable`). */
  enabled?: number[];
  /** No secret rules at all. */
  noSecrets?: boolean;
  /** Look for injection payloads in logged bodies too (attack signals are on). */
  bodies?: boolean;
  /** How far the thread answers a file ahead of the main thread (default in worker-run.ts; tests). */
  ahead?: { batches: number; matches: number };
}

/** The main thread's requests. */
export type ToDetectWorker =
  /** Which secret rules are on, when the setup did not say (sent before any batch). */
  | { enable: number[] }
  | { id: number; text: string }
  | { id: number; file: string; display: string }
  /** The main thread used the results of file `id` up to batch `batch`. */
  | { ack: number; batch: number; stop?: boolean };

/** Matches of a batch: [index of the line in the batch, its matches], lines without any left out. */
export type BatchHits = [number, LogMatch[]][];

/** The thread's answers. */
export type FromDetectWorker =
  | { id: number; hits: BatchHits; bodies: BatchBodyHit[] }
  /** Batch `batch` of file `id`: numbered from `first`, `lines` lines, `chars` characters of text. */
  | { id: number; batch: number; first: number; lines: number; chars: number; hits: BatchHits; bodies: BatchBodyHit[] }
  /** File `id` ended after `end` batches (early when it could not be read on: the main thread then detects the rest). */
  | { id: number; end: number };

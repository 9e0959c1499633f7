/**
 * The detecting thread of `rampart logs`: loads the secret rules once, then answers with the matches of
 * each batch of lines (masked values only, never a secret) and the injection payloads in logged bodies.
 * The main thread meanwhile parses the same lines as access-log requests and keeps the attack windows:
 * two cores, one stream, order kept.
 *
 * A batch arrives as its text (stdin: lines joined by `\n`), or the thread reads a whole file itself and
 * splits it into the same batches as the main thread (textBatches on the same bytes): then no text
 * crosses between the threads, only the few matches (copying the text cost the main thread more than
 * parsing it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSecretRules } from '../../../checks/secrets/registry.ts';
import { fileChunks } from '../../../formats/traffic/source.ts';
import { textBatches } from './batches.ts';
import { type BatchBodyHit, batchBodyInjections } from './bodies.ts';
import { detectBatch, type LogMatch } from './detect.ts';

export interface DetectWorkerSetup {
  /** Enabled flags of loadSecretRules(), in its order (undefined: all). */
  enabled?: number[];
  /** No secret rules at all. */
  noSecrets?: boolean;
  /** Look for injection payloads in logged bodies too (attack signals are on). */
  bodies?: boolean;
}

/** The main thread's requests. */
export type ToDetectWorker =
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

/** Batches of a file answered before the main thread used them; the thread waits beyond this. */
const AHEAD = 32;

function hitsOf(found: readonly (LogMatch[] | undefined)[]): BatchHits {
  const hits: BatchHits = [];
  for (let i = 0; i < found.length; i++) {
    const f = found[i];
    if (f) hits.push([i, f]);
  }
  return hits;
}

const setup = workerData as DetectWorkerSetup;
const secretRules = setup.noSecrets ? [] : await loadSecretRules();
const enabled = setup.enabled ? Uint8Array.from(setup.enabled) : undefined;
const options = { secretRules, enabled };
const port = parentPort;
const bodiesOf = (lines: readonly string[], text: string) => (setup.bodies ? batchBodyInjections(lines, text) : []);
/** Per file being read: the batch the main thread acknowledged, and who waits for it to move. */
const acked = new Map<number, Flow>();

interface Flow {
  batch: number;
  stop: boolean;
  wake?: () => void;
}

async function readFile(id: number, file: string, display: string): Promise<void> {
  const flow: Flow = { batch: -1, stop: false };
  acked.set(id, flow);
  let k = 0;
  try {
    for await (const b of textBatches(fileChunks(file, display, { reuse: true }))) {
      if (flow.stop) return;
      const found = detectBatch(b.lines, options, b.text);
      const bodies = bodiesOf(b.lines, b.text);
      port?.postMessage({ id, batch: k, first: b.first, lines: b.lines.length, chars: b.text.length, hits: hitsOf(found), bodies });
      k++;
      while (k - flow.batch > AHEAD && !flow.stop) await new Promise<void>((wake) => (flow.wake = wake));
    }
  } catch {
    // Not readable from here on: the main thread detects what was not answered (and, reading the same
    // file, reports it if it cannot read it either).
  } finally {
    port?.postMessage({ id, end: k });
    acked.delete(id);
  }
}

port?.on('message', (msg: ToDetectWorker) => {
  if ('ack' in msg) {
    const flow = acked.get(msg.ack);
    if (!flow) return;
    flow.batch = msg.batch;
    if (msg.stop) flow.stop = true;
    const wake = flow.wake;
    flow.wake = undefined;
    wake?.();
  } else if ('file' in msg) void readFile(msg.id, msg.file, msg.display);
  else {
    // The batch comes as its lines joined by `\n` (one string is cheaper to pass than a thousand).
    const lines = msg.text.split('\n');
    port.postMessage({ id: msg.id, hits: hitsOf(detectBatch(lines, options, msg.text)), bodies: bodiesOf(lines, msg.text) });
  }
});

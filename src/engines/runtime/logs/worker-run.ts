/**
 * The detecting thread of `rampart logs` (worker.ts says what it does): loads the secret rules once,
 * then answers each batch the main thread sends or that it reads from a file itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSecretRules } from '../../../checks/secrets/registry.ts';
import { fileChunks } from '../../../formats/traffic/source.ts';
import { textBatches } from './batches.ts';
import { batchBodyInjections } from './bodies.ts';
import { detectBatch, type LogMatch } from './detect.ts';
import type { BatchHits, DetectWorkerSetup, ToDetectWorker } from './worker.ts';

/**
 * How far this thread answers a file ahead of the main thread, in batches and in the matches they hold
 * (memory, on a log where every line has some); it waits beyond either. Both threads' pace varies
 * along a file (new paths cost the main thread more, lines with candidates this one): with a lead of a
 * few dozen batches they took turns waiting for each other, for seconds on a large log.
 */
const AHEAD = { batches: 2048, matches: 50_000 };

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
const options: { secretRules: typeof secretRules; enabled: Uint8Array | undefined } = {
  secretRules,
  enabled: setup.enabled ? Uint8Array.from(setup.enabled) : undefined,
};
const ahead = setup.ahead ?? AHEAD;
const port = parentPort;
const bodiesOf = (lines: readonly string[], text: string) => (setup.bodies ? batchBodyInjections(lines, text) : []);
/** Per file being read: the batch the main thread acknowledged, and who waits for it to move. */
const acked = new Map<number, Flow>();

interface Flow {
  batch: number;
  stop: boolean;
  wake?: () => void;
  /** Matches of each batch answered and not yet acknowledged (from batch `batch + 1` on), and their sum. */
  matches: number[];
  held: number;
}

async function readFile(id: number, file: string, display: string): Promise<void> {
  const flow: Flow = { batch: -1, stop: false, matches: [], held: 0 };
  acked.set(id, flow);
  let k = 0;
  try {
    for await (const b of textBatches(fileChunks(file, display, { reuse: true }))) {
      if (flow.stop) return;
      const found = detectBatch(b.lines, options, b.text);
      const bodies = bodiesOf(b.lines, b.text);
      const hits = hitsOf(found);
      let matches = bodies.length;
      for (const [, m] of hits) matches += m.length;
      // Held until the main thread says it used this batch (unless it said so already).
      if (k > flow.batch) {
        flow.matches.push(matches);
        flow.held += matches;
      }
      port?.postMessage({ id, batch: k, first: b.first, lines: b.lines.length, chars: b.text.length, hits, bodies });
      k++;
      while ((k - flow.batch > ahead.batches || flow.held > ahead.matches) && !flow.stop)
        await new Promise<void>((wake) => (flow.wake = wake));
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
  if ('enable' in msg) options.enabled = Uint8Array.from(msg.enable);
  else if ('ack' in msg) {
    const flow = acked.get(msg.ack);
    if (!flow) return;
    // Batches up to msg.batch are used: their matches are no longer held.
    const used = Math.min(msg.batch - flow.batch, flow.matches.length);
    for (let i = 0; i < used; i++) flow.held -= flow.matches[i];
    flow.matches.splice(0, used);
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

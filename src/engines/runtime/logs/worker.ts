/**
 * The detecting thread of `rampart logs`: loads the secret rules once, then answers each batch of lines
 * with their matches (masked values only, never a secret). The main thread meanwhile parses the same
 * lines as access-log requests and keeps the attack windows: two cores, one stream, order kept.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSecretRules } from '../../../checks/secrets/registry.ts';
import { detectBatch } from './detect.ts';

export interface DetectWorkerSetup {
  /** Enabled flags of loadSecretRules(), in its order (undefined: all). */
  enabled?: number[];
  /** No secret rules at all. */
  noSecrets?: boolean;
}

const setup = workerData as DetectWorkerSetup;
const secretRules = setup.noSecrets ? [] : await loadSecretRules();
const enabled = setup.enabled ? Uint8Array.from(setup.enabled) : undefined;
const port = parentPort;
port?.on('message', (msg: { id: number; text: string }) => {
  // The batch comes as its lines joined by `\n` (one string is cheaper to pass than a thousand).
  const lines = msg.text.split('\n');
  port.postMessage({ id: msg.id, found: detectBatch(lines, { secretRules, enabled }, msg.text) });
});
port?.postMessage({ ready: true });

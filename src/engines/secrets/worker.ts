/**
 * A scanning thread of `rampart secrets`. This entry only turns on Node's compile cache when the main
 * thread uses one (loading a few hundred rules from source costs twice as much without it), then loads
 * worker-run.ts, which loads the rules once, reads and scans the batches of files the pool sends, and
 * posts back findings (never a secret: findings carry redacted evidence).
 */
import module from 'node:module';
import { workerData } from 'node:worker_threads';
import type { Config, Finding, RunResult } from '../../core/index.ts';

export interface WorkerSetup {
  /** The main thread's compile cache directory, if it has one. */
  compileCache?: string;
  cwd: string;
  root: string;
  config: Config;
  configFile?: string;
  only?: string[];
  decode?: boolean;
  maxFileBytes: number;
}

export interface WorkerBatch {
  id: number;
  files: { index: number; absPath: string; file: string; explicit: boolean }[];
}

export interface WorkerFileResult {
  index: number;
  /** Bytes of text scanned, or undefined when the file was not scanned. */
  bytes?: number;
  reason?: string;
  findings: Finding[];
}

export interface WorkerReply {
  id: number;
  results: WorkerFileResult[];
  suppressed: RunResult['suppressed'];
  error?: string;
}

const setup = workerData as WorkerSetup | undefined;
if (setup?.compileCache) module.enableCompileCache?.(setup.compileCache);
await import(new URL(`./worker-run.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url).href);

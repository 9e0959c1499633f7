/**
 * What the main thread and a scanning thread of `rampart secrets` tell each other. The thread
 * (worker-run.ts, started by pool.ts) loads the rules once, reads and scans the batches of files the pool
 * sends, and posts back findings (never a secret: findings carry redacted evidence).
 */
import type { Config, Finding, RunResult } from '../../core/index.ts';

export interface WorkerSetup {
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

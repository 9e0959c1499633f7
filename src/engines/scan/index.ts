export { ChangedSinceError, changedFiles } from './changed.ts';
export { discoverProject, type ProjectFiles } from './discover.ts';
export { type ScanOptions, type ScanResult, type StageProgress, type StageReport, scan } from './engine.ts';
export type { Recorded } from './history.ts';
export { initConfig } from './init.ts';

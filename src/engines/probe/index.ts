export { DEFAULT_PROBE_OPTIONS, type ProbeProgress, type ProbeRunOptions, probe, probeMetaOf } from './engine.ts';
export * from './types.ts';

export { audit, type AuditOptions } from './engine.ts';
export * from './types.ts';

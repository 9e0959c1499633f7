export { type AuditOptions, audit } from './engine.ts';
export * from './types.ts';

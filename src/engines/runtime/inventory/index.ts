export { type DocumentedOperation, loadDefinitions } from './definitions.ts';
export { buildOpenApiDraft, serializeDraft } from './emit-openapi.ts';
export { type InventoryOptions, inventory, isStaticAsset } from './engine.ts';
export { classifySegment, type Hint, parseHint, splitPath, Templater, templatePaths } from './template.ts';
export * from './types.ts';

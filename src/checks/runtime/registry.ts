import { existsSync, readdirSync } from 'node:fs';
import type { InventoryCheck } from '../../engines/runtime/inventory/types.ts';

/**
 * The run-time checks: one folder each, named by the check id (folders starting with `_` hold shared
 * helpers). Inventory checks judge the endpoint inventory (`rampart inventory`); checks of other inputs
 * (log lines) live here too and are told apart by their `input`.
 */
const here = new URL('./', import.meta.url);
// From the repository the checks are TypeScript; in the published package they are compiled to dist/.
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

/** Every run-time check id (all inputs). */
export function runtimeCheckIds(): string[] {
  return readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(new URL(`${d.name}/index.${ext}`, here)))
    .map((d) => d.name)
    .sort();
}

export async function loadRuntimeCheck(id: string): Promise<{ id: string; input?: string; defaultOptions?: Record<string, unknown> }> {
  const mod = (await import(new URL(`${id}/index.${ext}`, here).href)) as { default: { id: string; input?: string } };
  return mod.default;
}

/** The inventory checks among `ids` (default: all). */
export async function loadInventoryChecks(ids: string[] = runtimeCheckIds()): Promise<InventoryCheck[]> {
  const loaded = await Promise.all(ids.map(loadRuntimeCheck));
  return loaded.filter((c): c is InventoryCheck => c.input === 'inventory');
}

export async function inventoryCheckIds(): Promise<string[]> {
  return (await loadInventoryChecks()).map((c) => c.id);
}

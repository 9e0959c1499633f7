import { existsSync, readdirSync } from 'node:fs';
import type { DesignCheck } from '../../engines/design/types.ts';

/**
 * The design checks: one folder each, named by the check id. The registry lists folders and imports a
 * check only when a run needs it.
 */
const here = new URL('./', import.meta.url);
// From the repository the checks are TypeScript; in the published package they are compiled to dist/.
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export function designCheckIds(): string[] {
  return readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/index.${ext}`, here)))
    .map((d) => d.name)
    .sort();
}

export async function loadDesignCheck(id: string): Promise<DesignCheck> {
  const mod = (await import(new URL(`${id}/index.${ext}`, here).href)) as { default: DesignCheck };
  return mod.default;
}

export async function loadDesignChecks(ids: string[] = designCheckIds()): Promise<DesignCheck[]> {
  return Promise.all(ids.map(loadDesignCheck));
}

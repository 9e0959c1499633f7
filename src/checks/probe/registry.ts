import { existsSync, readdirSync } from 'node:fs';
import type { ProbeCheck } from '../../engines/probe/types.ts';

/**
 * The probe checks: one folder each, named by the check id (folders starting with `_` hold shared
 * helpers). The registry lists folders and imports a check only when a run needs it.
 */
const here = new URL('./', import.meta.url);
// From the repository the checks are TypeScript; in the published package they are compiled to dist/.
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export function probeCheckIds(): string[] {
  return readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(new URL(`${d.name}/index.${ext}`, here)))
    .map((d) => d.name)
    .sort();
}

export async function loadProbeCheck(id: string): Promise<ProbeCheck> {
  const mod = (await import(new URL(`${id}/index.${ext}`, here).href)) as { default: ProbeCheck };
  return mod.default;
}

export async function loadProbeChecks(ids: string[] = probeCheckIds()): Promise<ProbeCheck[]> {
  return Promise.all(ids.map(loadProbeCheck));
}

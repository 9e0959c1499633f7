import { existsSync, readdirSync } from 'node:fs';
import type { SecretRule } from '../../engines/secrets/types.ts';

/**
 * Secret rules, one folder per provider family (`github/`, `aws/`, `generic/`...), each exporting its
 * rules as data. Folders without an index are ignored.
 */
const here = new URL('./', import.meta.url);
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export function secretRuleFamilies(): string[] {
  return readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/index.${ext}`, here)))
    .map((d) => d.name)
    .sort();
}

export async function loadSecretRules(families: string[] = secretRuleFamilies()): Promise<SecretRule[]> {
  const mods = await Promise.all(
    families.map((f) => import(new URL(`${f}/index.${ext}`, here).href) as Promise<{ default: SecretRule[] }>),
  );
  return mods.flatMap((m) => m.default);
}

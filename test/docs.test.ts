import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { rulesDoc } from '../scripts/rules-doc.ts';
import { designCheckIds } from '../src/checks/design/registry.ts';
import { probeCheckIds } from '../src/checks/probe/registry.ts';
import { inventoryCheckIds } from '../src/checks/runtime/registry.ts';

it('docs/rules.md is generated from the current checks (run `npm run docs:rules`)', async () => {
  const onDisk = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
  expect(onDisk).toBe(await rulesDoc());
});

it('docs/rules.md documents the checks of every stage, each with a link to its fixtures that exists', async () => {
  const doc = await rulesDoc();
  const ids = [...designCheckIds(), ...probeCheckIds(), ...(await inventoryCheckIds())];
  for (const id of ids) expect(doc, id).toContain(`\n#### ${id}\n`);
  const links = [...doc.matchAll(/\]\(\.\.\/(src\/checks\/[^)]+)\)/g)].map((m) => m[1]);
  expect(links).toHaveLength(ids.length);
  for (const l of links) expect(existsSync(new URL(`../${l}`, import.meta.url)), l).toBe(true);
});

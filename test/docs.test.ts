import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { rulesDoc } from '../scripts/rules-doc.ts';
import { designCheckIds } from '../src/checks/design/registry.ts';
import { probeCheckIds } from '../src/checks/probe/registry.ts';
import { inventoryCheckIds } from '../src/checks/runtime/registry.ts';
import { protocolChecks } from '../src/engines/protocols/index.ts';
import { LOG_CHECKS } from '../src/engines/runtime/logs/checks.ts';

it('docs/rules.md is generated from the current checks (run `npm run docs:rules`)', async () => {
  const onDisk = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
  expect(onDisk).toBe(await rulesDoc());
});

it('docs/rules.md documents the checks of every stage, each with a link to its fixtures that exists', async () => {
  const doc = await rulesDoc();
  const withFolders = [...designCheckIds(), ...probeCheckIds(), ...(await inventoryCheckIds())];
  const protocols = (await protocolChecks()).map((c) => c.id);
  for (const id of [...withFolders, ...protocols, ...LOG_CHECKS.map((c) => c.id)]) expect(doc, id).toContain(`\n#### ${id}\n`);
  const links = [...doc.matchAll(/\]\(\.\.\/(src\/checks\/[^)]+)\)/g)].map((m) => m[1]);
  for (const id of withFolders)
    expect(
      links.some((l) => l.endsWith(`/${id}/fixtures/`)),
      id,
    ).toBe(true);
  // Every check with a fixtures folder links to it (the logs checks are tested on labelled lines instead).
  const folders = protocols.filter((id) => existsSync(new URL(`../src/checks/${id.split('-')[0]}/${id}/fixtures/`, import.meta.url)));
  expect(links).toHaveLength(withFolders.length + folders.length);
  for (const l of links) expect(existsSync(new URL(`../${l}`, import.meta.url)), l).toBe(true);
});

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { rulesDoc } from '../scripts/rules-doc.ts';

it('docs/rules.md is generated from the current checks (run `npm run docs:rules`)', async () => {
  const onDisk = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
  expect(onDisk).toBe(await rulesDoc());
});

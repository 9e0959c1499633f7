import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { scanSecrets } from '../../src/engines/secrets/engine.ts';

it('says "wherever it is accepted" for secrets that name no issuer, never "with Connection string"', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-wording-'));
  writeFileSync(join(dir, 'settings.py'), "DATABASE_URL = 'postgres://app:Zx9kLq2vB7wTn4@db.internal:5432/app'\n");
  const r = await scanSecrets(['settings.py'], { cwd: dir });
  expect(r.findings.map((f) => f.message)).toEqual([
    expect.stringMatching(/^.+ in settings\.py: anyone who can read this file can use it wherever it is accepted until it is revoked$/),
  ]);
  expect(r.checks.find((c) => c.id === r.findings[0].ruleId)?.docs.attack).toContain('use it wherever it is accepted');
});

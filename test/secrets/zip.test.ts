/**
 * Zip archives in the file source: stored and deflated text entries are scanned and their findings point
 * at `archive.zip!inner/path`; expansion is bounded. The archives are written by Python's zipfile, an
 * independent implementation of the format.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALNUM, fake } from '../../src/checks/secrets/_kit/kit.ts';
import { makeCrc32Token } from '../../src/checks/secrets/_shared/checksum.ts';
import { readZip } from '../../src/engines/secrets/archive.ts';
import { scanSecrets } from '../../src/engines/secrets/engine.ts';
import { githubPat, tempTree } from './helpers.ts';

const TOKEN = makeCrc32Token('ghp', fake(ALNUM, 30, 'zip-test'));

/** Writes `entries` (name → text, or a byte count of zeros) into `zipPath` with the given method. */
function makeZip(zipPath: string, entries: Record<string, string | number>, method: 'ZIP_DEFLATED' | 'ZIP_STORED'): void {
  const script = [
    'import json, sys, zipfile',
    'entries = json.loads(sys.argv[2])',
    `with zipfile.ZipFile(sys.argv[1], 'w', zipfile.${method}) as z:`,
    '    for name, v in entries.items():',
    "        z.writestr(name, bytes(v) if isinstance(v, int) else v.encode('utf-8'))",
  ].join('\n');
  execFileSync('python3', ['-c', script, zipPath, JSON.stringify(entries)]);
}

describe('zip archives', () => {
  it('scans deflated and stored text entries and points at archive!inner/path:line:col', async () => {
    const dir = tempTree({});
    const env = `# settings\nGITHUB_TOKEN=${TOKEN}\n`;
    makeZip(join(dir, 'bundle.zip'), { 'app/config/.env': env, 'app/logo.bin': '\u0000PNG\u0000', 'app/': '' }, 'ZIP_DEFLATED');
    makeZip(join(dir, 'stored.zip'), { 'app/config/.env': env }, 'ZIP_STORED');
    const r = await scanSecrets(['bundle.zip', 'stored.zip'], { cwd: dir, rules: [githubPat] });
    expect(r.findings.map((f) => [f.ruleId, f.location])).toEqual([
      ['github-pat', { kind: 'file', file: 'bundle.zip!app/config/.env', startLine: 2, startColumn: 14, endLine: 2, endColumn: 54 }],
      ['github-pat', { kind: 'file', file: 'stored.zip!app/config/.env', startLine: 2, startColumn: 14, endLine: 2, endColumn: 54 }],
    ]);
  });

  it('lists only text entries, skipping binaries, directories and nested archives', () => {
    const dir = tempTree({});
    makeZip(join(dir, 'a.zip'), { 'k.env': `T=${TOKEN}\n`, 'bin.dat': '\u0000\u0001', 'inner.zip': 'PK', 'docs/': '' }, 'ZIP_DEFLATED');
    const a = readZip(readFileSync(join(dir, 'a.zip')));
    expect(a).toMatchObject({ ok: true, entries: [{ name: 'k.env', text: `T=${TOKEN}\n` }] });
  });

  it('refuses a zip bomb instead of inflating it past the bound, and says why for non-zip input', async () => {
    const dir = tempTree({});
    makeZip(join(dir, 'bomb.zip'), { 'zeros.txt': 80 * 1024 * 1024 }, 'ZIP_DEFLATED');
    const r = await scanSecrets(['.'], { cwd: dir, rules: [githubPat], noIgnore: true });
    expect(r.skipped).toContainEqual({ file: 'bomb.zip', reason: 'archive expands beyond 50 MB (not scanned)' });
    expect(readZip(Buffer.from('not a zip at all, just text'))).toEqual({
      ok: false,
      reason: 'not a zip archive (no end of central directory)',
    });
  });
});

/**
 * Archives in the file source: text files inside a .tar.gz / .tgz are scanned and their findings point at
 * `archive.tgz!inner/path`; expansion is bounded (a gzip bomb is refused, not inflated).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ALNUM, fake } from '../../src/checks/secrets/_kit/kit.ts';
import { makeCrc32Token } from '../../src/checks/secrets/_shared/checksum.ts';
import { readTarGz } from '../../src/engines/secrets/archive.ts';
import { scanSecrets } from '../../src/engines/secrets/engine.ts';
import { githubPat, tempTree } from './helpers.ts';

const TOKEN = makeCrc32Token('ghp', fake(ALNUM, 30, 'archive-test'));

describe('archives', () => {
  it('scans text files inside a .tar.gz and points at archive!inner/path:line:col', async () => {
    const dir = tempTree({});
    const src = join(dir, 'src');
    mkdirSync(join(src, 'app/config'), { recursive: true });
    writeFileSync(join(src, 'app/config/.env'), `# settings\nGITHUB_TOKEN=${TOKEN}\n`);
    writeFileSync(join(src, 'app/logo.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    execFileSync('tar', ['-czf', join(dir, 'release.tgz'), '-C', src, 'app']);
    execFileSync('tar', ['-czf', join(dir, 'copy.tar.gz'), '-C', src, 'app/config/.env']);
    const r = await scanSecrets(['release.tgz', 'copy.tar.gz'], { cwd: dir, rules: [githubPat] });
    expect(r.findings.map((f) => [f.ruleId, f.location])).toEqual([
      ['github-pat', { kind: 'file', file: 'copy.tar.gz!app/config/.env', startLine: 2, startColumn: 14, endLine: 2, endColumn: 54 }],
      ['github-pat', { kind: 'file', file: 'release.tgz!app/config/.env', startLine: 2, startColumn: 14, endLine: 2, endColumn: 54 }],
    ]);
    expect(r.scanned.sort()).toEqual(['copy.tar.gz', 'release.tgz']);
  });

  it('reads long ustar/GNU names and skips binary entries', () => {
    const dir = tempTree({});
    const deep = `${'d'.repeat(60)}/${'e'.repeat(60)}/${'f'.repeat(60)}`;
    mkdirSync(join(dir, 'src', deep), { recursive: true });
    writeFileSync(join(dir, 'src', deep, 'k.env'), `T=${TOKEN}\n`);
    writeFileSync(join(dir, 'src', 'bin.dat'), Buffer.alloc(100));
    execFileSync('tar', ['-czf', join(dir, 'a.tgz'), '-C', join(dir, 'src'), '.']);
    const a = readTarGz(execFileSync('cat', [join(dir, 'a.tgz')]));
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.entries.map((e) => e.name)).toEqual([`${deep}/k.env`]);
    expect(a.entries[0].text).toBe(`T=${TOKEN}\n`);
  });

  it('refuses a gzip bomb instead of inflating it past the bound', async () => {
    const dir = tempTree({});
    // 80 MB of zeros compress to ~80 KB: the archive is small, its contents are not.
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'zeros.txt'), Buffer.alloc(80 * 1024 * 1024));
    execFileSync('tar', ['-czf', join(dir, 'bomb.tgz'), '-C', join(dir, 'src'), 'zeros.txt']);
    const started = Date.now();
    const r = await scanSecrets(['.'], { cwd: dir, rules: [githubPat], noIgnore: true });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.findings).toEqual([]);
    expect(r.skipped).toContainEqual({ file: 'bomb.tgz', reason: 'archive expands beyond 50 MB (not scanned)' });
    // The bound itself, on a synthetic bomb: a smaller limit is enforced the same way.
    const small = readTarGz(gzipSync(Buffer.alloc(2 * 1024 * 1024)), 1024 * 1024);
    expect(small).toEqual({ ok: false, reason: 'archive expands beyond 1 MB (not scanned)' });
  });
});

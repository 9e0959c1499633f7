/**
 * The file source of `rampart secrets`: what is scanned (.gitignore inside and outside git, --no-ignore,
 * globs, explicit files), what is skipped (binary, too large) and the findings' exact places.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanSecrets } from '../../src/engines/secrets/engine.ts';
import { discoverFiles } from '../../src/engines/secrets/files.ts';
import { GHP, git, githubPat, gitInit, TKN, tempTree, testRule } from './helpers.ts';

const rules = [githubPat, testRule];

function files(dir: string, inputs: string[], noIgnore = false): string[] {
  return discoverFiles(inputs, { cwd: dir, noIgnore }).files.map((f) => f.file);
}

describe('which files are scanned', () => {
  const tree = {
    '.gitignore': 'dist/\n*.log\n!keep.log\n',
    'src/app.ts': `export const t = "${TKN}";\n`,
    'src/deep/x.env': `KEY=${TKN}\n`,
    'dist/bundle.js': `var t="${TKN}";`,
    'debug.log': TKN,
    'keep.log': TKN,
    'sub/.gitignore': 'local.txt\n',
    'sub/local.txt': TKN,
    'sub/shared.txt': TKN,
  };
  const kept = ['.gitignore', 'keep.log', 'src/app.ts', 'src/deep/x.env', 'sub/.gitignore', 'sub/shared.txt'];
  const all = [...kept, 'debug.log', 'dist/bundle.js', 'sub/local.txt'].sort();

  it('in a git work tree: tracked and untracked files that .gitignore does not exclude', () => {
    const dir = tempTree(tree);
    gitInit(dir);
    git(dir, 'add', 'src/app.ts');
    expect(files(dir, ['.']).sort()).toEqual(kept);
    // A sub-directory of the work tree: paths stay relative to the working directory.
    expect(files(dir, ['src'])).toEqual(['src/app.ts', 'src/deep/x.env']);
  });

  it('outside git: .gitignore files are read all the same (nested ones too)', () => {
    const dir = tempTree(tree);
    expect(files(dir, ['.']).sort()).toEqual(kept);
  });

  it('--no-ignore scans everything but .git', () => {
    const dir = tempTree(tree);
    gitInit(dir);
    expect(files(dir, ['.'], true).sort()).toEqual(all);
    const outside = tempTree(tree);
    expect(files(outside, ['.'], true).sort()).toEqual(all);
  });

  it('a file named on the command line is scanned even if ignored; globs respect .gitignore', () => {
    const dir = tempTree(tree);
    gitInit(dir);
    expect(files(dir, ['debug.log'])).toEqual(['debug.log']);
    expect(files(dir, ['**/*.log']).sort()).toEqual(['keep.log']);
    expect(files(dir, ['**/*.log'], true).sort()).toEqual(['debug.log', 'keep.log']);
  });

  it('does not follow symbolic links out of the tree', () => {
    const outside = tempTree({ 'secret.txt': TKN });
    const dir = tempTree({ 'a.txt': 'x' });
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'link.txt'));
    symlinkSync(outside, join(dir, 'linkdir'));
    expect(files(dir, ['.'])).toEqual(['a.txt']);
  });

  it('a symbolic link that git tracks is listed but not followed; one named on the command line is', async () => {
    const outside = tempTree({ 'secret.txt': TKN });
    const dir = tempTree({ 'a.txt': 'x' });
    gitInit(dir);
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'link.txt'));
    git(dir, 'add', '.');
    const r = await scanSecrets(['.'], { cwd: dir, rules });
    expect(r.scanned).toEqual(['a.txt']);
    expect(r.skipped).toEqual([{ file: 'link.txt', reason: 'symbolic link (not followed)' }]);
    const named = await scanSecrets(['link.txt'], { cwd: dir, rules });
    expect(named.findings).toHaveLength(1);
  });

  it('names inputs that match nothing', () => {
    const dir = tempTree({ 'a.txt': 'x' });
    expect(discoverFiles(['nope.txt', 'nothing/**/*.ts', 'a.txt'], { cwd: dir }).missing).toEqual(['nope.txt', 'nothing/**/*.ts']);
  });
});

describe('scanSecrets over files', () => {
  it('finds secrets at their exact places, files in a stable order', async () => {
    const dir = tempTree({
      'src/config.ts': `// config\nexport const github = '${GHP}';\n`,
      'deploy/.env': `A=1\nTOKEN=${TKN}\n`,
      'README.md': 'nothing to see',
    });
    const r = await scanSecrets(['.'], { cwd: dir, rules });
    expect(r.command).toBe('secrets');
    expect(r.scanned).toEqual(['README.md', 'deploy/.env', 'src/config.ts']);
    expect(r.findings.map((f) => [f.ruleId, f.location])).toEqual([
      ['github-pat', { kind: 'file', file: 'src/config.ts', startLine: 2, startColumn: 24, endLine: 2, endColumn: 64 }],
      ['test-token', { kind: 'file', file: 'deploy/.env', startLine: 2, startColumn: 7, endLine: 2, endColumn: 35 }],
    ]);
    expect(r.checks.map((c) => c.id)).toEqual(['github-pat', 'test-token']);
    expect(r.checks[0]).toMatchObject({ stage: 'secrets', cwe: ['CWE-798'] });
    expect(r.checks[0].docs.fix).toBe(githubPat.remediation);
  });

  it('skips binary files and files above the size limit, and says why', async () => {
    const bin = Buffer.concat([Buffer.from(TKN), Buffer.from([0, 1, 2, 3]), Buffer.from(TKN)]);
    const dir = tempTree({ 'image.png': bin, 'big.txt': `${'x'.repeat(2000)}\n${TKN}`, 'ok.txt': TKN });
    const r = await scanSecrets(['.'], { cwd: dir, rules, maxFileBytes: 1000 });
    expect(r.scanned).toEqual(['ok.txt']);
    expect(r.skipped).toEqual([
      { file: 'big.txt', reason: 'file is 2 KB, above the 1000 B limit (raise it with --max-file-size)' },
      { file: 'image.png', reason: 'binary file' },
    ]);
    expect(r.findings).toHaveLength(1);
  });

  it('a binary file sniffed after its first 8 KB is still binary; a NUL later on is text', async () => {
    const late = Buffer.concat([Buffer.from('a'.repeat(9000)), Buffer.from([0]), Buffer.from(` ${TKN}`)]);
    const dir = tempTree({ 'late-nul.txt': late });
    const r = await scanSecrets(['.'], { cwd: dir, rules });
    expect(r.scanned).toEqual(['late-nul.txt']);
    expect(r.findings).toHaveLength(1);
  });

  it('an explicit file that cannot be scanned is an error; a missing input too', async () => {
    const dir = tempTree({ 'big.txt': 'x'.repeat(5000) });
    const r = await scanSecrets(['big.txt', 'missing.txt'], { cwd: dir, rules, maxFileBytes: 1000 });
    expect(r.scanned).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual([
      'missing.txt: no such file, directory or glob match: missing.txt',
      'big.txt: file is 5 KB, above the 1000 B limit (raise it with --max-file-size)',
    ]);
  });

  it('reads standard input for -', async () => {
    const r = await scanSecrets(['-'], { rules, stdin: `line one\nkey: ${TKN}\n` });
    expect(r.scanned).toEqual(['-']);
    expect(r.findings[0].location).toMatchObject({ file: '-', startLine: 2, startColumn: 6 });
  });

  it('scans standard input as a stream: secrets across chunk borders, line numbers of the whole stream', async () => {
    const line = 'é'.repeat(50); // two bytes each in UTF-8: chunk borders fall inside characters
    const text = `${`${line}\n`.repeat(60_000)}key: ${TKN}\n${`${line}\n`.repeat(30_000)}token ${TKN}\n`;
    const bytes = Buffer.from(text);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 65_537) yield bytes.subarray(i, i + 65_537);
    }
    const r = await scanSecrets(['-'], { rules, stdin: chunks() });
    expect(r.findings.map((f) => f.location)).toEqual([
      { kind: 'file', file: '-', startLine: 60_001, startColumn: 6, endLine: 60_001, endColumn: 34 },
      { kind: 'file', file: '-', startLine: 90_002, startColumn: 7, endLine: 90_002, endColumn: 35 },
    ]);
  });

  it('honours secrets.allowPaths and exclude from the config, relative to the config file', async () => {
    const dir = tempTree({ 'test/fixtures/key.txt': TKN, 'vendor/lib.js': TKN, 'src/a.ts': TKN });
    const r = await scanSecrets(['.'], {
      cwd: dir,
      rules,
      config: { exclude: ['vendor/**'], secrets: { allowPaths: ['test/fixtures/**'] } },
      configFile: join(dir, 'rampart.config.yaml'),
    });
    expect(r.scanned).toEqual(['src/a.ts']);
    expect(r.skipped.map((s) => s.file).sort()).toEqual(['test/fixtures/key.txt', 'vendor/lib.js']);
  });

  it('applies the baseline by fingerprint, from any working directory', async () => {
    const dir = tempTree({ 'src/a.ts': `${TKN}\n`, 'src/b.ts': `x\n${GHP}\n` });
    gitInit(dir);
    const first = await scanSecrets(['.'], { cwd: dir, rules });
    expect(first.findings).toHaveLength(2);
    const accepted = new Set([first.findings.find((f) => f.ruleId === 'test-token')?.fingerprint as string]);
    const again = await scanSecrets(['.'], { cwd: join(dir, 'src'), rules, baseline: accepted });
    expect(again.findings.map((f) => f.ruleId)).toEqual(['github-pat']);
    expect(again.suppressed.baseline).toBe(1);
  });

  it('lockfile integrity values and source maps are not secrets', async () => {
    const dir = tempTree({
      'package-lock.json': JSON.stringify({
        packages: {
          'node_modules/ignore': {
            version: '7.0.17',
            integrity: 'sha512-0c3zcBRlWmcKhcIQWckzkYncJRv5HHB8O32wO/FcWL8DDXWDJgiEF6SX9ThbTv5h/eZ+xJK+VvDjjQ+cQJhp3Q==',
          },
        },
      }),
      'app.js.map': '{"version":3,"mappings":"AAAA,SAASA,EAAIC,GACX,OAAOD,EAAIC","sources":["a.ts"]}',
    });
    const r = await scanSecrets(['.'], { cwd: dir });
    expect(r.findings).toEqual([]);
  });
});

describe('structured files', () => {
  it('scans a Kubernetes Secret through its decoded values, at the value, with its pointer', async () => {
    const b64 = Buffer.from(GHP).toString('base64');
    const yaml = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ndata:\n  token: ${b64}\n`;
    const dir = tempTree({
      'k8s/secret.yaml': yaml,
      'k8s/ignored.yaml': yaml.replace(`${b64}\n`, `${b64}  # rampart-ignore: revoked test token\n`),
    });
    const r = await scanSecrets(['.'], { cwd: dir, rules });
    expect(r.findings.map((f) => [f.ruleId, f.location])).toEqual([
      [
        'github-pat',
        {
          kind: 'file',
          file: 'k8s/secret.yaml',
          pointer: '/data/token',
          startLine: 6,
          startColumn: 10,
          endLine: 6,
          endColumn: 10 + b64.length,
        },
      ],
    ]);
    expect(r.suppressed.inline).toBe(1);
  });

  it('scans a Postman environment value under its key', async () => {
    const env = JSON.stringify({ name: 'prod', values: [{ key: 'github_token', value: GHP, type: 'secret', enabled: true }] }, null, 2);
    const dir = tempTree({ 'prod.postman_environment.json': env });
    const r = await scanSecrets(['.'], { cwd: dir, rules });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0].location).toMatchObject({ file: 'prod.postman_environment.json', pointer: '/values/0/value', startLine: 6 });
  });
});

describe('scanning threads', () => {
  it('give the same result as one thread', async () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 60; i++) tree[`f${String(i).padStart(2, '0')}.ts`] = `${'const x = 1;\n'.repeat(i * 50)}const t = "${GHP}";\n`;
    const dir = tempTree(tree);
    const one = await scanSecrets(['.'], { cwd: dir, workers: 0, only: ['github-pat'] });
    const two = await scanSecrets(['.'], { cwd: dir, workers: 2, only: ['github-pat'] });
    expect(one.findings).toHaveLength(60);
    expect(two.findings).toEqual(one.findings);
    expect(two.scanned).toEqual(one.scanned);
  });
});

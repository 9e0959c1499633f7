import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/index.ts';
import { REPORTERS } from '../../src/reporters/index.ts';
import { FIXTURES, lines, rampart, tempDir } from './helpers.ts';

// One check keeps these tests independent of the checks other people add; http-basic-auth is medium.
const ONE = ['--rule', 'http-basic-auth'];
const json = (stdout: string) => JSON.parse(stdout) as RunResult;

describe('rampart audit: exit codes and --fail-on', () => {
  it('exits 0 when nothing is found', async () => {
    const r = await rampart(['audit', 'api/clean.yaml', ...ONE, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).findings).toEqual([]);
    expect(json(r.stdout).scanned).toEqual(['api/clean.yaml']);
  });

  it('exits 0 for a medium finding under the default --fail-on high, 1 at --fail-on medium or low', async () => {
    expect((await rampart(['audit', 'api/basic-auth.yaml', ...ONE, '--format', 'json'])).code).toBe(0);
    expect((await rampart(['audit', 'api/basic-auth.yaml', ...ONE, '--format', 'json', '--fail-on', 'medium'])).code).toBe(1);
    expect((await rampart(['audit', 'api/basic-auth.yaml', ...ONE, '--format', 'json', '--fail-on', 'low'])).code).toBe(1);
    expect((await rampart(['audit', 'api/basic-auth.yaml', ...ONE, '--format', 'json', '--fail-on', 'critical'])).code).toBe(0);
  });

  it('--fail-on none never fails on findings', async () => {
    const r = await rampart([
      'audit',
      'api/two-flaws.yaml',
      '--rule',
      'http-basic-auth,cleartext-server',
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    expect(r.code).toBe(0);
    expect(json(r.stdout).findings.map((f) => f.severity)).toEqual(['high', 'medium']);
  });

  it('takes failOn from the config when the flag is absent, and the flag wins over it', async () => {
    const cfg = ['--config', 'config/fail-on-medium.yaml'];
    expect((await rampart(['audit', 'api/basic-auth.yaml', ...ONE, ...cfg, '--format', 'json'])).code).toBe(1);
    expect((await rampart(['audit', 'api/basic-auth.yaml', ...ONE, ...cfg, '--format', 'json', '--fail-on', 'high'])).code).toBe(0);
  });

  it('finds rampart.config.yaml in the working directory', async () => {
    const dir = tempDir('api');
    writeFileSync(join(dir, 'rampart.config.yaml'), 'failOn: low\n');
    const r = await rampart(['audit', 'api/basic-auth.yaml', ...ONE, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
  });

  it('config exclude globs are relative to the config file', async () => {
    const dir = tempDir('api');
    writeFileSync(join(dir, 'rampart.config.yaml'), "exclude: ['api/two-flaws.yaml', './api/clean.yaml']\n");
    const r = await rampart(['audit', '.', ...ONE, '--format', 'json'], { cwd: dir });
    expect(json(r.stdout).scanned).toEqual(['api/basic-auth.yaml']);
    writeFileSync(join(dir, 'rampart.config.yaml'), "exclude: ['**/basic-*.yaml']\n");
    const any = await rampart(['audit', '.', ...ONE, '--format', 'json'], { cwd: dir });
    expect(json(any.stdout).scanned).toEqual(['api/clean.yaml', 'api/two-flaws.yaml']);
  });

  it('applies config severities and lets --rule run a check the config turns off', async () => {
    const raised = await rampart(['audit', 'api/basic-auth.yaml', ...ONE, '--config', 'config/raise.yml', '--format', 'json']);
    expect(json(raised.stdout).findings[0].severity).toBe('critical');
    expect(raised.code).toBe(1);
    const off = await rampart([
      'audit',
      'api/basic-auth.yaml',
      '--config',
      'config/turn-off.yaml',
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    expect(json(off.stdout).findings.filter((f) => f.ruleId === 'http-basic-auth')).toEqual([]);
    const forced = await rampart(['audit', 'api/basic-auth.yaml', ...ONE, '--config', 'config/turn-off.yaml', '--format', 'json']);
    expect(json(forced.stdout).findings.map((f) => f.ruleId)).toEqual(['http-basic-auth']);
  });
});

describe('rampart audit: output', () => {
  it('--format json prints the run as JSON with exact positions', async () => {
    const r = await rampart(['audit', 'api/basic-auth.yaml', ...ONE, '--format', 'json']);
    const result = json(r.stdout);
    expect(result.tool.name).toBe('rampart');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      ruleId: 'http-basic-auth',
      severity: 'medium',
      location: {
        kind: 'file',
        file: 'api/basic-auth.yaml',
        startLine: 18,
        startColumn: 5,
        pointer: '/components/securitySchemes/basicAuth',
      },
    });
    // Not a console report: the one-line summary goes to stderr.
    expect(lines(r.stderr)).toEqual(['rampart: 1 finding (1 medium) in 1 definition']);
  });

  it('--output writes the report to the file, prints nothing on stdout and a one-line summary on stderr', async () => {
    const dir = tempDir('api');
    const r = await rampart(
      ['audit', 'api/basic-auth.yaml', ...ONE, '--format', 'json', '--output', 'out/report.json', '--fail-on', 'medium'],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const written = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as RunResult;
    expect(written.findings.map((f) => f.ruleId)).toEqual(['http-basic-auth']);
    expect(lines(r.stderr)).toEqual([
      'rampart: 1 finding (1 medium) in 1 definition; report written to out/report.json (exit 1: at or above --fail-on medium)',
    ]);
  });

  it('--output without --format takes the format from the extension', async () => {
    const dir = tempDir('api');
    for (const [file, check] of [
      ['r.sarif', (t: string) => expect(JSON.parse(t).version).toBe('2.1.0')],
      ['r.json', (t: string) => expect(JSON.parse(t).tool.name).toBe('rampart')],
      ['r.xml', (t: string) => expect(t).toMatch(/^<\?xml/)],
    ] as const) {
      const r = await rampart(['audit', 'api/basic-auth.yaml', ...ONE, '--output', file], { cwd: dir });
      expect(r.code).toBe(0);
      check(readFileSync(join(dir, file), 'utf8'));
    }
  });

  it('--quiet drops the summary but still writes the report', async () => {
    const dir = tempDir('api');
    const r = await rampart(['audit', 'api/basic-auth.yaml', ...ONE, '--format', 'json', '--output', 'r.json', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(join(dir, 'r.json'))).toBe(true);
  });

  it.each(Object.keys(REPORTERS))('renders --format %s', async (format) => {
    const dir = tempDir('api');
    const r = await rampart(['audit', 'api/basic-auth.yaml', ...ONE, '--format', format, '--output', `report.${format}`], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, `report.${format}`), 'utf8')).toContain('http-basic-auth');
  });

  it('defaults to the console report when one is registered, else JSON', async () => {
    const r = await rampart(['audit', 'api/basic-auth.yaml', ...ONE]);
    if ('console' in REPORTERS) {
      expect(r.stdout).toContain('http-basic-auth');
      expect(() => JSON.parse(r.stdout)).toThrow();
      expect(r.stderr).toBe('');
    } else {
      expect(json(r.stdout).findings).toHaveLength(1);
    }
  });

  it('--rule takes several ids, repeated or comma-separated', async () => {
    const a = await rampart(['audit', 'api/two-flaws.yaml', '--format', 'json', '--rule', 'http-basic-auth', '--rule', 'cleartext-server']);
    const b = await rampart(['audit', 'api/two-flaws.yaml', '--format', 'json', '--rule', 'http-basic-auth,cleartext-server']);
    expect(json(a.stdout).findings.map((f) => f.ruleId)).toEqual(['cleartext-server', 'http-basic-auth']);
    expect(json(b.stdout).findings.map((f) => f.ruleId)).toEqual(['cleartext-server', 'http-basic-auth']);
    expect(json(a.stdout).checks).toBeUndefined(); // the JSON report leaves check metadata out
  });
});

describe('rampart audit: broken inputs', () => {
  it('a good file and malformed ones: the exit code comes from the findings, the errors name file:line:col', async () => {
    const high = await rampart(['audit', 'mixed', ...ONE, '--format', 'json']);
    expect(high.code).toBe(0);
    const medium = await rampart(['audit', 'mixed', ...ONE, '--format', 'json', '--fail-on', 'medium']);
    expect(medium.code).toBe(1);
    const result = json(medium.stdout);
    expect(result.scanned).toEqual(['mixed/good.yaml']);
    expect(result.findings).toHaveLength(1);
    const err = lines(medium.stderr);
    expect(err).toContain('mixed/malformed.yaml:9:1: error: invalid YAML: deficient indentation');
    expect(err).toContain('mixed/malformed.json:6:3: error: invalid JSON: PropertyNameExpected');
    expect(err.at(-1)).toBe('rampart: 1 finding (1 medium) in 1 definition; 2 errors (exit 1: at or above --fail-on medium)');
  });

  it('only malformed files: exit 2', async () => {
    const r = await rampart(['audit', 'mixed/malformed.yaml', 'mixed/malformed.json', ...ONE, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(json(r.stdout).scanned).toEqual([]);
    expect(r.stderr).toContain('mixed/malformed.yaml:9:1: error: invalid YAML');
  });

  it('a missing input among good ones is reported, the rest is audited', async () => {
    const r = await rampart(['audit', 'api/basic-auth.yaml', 'api/nope.yaml', ...ONE, '--format', 'json', '--fail-on', 'medium']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('api/nope.yaml: error: no such file, directory or glob match: api/nope.yaml');
  });

  it('only a missing input: exit 2 (also with the console report)', async () => {
    const r = await rampart(['audit', 'does-not-exist.yaml', ...ONE]);
    expect(r.code).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toContain('does-not-exist.yaml');
  });

  it('a directory without any OpenAPI definition does not pass silently: exit 2, --verbose says what was skipped', async () => {
    const r = await rampart(['audit', 'none', ...ONE, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toContain('rampart: no OpenAPI definition found in none: 2 files were skipped (--verbose says why)');
    const v = await rampart(['audit', 'none', ...ONE, '--format', 'json', '--verbose']);
    expect(v.stderr).toMatch(/rampart: skipped none\/notes\.yaml: not an OpenAPI definition/);
    expect(v.stderr).toMatch(/rampart: skipped none\/package\.json: not an OpenAPI definition/);
  });

  it('--max-file-size skips bigger files with an error', async () => {
    const r = await rampart(['audit', 'api/basic-auth.yaml', ...ONE, '--format', 'json', '--max-file-size', '0.0001']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/api\/basic-auth\.yaml: error: file is \d+ B, above the 105 B limit/);
    const ok = await rampart(['audit', 'api/basic-auth.yaml', ...ONE, '--format', 'json', '--max-file-size', '1']);
    expect(ok.code).toBe(0);
  });

  it('globs are expanded', async () => {
    const r = await rampart(['audit', 'api/*.yaml', ...ONE, '--format', 'json']);
    expect(json(r.stdout).scanned).toEqual(['api/basic-auth.yaml', 'api/clean.yaml', 'api/two-flaws.yaml']);
  });
});

describe('rampart audit: usage errors are one line and exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown flag', ['audit', 'api/clean.yaml', '--bogus'], /^rampart: unknown option '--bogus' \(see `rampart audit --help`\)$/],
    ['a missing input', ['audit'], /^rampart: missing required argument 'inputs' \(see `rampart audit --help`\)$/],
    [
      'inputs swallowed by --rule',
      ['audit', '--rule', 'http-basic-auth', 'api/clean.yaml'],
      /^rampart: missing required argument 'inputs'; --rule takes the words after it as check ids: put the inputs first, or write --rule=<id>/,
    ],
    ['an unknown format', ['audit', 'api/clean.yaml', '--format', 'xml'], /^rampart: --format xml: unknown format \(choose one of: .*json/],
    [
      'a bad --fail-on',
      ['audit', 'api/clean.yaml', '--fail-on', 'severe'],
      /^rampart: --fail-on severe: must be one of critical, high, medium, low, info, none$/,
    ],
    [
      'a bad --max-file-size',
      ['audit', 'api/clean.yaml', '--max-file-size', '-3'],
      /^rampart: --max-file-size -3: must be a size in megabytes/,
    ],
    [
      'an unknown --rule',
      ['audit', 'api/clean.yaml', '--rule', 'http-basic-auht'],
      /^rampart: --rule http-basic-auht: unknown check \(did you mean "http-basic-auth"\?\)/,
    ],
    [
      '--quiet with --verbose',
      ['audit', 'api/clean.yaml', '-q', '-v'],
      /^rampart: option '-q, --quiet' cannot be used with option '-v, --verbose'/,
    ],
    [
      'a config with a bad severity',
      ['audit', 'api/clean.yaml', '--config', 'config/bad-severity.yaml'],
      /^rampart: config\/bad-severity\.yaml:3:5: rules\.http-basic-auth\.severity: must be one of critical, high, medium, low, info \(got "severe"\)$/,
    ],
    [
      'a config naming an unknown rule',
      ['audit', 'api/clean.yaml', '--config', 'config/unknown-rule.yaml'],
      /^rampart: config\/unknown-rule\.yaml:3:3: rules\.http-basic-auht: unknown rule \(did you mean "http-basic-auth"\?\)/,
    ],
    [
      'a config with an unknown key',
      ['audit', 'api/clean.yaml', '--config', 'config/bad-key.json'],
      /^rampart: config\/bad-key\.json:3:3: baseLine: unknown key \(did you mean "baseline"\?\)/,
    ],
    [
      'a missing config',
      ['audit', 'api/clean.yaml', '--config', 'config/nope.yaml'],
      /^rampart: config\/nope\.yaml: cannot read config \(no such file\)$/,
    ],
    [
      'a missing baseline',
      ['audit', 'api/clean.yaml', '--baseline', 'nope.json'],
      /^rampart: nope\.json: cannot read baseline \(no such file\); create it with `rampart baseline create/,
    ],
    [
      'a baseline that is not JSON',
      ['audit', 'api/clean.yaml', '--baseline', 'api/clean.yaml'],
      /^rampart: api\/clean\.yaml: baseline is not valid JSON/,
    ],
    [
      'an unknown flag of inventory',
      ['inventory', '--har', 'x.har', '--bogus'],
      /^rampart: unknown option '--bogus' \(see `rampart inventory --help`\)$/,
    ],
    ['an unknown command', ['frobnicate'], /^rampart: unknown command 'frobnicate' \(see `rampart --help`\)$/],
  ];
  it.each(cases)('%s', async (_name, argv, message) => {
    const r = await rampart(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unwritable --output is exit 2', async () => {
    const dir = tempDir('api');
    const r = await rampart(['audit', 'api/clean.yaml', ...ONE, '--format', 'json', '--output', 'api'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['rampart: api: cannot write the report (is a directory)']);
  });
});

describe('rampart: internal errors', () => {
  const boom = async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'paths')");
  };

  it('are one line, exit 3, ask for a report and hide the stack', async () => {
    const r = await rampart(['audit', 'api/clean.yaml', '--format', 'json'], { audit: boom });
    expect(r.code).toBe(3);
    expect(lines(r.stderr)).toEqual([
      "rampart: internal error: TypeError: Cannot read properties of undefined (reading 'paths'). This is a bug in Rampart: please report it with the command you ran (RAMPART_DEBUG=1 prints the stack trace).",
    ]);
  });

  it('show the stack with RAMPART_DEBUG=1', async () => {
    const r = await rampart(['audit', 'api/clean.yaml', '--format', 'json'], { audit: boom, env: { RAMPART_DEBUG: '1' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/please report it/);
    expect(r.stderr).toMatch(/\n\s+at .*boom/);
  });
});

describe('rampart audit: terminal behaviour', () => {
  it('shows a progress line on a terminal and erases it at the end', async () => {
    const r = await rampart(['audit', 'api/clean.yaml', ...ONE, '--format', 'json'], { stderrIsTTY: true });
    expect(r.stderr.startsWith('\r\x1b[2Krampart: auditing 1/1 api/clean.yaml\r\x1b[2K')).toBe(true);
  });

  it('shows no progress off a terminal, in CI or with --quiet', async () => {
    for (const io of [{ stderrIsTTY: false }, { stderrIsTTY: true, env: { CI: 'true' } }]) {
      const r = await rampart(['audit', 'api/clean.yaml', ...ONE, '--format', 'json'], io);
      expect(r.stderr).not.toContain('auditing');
    }
    const q = await rampart(['audit', 'api/clean.yaml', ...ONE, '--format', 'json', '--quiet'], { stderrIsTTY: true });
    expect(q.stderr).toBe('');
  });

  it('colours only on a terminal, without NO_COLOR and without --no-color', async () => {
    const argv = ['audit', 'api/basic-auth.yaml', ...ONE, '--format', 'console'];
    const esc = '\x1b[';
    expect((await rampart(argv, { stdoutIsTTY: true })).stdout).toContain(esc);
    expect((await rampart(argv, { stdoutIsTTY: false })).stdout).not.toContain(esc);
    expect((await rampart(argv, { stdoutIsTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(esc);
    expect((await rampart([...argv, '--no-color'], { stdoutIsTTY: true })).stdout).not.toContain(esc);
    // A report written to a file never has colours.
    const dir = tempDir('api');
    await rampart([...argv, '--output', 'r.txt'], { stdoutIsTTY: true, cwd: dir });
    expect(readFileSync(join(dir, 'r.txt'), 'utf8')).not.toContain(esc);
  });
});

describe('rampart help', () => {
  it('--help teaches: description, examples, baseline flow, exit codes, every registered format', async () => {
    const r = await rampart(['--help']);
    expect(r.code).toBe(0);
    for (const text of [
      'Rampart finds API security flaws at the earliest stage',
      '`rampart scan` runs every stage that applies to a',
      '$ rampart audit openapi.yaml',
      '$ rampart audit . --format sarif --output rampart.sarif',
      '$ rampart baseline create specs/ --baseline .rampart/baseline.json',
      '$ rampart audit specs/ --baseline .rampart/baseline.json',
      '$ rampart inventory --har traffic.har --openapi openapi.yaml',
      'Exit codes:',
      '0  no finding at or above --fail-on',
      '1  at least one finding at or above --fail-on',
      '2  usage, config or input error',
      '3  internal error',
    ]) {
      expect(r.stdout).toContain(text);
    }
    expect(r.stdout).toContain(`Formats (--format): ${Object.keys(REPORTERS).join(', ')}`);
  });

  it.each([
    [
      ['audit', '--help'],
      ['$ rampart audit . --format sarif --output rampart.sarif', '--fail-on <severity>', '--max-file-size <MB>', 'Exit codes:'],
    ],
    [
      ['help', 'audit'],
      ['$ rampart audit openapi.yaml', '--baseline <file>'],
    ],
    [
      ['baseline', '--help'],
      ['rampart baseline create specs/', 'rampart baseline update specs/', 'create [options] <inputs...>'],
    ],
    [
      ['baseline', 'create', '--help'],
      ['--force', 'overwrite the baseline file if it exists'],
    ],
    [['baseline', 'update', '--help'], ['fixed findings drop out']],
    [
      ['rules', '--help'],
      ['$ rampart rules http-basic-auth', '--format <format>'],
    ],
  ])('%j', async (argv, texts) => {
    const r = await rampart(argv);
    expect(r.code).toBe(0);
    for (const t of texts) expect(r.stdout).toContain(t);
  });

  it('audit --help lists the formats registered at run time', async () => {
    const r = await rampart(['audit', '--help']);
    expect(r.stdout).toContain(`Formats: ${Object.keys(REPORTERS).join(', ')}`);
  });

  it('no command: help on stderr, exit 2', async () => {
    const r = await rampart([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: rampart');
  });

  it('--version prints the package version', async () => {
    const r = await rampart(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(FIXTURES, '../../../package.json'), 'utf8')).version);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, closest, loadConfig, ruleConfig } from '../../src/core/config.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

function error(name: string, options?: Parameters<typeof loadConfig>[2]): ConfigError {
  try {
    loadConfig(name, dir, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const KNOWN = new Map<string, Record<string, unknown> | undefined>([
  ['http-basic-auth', undefined],
  ['missing-rate-limit', { examples: 3 }],
  ['string-limits', { allow: ['id'], strict: false }],
]);

describe('loadConfig', () => {
  it('returns an empty config when there is no file', () => {
    expect(loadConfig(undefined, dir)).toEqual({ config: {} });
  });

  it('finds rampart.config.yaml, then .yml, then .json in the directory', () => {
    write('rampart.config.json', '{"failOn": "low"}');
    expect(loadConfig(undefined, dir).config).toEqual({ failOn: 'low' });
    write('rampart.config.yml', 'failOn: medium\n');
    expect(loadConfig(undefined, dir).config).toEqual({ failOn: 'medium' });
    write('rampart.config.yaml', 'failOn: critical\n');
    const r = loadConfig(undefined, dir);
    expect(r.config).toEqual({ failOn: 'critical' });
    expect(r.file).toBe(join(dir, 'rampart.config.yaml'));
  });

  it('reads every setting', () => {
    write(
      'full.yaml',
      [
        '$schema: ./schema.json',
        'failOn: none',
        'baseline: .rampart/baseline.json',
        "exclude: ['**/vendor/**']",
        'rules:',
        '  http-basic-auth: off',
        '  missing-rate-limit: { severity: high, options: { examples: 5 } }',
        '  string-limits: low',
      ].join('\n'),
    );
    const { config } = loadConfig('full.yaml', dir, { rules: KNOWN });
    expect(config).toEqual({
      $schema: './schema.json',
      failOn: 'none',
      baseline: '.rampart/baseline.json',
      exclude: ['**/vendor/**'],
      rules: { 'http-basic-auth': 'off', 'missing-rate-limit': { severity: 'high', options: { examples: 5 } }, 'string-limits': 'low' },
    });
    expect(ruleConfig(config, 'http-basic-auth')).toEqual({ enabled: false });
    expect(ruleConfig(config, 'string-limits')).toEqual({ enabled: true, severity: 'low' });
    expect(ruleConfig(config, 'missing-rate-limit')).toEqual({ enabled: true, severity: 'high', options: { examples: 5 } });
    expect(ruleConfig(config, 'unconfigured')).toEqual({ enabled: true });
  });

  it('an empty file is an empty config', () => {
    write('empty.yaml', '# nothing yet\n');
    expect(loadConfig('empty.yaml', dir).config).toEqual({});
  });

  it.each([
    [
      'top.yaml',
      'failOn: high\nrulez: {}\n',
      'top.yaml:2:1: rulez: unknown key (did you mean "rules"?); allowed keys: $schema, failOn, baseline, exclude, rules, secrets, probe, definitions, target, targets, traffic, logs, scan',
      'rulez',
    ],
    ['fail.yaml', 'failOn: hgh\n', 'fail.yaml:1:1: failOn: must be one of critical, high, medium, low, info, none (got "hgh")', 'failOn'],
    [
      'rule.yaml',
      'rules:\n  foo: bogus\n',
      'rule.yaml:2:3: rules.foo: must be "off", a severity (critical, high, medium, low, info) or a mapping { enabled, severity, options } (got "bogus")',
      'rules.foo',
    ],
    [
      'sev.yaml',
      'rules:\n  foo:\n    severity: x\n',
      'sev.yaml:3:5: rules.foo.severity: must be one of critical, high, medium, low, info (got "x")',
      'rules.foo.severity',
    ],
    [
      'enabled.yaml',
      'rules:\n  foo: { enabled: yes }\n',
      'enabled.yaml:2:10: rules.foo.enabled: must be a boolean (got "yes")',
      'rules.foo.enabled',
    ],
    [
      'extra.yaml',
      'rules:\n  foo: { severity: low, level: 2 }\n',
      'extra.yaml:2:25: rules.foo.level: unknown key; allowed keys: enabled, severity, options',
      'rules.foo.level',
    ],
    ['list.yaml', 'rules: [1]\n', 'list.yaml:1:1: rules: must be a mapping (got a list)', 'rules'],
    ['exclude.yaml', 'exclude: vendor\n', 'exclude.yaml:1:1: exclude: must be a list (got "vendor")', 'exclude'],
    ['root.yaml', '- 1\n', 'root.yaml:1:1: must be a mapping (got a list)', undefined],
    [
      'c.json',
      '{\n  "rules": {"x": 3}\n}',
      'c.json:2:13: rules.x: must be "off", a severity (critical, high, medium, low, info) or a mapping { enabled, severity, options } (got number 3)',
      'rules.x',
    ],
  ])('%s: the error names the file, position and key', (name, text, message, key) => {
    write(name, text);
    const e = error(name);
    expect(e.message).toBe(message);
    expect(e.key).toBe(key);
    expect(e.file).toBe(name);
  });

  it('syntax errors name the position', () => {
    write('bad.yaml', 'rules:\n  a: [\n');
    expect(error('bad.yaml').message).toMatch(/^bad\.yaml:3:1: config is not valid: invalid YAML: /);
    write('bad.json', '{"failOn": "high",}');
    expect(error('bad.json').message).toBe('bad.json:1:19: config is not valid: invalid JSON: PropertyNameExpected');
  });

  it('an unreadable file is an error naming it', () => {
    expect(error('nope.yaml').message).toBe('nope.yaml: cannot read config (no such file)');
    mkdirSync(join(dir, 'adir.yaml'));
    expect(error('adir.yaml').message).toBe('adir.yaml: cannot read config (is a directory)');
  });

  it('names files outside the working directory by their absolute path', () => {
    const other = mkdtempSync(join(tmpdir(), 'rampart-config-cwd-'));
    try {
      write('x.yaml', 'failOn: 3\n');
      expect(() => loadConfig(join(dir, 'x.yaml'), other)).toThrow(`${join(dir, 'x.yaml')}:1:1: failOn: must be one of`);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  describe('with the known rules', () => {
    it('rejects an unknown rule id with a suggestion', () => {
      write('r.yaml', 'rules:\n  http-basic-auht: off\n');
      expect(loadConfig('r.yaml', dir).config.rules).toEqual({ 'http-basic-auht': 'off' });
      const e = error('r.yaml', { rules: KNOWN });
      expect(e.message).toBe(
        'r.yaml:2:3: rules.http-basic-auht: unknown rule (did you mean "http-basic-auth"?); `rampart rules` lists them all',
      );
      expect(e.key).toBe('rules.http-basic-auht');
    });

    it('rejects unknown options and options of the wrong type', () => {
      write('o1.yaml', 'rules:\n  missing-rate-limit:\n    options:\n      exampels: 4\n');
      expect(error('o1.yaml', { rules: KNOWN }).message).toBe(
        'o1.yaml:4:7: rules.missing-rate-limit.options.exampels: unknown option (did you mean "examples"?); missing-rate-limit has: examples',
      );
      write('o2.yaml', 'rules:\n  missing-rate-limit: { options: { examples: many } }\n');
      expect(error('o2.yaml', { rules: KNOWN }).message).toBe(
        'o2.yaml:2:36: rules.missing-rate-limit.options.examples: must be a number like the default 3 (got "many")',
      );
      write('o3.yaml', 'rules:\n  string-limits: { options: { allow: id } }\n');
      expect(error('o3.yaml', { rules: KNOWN }).message).toMatch(
        /rules\.string-limits\.options\.allow: must be a list like the default \["id"\]/,
      );
      write('o4.yaml', 'rules:\n  http-basic-auth: { options: { x: 1 } }\n');
      expect(error('o4.yaml', { rules: KNOWN }).message).toBe(
        'o4.yaml:2:33: rules.http-basic-auth.options.x: unknown option; http-basic-auth has no options',
      );
    });

    it('accepts valid options', () => {
      write('ok.yaml', 'rules:\n  string-limits: { options: { allow: [id, name], strict: true } }\n');
      expect(loadConfig('ok.yaml', dir, { rules: KNOWN }).config.rules?.['string-limits']).toEqual({
        options: { allow: ['id', 'name'], strict: true },
      });
    });
  });
});

describe('closest', () => {
  it('suggests only close words', () => {
    expect(closest('rulez', ['rules', 'failOn'])).toBe('rules');
    expect(closest('failon', ['rules', 'failOn'])).toBe('failOn');
    expect(closest('banana', ['rules', 'failOn'])).toBeUndefined();
  });
});

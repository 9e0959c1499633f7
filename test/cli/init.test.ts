/** `rampart init`: a commented config from what the project holds, that `rampart scan` then reads. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/index.ts';
import { project, write } from '../scan/helpers.ts';
import { rampart, tempDir } from './helpers.ts';

describe('rampart init', () => {
  it('writes a valid, commented config naming what it found, and prints what it wrote', async () => {
    const dir = project();
    write(
      dir,
      'postman/shop.postman_collection.json',
      JSON.stringify({ info: { name: 'Shop', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] }),
    );
    write(dir, 'captures/session.har', JSON.stringify({ log: { version: '1.2', entries: [] } }));
    write(dir, 'logs/app.log', 'started\n');
    const r = await rampart(['init'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'Wrote rampart.config.yaml: found 1 API definition, 1 Postman file, 1 HAR capture, 1 log file, a git repository.',
      '  definition  api/openapi.yaml',
      '  postman     postman/shop.postman_collection.json',
      '  traffic     captures/session.har',
      '  logs        logs/app.log',
      'Next: set target: (the running API) and probe.identities in it, then run `rampart scan`.',
      '',
    ]);
    const text = readFileSync(join(dir, 'rampart.config.yaml'), 'utf8');
    expect(text).toMatch(/^# Rampart configuration, written by `rampart init`/);
    expect(text).toContain('#   postman/shop.postman_collection.json');
    expect(text).toContain('#   url: http://127.0.0.1:8080\n#   openapi: api/openapi.yaml');
    const { config } = loadConfig('rampart.config.yaml', dir);
    expect(config).toEqual({
      failOn: 'high',
      definitions: ['api/openapi.yaml'],
      traffic: ['captures/session.har'],
      logs: ['logs/app.log'],
      scan: { gitHistory: true, record: true },
    });
  });

  it('every commented example is a valid config once uncommented', async () => {
    const dir = tempDir();
    expect((await rampart(['init'], { cwd: dir })).code).toBe(0);
    const text = readFileSync(join(dir, 'rampart.config.yaml'), 'utf8');
    // Example lines are `# key:` or `#   nested`; prose comments stay comments.
    write(dir, 'uncommented.yaml', text.replace(/^# (?=[a-z$]+:|\s{2,}\S)/gm, ''));
    const { config } = loadConfig('uncommented.yaml', dir, { env: { ALICE_TOKEN: 'a', BOB_TOKEN: 'b', ADMIN_TOKEN: 'c' } });
    expect(Object.keys(config).sort()).toEqual(
      ['baseline', 'definitions', 'exclude', 'failOn', 'logs', 'probe', 'rules', 'scan', 'secrets', 'target', 'targets', 'traffic'].sort(),
    );
    expect(config.probe?.identities?.map((i) => i.bearer)).toEqual(['a', 'b', 'c']);
  });

  it('scan reads the written config', async () => {
    const dir = project();
    write(dir, 'logs/app.log', 'started\n');
    expect((await rampart(['init'], { cwd: dir })).code).toBe(0);
    const r = await rampart(['scan', '--no-record', '-o', 'out.json'], { cwd: dir });
    expect(r.stderr).toMatch(/ · logs 0 \(1 log file, /);
  });

  it('refuses to overwrite an existing config without --force', async () => {
    const dir = tempDir();
    write(dir, 'rampart.config.yaml', 'failOn: low\n');
    const r = await rampart(['init'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rampart: rampart.config.yaml exists already; --force overwrites it\n');
    expect(readFileSync(join(dir, 'rampart.config.yaml'), 'utf8')).toBe('failOn: low\n');
    const forced = await rampart(['init', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(
      /^Wrote rampart.config.yaml: found 0 API definitions, 0 Postman files, 0 HAR captures, 0 log files, (?:a|no) git repository\.\n/,
    );
    expect(loadConfig('rampart.config.yaml', dir).config.failOn).toBe('high');
  });

  it('writes into DIR, and a missing DIR is a usage error', async () => {
    const dir = tempDir();
    write(dir, 'svc/api.yaml', 'openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths: {}\n');
    const r = await rampart(['init', 'svc'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'svc/rampart.config.yaml'))).toBe(true);
    expect(r.stdout).toContain('  definition  svc/api.yaml\n');
    expect(loadConfig(undefined, join(dir, 'svc')).config.definitions).toEqual(['api.yaml']);
    const missing = await rampart(['init', 'nope'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('rampart: nope: no such directory\n');
  });
});

import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designCheckIds, loadDesignCheck, loadDesignChecks } from '../../src/checks/design/registry.ts';
import { runtimeCheckIds } from '../../src/checks/runtime/registry.ts';
import { protocolChecks } from '../../src/engines/protocols/index.ts';
import { LOG_CHECKS } from '../../src/engines/runtime/logs/checks.ts';
import { lines, REPO, rampart } from './helpers.ts';

describe('rampart rules', () => {
  it('lists every registered check with id, severity, OWASP and title', async () => {
    const r = await rampart(['rules', '--stage', 'design']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^ID\s+SEVERITY\s+OWASP\s+TITLE$/);
    // OpenAPI checks, then the design checks of the other definition languages (GraphQL, AsyncAPI, ...).
    const checks = [...(await loadDesignChecks(designCheckIds())), ...(await protocolChecks('design'))];
    for (const c of checks) {
      const row = out.find((l) => l.startsWith(`${c.id} `));
      expect(row, c.id).toBeDefined();
      expect(row).toMatch(
        new RegExp(`^${c.id}\\s+${c.severity}\\s+${c.owasp.join(',')}\\s+${c.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
      );
    }
    // Definition languages beyond OpenAPI (GraphQL...) add their design checks to the list.
    const total = checks.length + (await protocolChecks('design')).length;
    expect(out.at(-1)).toMatch(new RegExp(`^${total} checks?\\. \`rampart rules <id>\``));
  });

  it('--format json gives every check as data', async () => {
    const r = await rampart(['rules', '--format', 'json', '--stage', 'design']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; severity: string; owasp: string[]; title: string }[];
    expect(list.map((c) => c.id)).toEqual([...designCheckIds(), ...(await protocolChecks('design')).map((c) => c.id)]);
    const basic = list.find((c) => c.id === 'http-basic-auth');
    expect(basic).toEqual({
      id: 'http-basic-auth',
      stage: 'design',
      title: 'HTTP Basic authentication',
      severity: 'medium',
      confidence: 'high',
      owasp: ['API2:2023'],
      cwe: ['CWE-522'],
    });
  });

  it('<id> shows the full docs: description, attack, fix, options, fixture paths', async () => {
    const check = await loadDesignCheck('http-basic-auth');
    const r = await rampart(['rules', 'http-basic-auth'], { cwd: REPO, columns: 1000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('http-basic-auth: HTTP Basic authentication');
    expect(r.stdout).toContain('OWASP       API2:2023 Broken Authentication');
    const flat = r.stdout.replace(/\s+/g, ' ');
    for (const text of [check.docs.description, check.docs.attack, check.docs.fix]) expect(flat).toContain(text);
    expect(r.stdout).toMatch(/Options\n {2}none/);
    expect(r.stdout).toContain('unsafe (flagged):     src/checks/design/http-basic-auth/fixtures/unsafe.yaml');
    expect(r.stdout).toContain('safe (not flagged):   src/checks/design/http-basic-auth/fixtures/safe.yaml');
  });

  it('<id> wraps the prose to the terminal', async () => {
    const r = await rampart(['rules', 'http-basic-auth'], { columns: 60 });
    for (const l of r.stdout.split('\n').filter((x) => !x.includes('/fixtures/') && !x.includes('x-rampart-ignore'))) {
      expect(l.length, l).toBeLessThanOrEqual(70);
    }
  });

  it('<id> --format json includes options with defaults and the fixture paths', async () => {
    const id = 'missing-rate-limit';
    const r = await rampart(['rules', id, '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const check = await loadDesignCheck(id);
    expect(Object.keys(check.defaultOptions ?? {}).length).toBeGreaterThan(0);
    expect(doc).toMatchObject({ id, title: check.title, docs: check.docs, options: check.defaultOptions });
    expect(doc.fixtures.unsafe.length).toBeGreaterThan(0);
    expect(doc.fixtures.safe.length).toBeGreaterThan(0);
    for (const f of [...doc.fixtures.unsafe, ...doc.fixtures.safe]) {
      expect(isAbsolute(f)).toBe(true);
      expect(existsSync(f)).toBe(true);
      expect(f.startsWith(join(REPO, 'src/checks/design', id, 'fixtures'))).toBe(true);
    }
  });

  it('shows options and how to set them for a check that has some', async () => {
    const c = await loadDesignCheck('missing-rate-limit');
    expect(Object.keys(c.defaultOptions ?? {}).length).toBeGreaterThan(0);
    const r = await rampart(['rules', c.id], { columns: 1000 });
    for (const [name, v] of Object.entries(c.defaultOptions ?? {}))
      expect(r.stdout).toContain(`  ${name}: ${JSON.stringify(v)}  (default)`);
    expect(r.stdout).toContain(`    ${c.id}: { options: {`);
  });

  it('--stage runtime lists the run-time checks of `rampart inventory` and `rampart logs`, and the full list has them too', async () => {
    const r = await rampart(['rules', '--stage', 'runtime', '--format', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; stage: string; owasp: string[] }[];
    expect(list.map((c) => c.id)).toEqual([...runtimeCheckIds(), ...LOG_CHECKS.map((c) => c.id)]);
    for (const c of list) expect(c.stage).toBe('runtime');
    const all = await rampart(['rules', '--no-color']);
    expect(all.stdout).toContain('Run-time checks (rampart inventory, rampart logs)');
    expect(all.stdout).toMatch(/^logs-brute-force\s+high\s+API2:2023\s+Brute force/m);
    const one = await rampart(['rules', 'logs-card-number', '--no-color']);
    expect(one.stdout).toMatch(/stage {7}runtime \(rampart logs\)/);
    expect(all.stdout).toMatch(/^shadow-endpoint\s+medium\s+API9:2023\s+Shadow endpoint/m);
    expect(all.stdout).toMatch(/\d+ run-time/);
  });

  it('<id> documents a run-time check: its stage, options and captures of traffic as examples', async () => {
    const r = await rampart(['rules', 'shadow-endpoint'], { cwd: REPO, columns: 1000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stage       runtime (rampart inventory)');
    expect(r.stdout).toContain('  minAnswered: 1  (default)');
    expect(r.stdout).toContain('unsafe (flagged):     src/checks/runtime/shadow-endpoint/fixtures/unsafe.log');
    expect(r.stdout).toContain('safe (not flagged):   src/checks/runtime/shadow-endpoint/fixtures/safe.log');
    const json = JSON.parse((await rampart(['rules', 'zombie-endpoint', '--format', 'json'])).stdout);
    expect(json).toMatchObject({ id: 'zombie-endpoint', stage: 'runtime' });
    expect(json.fixtures.unsafe.length).toBeGreaterThan(0);
    expect(json.run).toBeUndefined();
  });

  it('an unknown id is exit 2 with a suggestion', async () => {
    const r = await rampart(['rules', 'http-basic-auht']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      'rampart: rules http-basic-auht: unknown check (did you mean "http-basic-auth"?); `rampart rules` lists them all',
    ]);
  });

  it('an unknown --format is exit 2', async () => {
    const r = await rampart(['rules', '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^rampart: option '-f, --format <format>' argument 'yaml' is invalid\. Allowed choices are text, json\./);
  });
});

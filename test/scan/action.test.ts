/**
 * The GitHub Action (action.yml): its inputs and the flags its script passes are real, and its scan
 * step, run by bash as the runner would (with `npx rampart@...` pointed at this checkout), writes the
 * SARIF and Markdown reports, the job summary and the exit code the policy gives.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { withDefaults } from '../../src/cli/io.ts';
import { buildProgram } from '../../src/cli/program.ts';
import { tempDir } from '../cli/helpers.ts';
import { project } from './helpers.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const text = readFileSync(join(REPO, 'action.yml'), 'utf8');
const scanStep = action.runs.steps.find((s) => s.id === 'scan') as Step;

async function scanOptions(): Promise<string[]> {
  const program = await buildProgram(withDefaults({}), { code: 0 });
  const scan = program.commands.find((c) => c.name() === 'scan');
  return (scan?.options ?? []).map((o) => o.long ?? '');
}

describe('action.yml', () => {
  it('is a composite action: setup-node, rampart scan, SARIF upload, PR comment, fail by the policy', () => {
    expect(action.runs.using).toBe('composite');
    const uses = action.runs.steps.map((s) => s.uses?.replace(/@.*/, '') ?? (s.id === 'scan' ? 'scan' : 'run'));
    expect(uses).toEqual(['actions/setup-node', 'scan', 'github/codeql-action/upload-sarif', 'actions/github-script', 'run']);
    expect(scanStep.run).toMatch(/npx --yes "rampart@\$INPUT_VERSION" "\$\{args\[@\]\}"/);
    expect(action.runs.steps.at(-1)?.run).toMatch(/exit "\$CODE"/);
  });

  it('every input is documented and used, and every input used exists', () => {
    const used = new Set([...text.matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toMatch(/\w{3,}.*\./);
  });

  it('passes only flags `rampart scan` has', async () => {
    const flags = new Set([...(scanStep.run ?? '').matchAll(/(?<![\w-])(--[a-z][a-z-]+)/g)].map((m) => m[1]));
    flags.delete('--yes'); // npx's own
    expect(flags.size).toBeGreaterThan(5);
    const known = await scanOptions();
    expect([...flags].filter((f) => !known.includes(f))).toEqual([]);
  });

  it('its scan step writes the reports, the job summary and the exit code', () => {
    const dir = project();
    const bin = tempDir();
    // `npx --yes rampart@latest ARGS` runs this checkout instead of the registry's package.
    writeFileSync(join(bin, 'npx'), `#!/bin/sh\nshift 2\nexec "${process.execPath}" "${join(REPO, 'bin/rampart.js')}" "$@"\n`);
    chmodSync(join(bin, 'npx'), 0o755);
    const out = join(bin, 'output');
    const summary = join(bin, 'summary');
    const env: Record<string, string> = {
      PATH: `${bin}:${process.env.PATH}`,
      GITHUB_OUTPUT: out,
      GITHUB_STEP_SUMMARY: summary,
      REPORTS: join(bin, 'reports'),
      INPUT_VERSION: 'latest',
    };
    for (const [k, v] of Object.entries(scanStep.env ?? {})) {
      const input = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(v)?.[1];
      if (input) env[k] = input === 'fail-on' ? 'critical' : (action.inputs[input].default ?? '');
    }
    const r = spawnSync('bash', ['-e', '-c', scanStep.run ?? ''], { cwd: dir, env: { ...env, HOME: dir }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const outputs = readFileSync(out, 'utf8');
    // The fake token is critical: the policy says 1, and the step itself still succeeds so later steps run.
    expect(outputs).toMatch(/^exit-code=1$/m);
    expect(existsSync(join(bin, 'reports/rampart.sarif'))).toBe(true);
    expect(JSON.parse(readFileSync(join(bin, 'reports/rampart.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(summary, 'utf8')).toMatch(/^### Rampart scan: 8 findings/);
    expect(r.stderr).toMatch(/reports written to .*rampart\.sarif, .*rampart\.md \(exit 1: at or above --fail-on critical\)/);
  });
});

describe('docs/ci.md', () => {
  const doc = readFileSync(join(REPO, 'docs/ci.md'), 'utf8');
  const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]));

  it('its example workflow uses the action with inputs it has', () => {
    const workflow = blocks.find((b) => b?.jobs) as { jobs: Record<string, { steps: Step[] }> };
    expect(workflow).toBeDefined();
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const ours = steps.filter((s) => /rampart/.test(s.uses ?? ''));
    expect(ours.length).toBeGreaterThan(0);
    for (const s of ours) for (const k of Object.keys(s.with ?? {})) expect(Object.keys(action.inputs), k).toContain(k);
  });

  it('the flags it shows for rampart scan exist', async () => {
    const known = await scanOptions();
    const shown = [...doc.matchAll(/rampart scan[^\n`]*/g)].flatMap((m) =>
      [...m[0].matchAll(/(?<![\w-])(--[a-z][a-z-]+)/g)].map((f) => f[1]),
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((f) => !known.includes(f))).toEqual([]);
  });
});

// rampart logs through the CLI: every reporter, exit codes, no full value in any report.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { loadSecretRules } from '../../../src/checks/secrets/registry.ts';
import { main } from '../../../src/cli/main.ts';
import { DetectWorker } from '../../../src/engines/runtime/logs/detect-thread.ts';

it('every reporter writes the findings; none shows a full value', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-logs-cli-'));
  try {
    writeFileSync(join(dir, 'app.log'), 'boot\npaid with 4111111111111111\nGET /login?password=hunter2hunter\n');
    for (const format of ['console', 'json', 'sarif', 'junit', 'markdown']) {
      let stderr = '';
      const code = await main(['logs', 'app.log', '-f', format, '-o', `out.${format}`, '--no-color'], {
        cwd: dir,
        stdout: () => {},
        stderr: (t) => {
          stderr += t;
        },
      });
      const report = readFileSync(join(dir, `out.${format}`), 'utf8');
      expect(code, `${format}: ${stderr}`).toBe(1);
      expect(report, format).toMatch(/logs-card-number/);
      expect(report, format).not.toContain('4111111111111111');
      expect(report, format).not.toContain('hunter2hunter');
    }
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    const card = json.findings.find((f: { ruleId: string }) => f.ruleId === 'logs-card-number');
    expect(card.location).toEqual({ kind: 'log', source: 'app.log', line: 2 });
    expect(card.owasp).toEqual(['API8:2023']);
    expect(card.cwe).toEqual(['CWE-532']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('--follow needs exactly one file', async () => {
  let stderr = '';
  const code = await main(['logs', '--follow', '-'], {
    stdout: () => {},
    stderr: (t) => {
      stderr += t;
    },
  });
  expect(code).toBe(2);
  expect(stderr).toContain('--follow');
});

it('rules: --help names the logs checks, --stage runtime lists them', async () => {
  let help = '';
  const collect = (t: string) => {
    help += t;
  };
  await main(['rules', '--help'], { stdout: collect, stderr: collect, columns: 200 });
  expect(help).toContain('`rampart logs` (sensitive data written to logs, attack signals)');
  expect(help).toContain('rampart rules logs-brute-force');
  let list = '';
  const code = await main(['rules', '--stage', 'runtime'], {
    stdout: (t) => {
      list += t;
    },
  });
  expect(code).toBe(0);
  for (const id of ['logs-national-id', 'logs-sql-injection', 'logs-brute-force', 'shadow-endpoint']) expect(list).toContain(id);
});

it('--redact waits for standard output to take the lines (a pipe to a slower reader held them all in memory)', async () => {
  const lines = Array.from({ length: 40_000 }, (_, i) =>
    i === 7
      ? 'paid with 4111111111111111'
      : `10.0.0.${i % 250} - - [15/Jan/2024:10:00:00 +0000] "GET /api/items/${i} HTTP/1.1" 200 1 "-" "x"`,
  );
  async function* stdin(): AsyncGenerator<string> {
    const text = `${lines.join('\n')}\n`;
    for (let i = 0; i < text.length; i += 65_536) yield text.slice(i, i + 65_536);
  }
  let out = '';
  let writes = 0;
  let drained = 0;
  let maxAhead = 0;
  const code = await main(['logs', '--redact', '-', '-f', 'json'], {
    readStdin: async () => stdin(),
    stdout: (t) => {
      out += t;
      writes++;
      maxAhead = Math.max(maxAhead, writes - drained);
    },
    stderr: () => {},
    stdoutDrained: () =>
      new Promise((done) =>
        setTimeout(() => {
          drained++;
          done();
        }, 1),
      ),
  });
  expect(code).toBe(1);
  const got = out.split('\n');
  expect(got).toHaveLength(lines.length + 1);
  expect(got[7]).toBe('paid with [REDACTED:card]');
  expect(got[39_999]).toBe(lines[39_999]);
  // Each write waited for the one before to be taken.
  expect(drained).toBeGreaterThan(20);
  expect(maxAhead).toBeLessThanOrEqual(2);
}, 60_000);

it('a large file: the detecting thread started early is closed when the run fails before the scan', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-logs-cli-'));
  const enabled = vi.spyOn(DetectWorker.prototype, 'enable');
  const closed = vi.spyOn(DetectWorker.prototype, 'close');
  try {
    // 16 MB and more: the CLI starts the thread before it reads the config (here: a broken one).
    writeFileSync(join(dir, 'big.log'), 'GET / HTTP/1.1\n'.repeat(1_200_000));
    writeFileSync(join(dir, 'rampart.yml'), 'rules: [not, a, map\n');
    let stderr = '';
    const code = await main(['logs', 'big.log', '--config', 'rampart.yml', '-q'], {
      cwd: dir,
      stdout: () => {},
      stderr: (t) => {
        stderr += t;
      },
    });
    expect(code, stderr).toBe(2);
    expect(stderr).toContain('rampart.yml');
    // Started (its close is the one call), never told which rules are on: the config failed first.
    expect(enabled).not.toHaveBeenCalled();
    expect(closed).toHaveBeenCalledTimes(1);
  } finally {
    enabled.mockRestore();
    closed.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

it('a large file: the secret rules the config turns off are off on the detecting thread too; none named: it is told nothing (all on)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-logs-cli-'));
  const enabled = vi.spyOn(DetectWorker.prototype, 'enable');
  try {
    const rules = await loadSecretRules();
    const aws = rules.find((r) => r.id === 'aws-access-key-id')?.samples.tp[0].text ?? '';
    writeFileSync(join(dir, 'big.log'), `${aws}\n${'GET / HTTP/1.1\n'.repeat(1_200_000)}${aws}\n`);
    const run = async (args: string[]) => {
      let out = '';
      await main(['logs', 'big.log', '-f', 'json', '-q', ...args], { cwd: dir, stdout: (t) => (out += t), stderr: () => {} });
      return { ids: (JSON.parse(out).findings as { ruleId: string }[]).map((f) => f.ruleId) };
    };
    // No config: this thread does not load the rules (nothing to tell), the other has them all on.
    const all = await run([]);
    expect(all.ids).toContain('logs-secret');
    expect(enabled).not.toHaveBeenCalled();
    // The config turns the AWS rule off: this thread loads the rules and tells the other one.
    writeFileSync(join(dir, 'rampart.yml'), 'rules:\n  aws-access-key-id: off\n');
    const off = await run(['--config', 'rampart.yml']);
    expect(enabled).toHaveBeenCalledTimes(1);
    const mask = enabled.mock.calls[0][0];
    expect(mask[rules.findIndex((r) => r.id === 'aws-access-key-id')]).toBe(0);
    expect(mask.filter((x) => x === 0)).toHaveLength(1);
    expect(off.ids).not.toContain('logs-secret');
  } finally {
    enabled.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

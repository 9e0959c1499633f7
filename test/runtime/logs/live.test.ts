// The live console view of `rampart logs`: the pure rendering, and that it appears only on a terminal
// (never off a TTY, in CI or with --quiet, where stderr stays exactly as before).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { renderLive } from '../../../src/engines/runtime/logs/live.ts';

describe('renderLive', () => {
  it('lines, rate and findings by kind, most frequent first', () => {
    const byCheck = new Map([
      ['logs-email', 2],
      ['logs-sql-injection', 12],
      ['logs-card-number', 2],
    ]);
    expect(renderLive({ lines: 1_204_000, requests: 0, elapsedMs: 4000, byCheck }, 200)).toBe(
      'rampart logs: 1,204,000 lines, 301,000 lines/s; sql-injection 12, card-number 2, email 2',
    );
  });

  it('says when nothing was found and does not divide by zero', () => {
    expect(renderLive({ lines: 0, requests: 0, elapsedMs: 0, byCheck: new Map() }, 200)).toBe(
      'rampart logs: 0 lines, 0 lines/s; nothing found yet',
    );
  });

  it('fits the terminal width', () => {
    const byCheck = new Map(Array.from({ length: 20 }, (_, i) => [`logs-kind-${i}`, i + 1] as [string, number]));
    const line = renderLive({ lines: 5, requests: 0, elapsedMs: 1000, byCheck }, 60);
    expect(line.length).toBeLessThanOrEqual(59);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('CLI: the live view only on a terminal', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rampart-logs-live-'));
    writeFileSync(join(dir, 'app.log'), 'boot\npaid with 4111111111111111\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function stderrOf(args: string[], tty: boolean, env: Record<string, string> = {}): Promise<string> {
    let stderr = '';
    await main(['logs', 'app.log', '--no-color', '-o', 'out.json', ...args], {
      cwd: dir,
      env,
      stderrIsTTY: tty,
      stdout: () => {},
      stderr: (t) => {
        stderr += t;
      },
    });
    return stderr;
  }

  it('draws and then erases the status line on a terminal', async () => {
    const err = await stderrOf([], true);
    expect(err).toContain('\r\x1b[2Krampart logs: 2 lines');
    expect(err).toContain('card-number 1');
    // Erased before the summary line, which starts a clean line.
    expect(err).toContain('\r\x1b[2Krampart: 1 finding');
  });

  it('stderr off a terminal, in CI and with --quiet holds no status line', async () => {
    const plain = await stderrOf([], false);
    expect(plain).toMatch(
      /^rampart: 1 finding \(1 high\); 2 lines \(1 with sensitive data, 0 requests\) in [\d.]+ s; report written to out\.json\n$/,
    );
    for (const err of [plain, await stderrOf([], true, { CI: 'true' }), await stderrOf(['--quiet'], true)]) {
      expect(err).not.toContain('\r');
      expect(err).not.toContain('\x1b[2K');
    }
  });
});

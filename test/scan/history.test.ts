/** Every full scan is recorded in the findings history: the summary says what is new and what was fixed. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/index.ts';
import { rampart } from '../cli/helpers.ts';
import { project } from './helpers.ts';

describe('rampart scan and the findings history', () => {
  it('records each scan: the first is all new, fixing a finding shows as fixed', async () => {
    const dir = project();
    const first = await rampart(['scan', '-o', 'out.json'], { cwd: dir });
    expect(first.stderr).toMatch(/^History: \+8 new, -0 fixed$/m);
    expect(existsSync(join(dir, '.rampart/history.db'))).toBe(true);
    rmSync(join(dir, 'src/settings.ts'));
    const second = await rampart(['scan', '-o', 'out.json'], { cwd: dir });
    expect(second.stderr).toMatch(/^History: \+0 new, -1 fixed$/m);
    // The reports carry it too (the HTML report shows the trend).
    const { history } = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as RunResult;
    expect({ ...history, trend: history?.trend.map((t) => t.total) }).toEqual({ new: 0, fixed: 1, open: 7, trend: [8, 7] });
  });

  it('--no-record and --changed-since (a partial scan) record nothing', async () => {
    const dir = project();
    for (const argv of [['--no-record'], ['--changed-since', 'HEAD']]) {
      const r = await rampart(['scan', ...argv, '-o', 'out.json'], { cwd: dir });
      expect(r.stderr).not.toMatch(/History:/);
    }
    expect(existsSync(join(dir, '.rampart'))).toBe(false);
  });
});

// --follow: a growing file is read as it grows, until the signal aborts (Ctrl-C in the CLI).

import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { scanLogs } from '../../../src/engines/runtime/logs/engine.ts';
import { followChunks } from '../../../src/engines/runtime/logs/follow.ts';

it('reads appended lines, keeps numbering, stops on abort', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-follow-'));
  try {
    const file = join(dir, 'app.log');
    writeFileSync(file, 'start\nmail to bob@example.com\n');
    const abort = new AbortController();
    const out: string[] = [];
    const done = scanLogs([{ source: 'app.log', chunks: followChunks(file, abort.signal, 20) }], {
      onRedactedLine: (l) => out.push(l),
    });
    await new Promise((r) => setTimeout(r, 100));
    appendFileSync(file, 'card 4111111111111111\n');
    await new Promise((r) => setTimeout(r, 100));
    appendFileSync(file, 'end\n');
    await new Promise((r) => setTimeout(r, 100));
    abort.abort();
    const result = await done;
    expect(out).toEqual(['start', 'mail to [REDACTED:email]', 'card [REDACTED:card]', 'end']);
    const card = result.findings.find((f) => f.ruleId === 'logs-card-number');
    expect(card?.location).toEqual({ kind: 'log', source: 'app.log', line: 3 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

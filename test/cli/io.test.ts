// The synchronous writer processIO uses when standard output is a file: the bytes of every text, in order.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fileWriter } from '../../src/cli/io.ts';

it('fileWriter: UTF-8 of each text in order, short texts through its reused buffer and long ones apart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-io-'));
  const file = join(dir, 'out.txt');
  const fd = openSync(file, 'w');
  try {
    const write = fileWriter(fd);
    const texts = [
      'GET /a 200\n',
      'é € 😀 \u2028 ✓\n',
      // Longer first, then shorter: nothing of the longer one may follow the shorter one out.
      `${'x'.repeat(100_000)}\n`,
      'short\n',
      // Past the reused buffer's size, ASCII and 3-byte characters.
      `${'ab'.repeat(200_000)}\n`,
      `${'€'.repeat(300_000)}\n`,
      '',
      'end',
    ];
    for (const t of texts) write(t);
    closeSync(fd);
    const written = readFileSync(file);
    const expected = Buffer.from(texts.join(''), 'utf8');
    expect(written.length).toBe(expected.length);
    expect(written.equals(expected)).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// textBatches (logs engine) and lineBatches (formats/traffic) split the same stream into the same lines.

import { expect, it } from 'vitest';
import { BATCH_LINES, textBatches } from '../../../src/engines/runtime/logs/batches.ts';
import { lineBatches, MAX_LINE_CHARS } from '../../../src/formats/traffic/source.ts';

function* chunks(text: string, size: number): Generator<Buffer> {
  const bytes = Buffer.from(text, 'utf-8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
async function* from(it: Iterable<Buffer>): AsyncGenerator<Buffer> {
  yield* it;
}

it('textBatches: same lines as lineBatches, text is lines joined, numbers follow on', async () => {
  const long = 'x'.repeat(MAX_LINE_CHARS + 10);
  const many = Array.from({ length: BATCH_LINES + 7 }, (_, i) => `l${i}`).join('\n');
  const input = `\ufeffa\r\nbé€\n\n${long}\r\n${many}\nlast\r`;
  const expected = ['a', 'bé€', '', long.slice(0, MAX_LINE_CHARS), ...many.split('\n'), 'last'];
  for (const size of [1, 3, 64, 1 << 20]) {
    const lines: string[] = [];
    for await (const b of lineBatches(from(chunks(input, size)))) {
      expect(b.first).toBe(lines.length + 1);
      lines.push(...b.lines);
    }
    expect(lines).toEqual(expected);
    const text: string[] = [];
    for await (const b of textBatches(from(chunks(input, size)))) {
      expect(b.first).toBe(text.length + 1);
      expect(b.lines.length).toBeLessThanOrEqual(BATCH_LINES);
      expect(b.text).toBe(b.lines.join('\n'));
      text.push(...b.lines);
    }
    expect(text).toEqual(expected);
  }
});

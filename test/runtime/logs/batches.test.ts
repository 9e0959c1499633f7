// textBatches (logs engine) and lineBatches (formats/traffic) split the same stream into the same lines.

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BATCH_LINES, textBatches } from '../../../src/engines/runtime/logs/batches.ts';
import { fileChunks, lineBatches, MAX_LINE_CHARS } from '../../../src/formats/traffic/source.ts';

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

it('a file read into two reused buffers: the same lines as the file holds, multi-byte characters across chunk and piece ends', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-batches-'));
  try {
    // 1 MB: four 256 KiB reads, sixteen 64 KiB pieces; every line has a 2- and a 3-byte character.
    const lines = Array.from({ length: 9000 }, (_, i) => `${i} é € ${'x'.repeat(i % 200)}`);
    const file = join(dir, 'a.log');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const got: string[] = [];
    for await (const b of textBatches(fileChunks(file, 'a.log', { reuse: true }))) {
      expect(b.text).toBe(b.lines.join('\n'));
      expect(b.text.length).toBeLessThan(128 * 1024);
      got.push(...b.lines);
    }
    expect(got).toEqual(lines);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('a reader that stops after the first chunk leaves no read running and no file open', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-batches-'));
  const open = () => readdirSync('/proc/self/fd').length;
  try {
    const file = join(dir, 'a.log');
    writeFileSync(file, 'x'.repeat(3 << 20));
    const before = open();
    for (let i = 0; i < 20; i++) {
      for await (const chunk of fileChunks(file, 'a.log', { reuse: true })) {
        // The next chunk is being read while this one is looked at.
        expect(chunk.length).toBe(256 * 1024);
        break;
      }
    }
    expect(open()).toBe(before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('drops only the byte order mark that starts the stream, and cuts long multi-byte lines at MAX_LINE_CHARS characters', async () => {
  // What any reader of these lines expects: split on \n, the first BOM dropped, each line cut, \r dropped.
  const reference = (text: string) =>
    text
      .replace(/^\ufeff/, '')
      .split('\n')
      .map((l) => l.slice(0, MAX_LINE_CHARS).replace(/\r$/, ''));
  const inputs = [
    '\n\ufeffb\n\ufeffc',
    '\ufeff\ufeffx\ny',
    `${'€'.repeat(MAX_LINE_CHARS + 10)}\nz\r\n${'😀'.repeat(MAX_LINE_CHARS / 2 + 7)}x\nlast`,
    `a\n${'é'.repeat(3 * MAX_LINE_CHARS)}`,
    '\ufeff',
  ];
  for (const input of inputs) {
    const expected = input === '\ufeff' ? [] : reference(input);
    // Chunks of 3, 5 and 7 bytes split each of é (2 bytes), € (3) and 😀 (4) at every offset; 1 and 2
    // byte chunks over the long inputs (a million async steps) took half a minute.
    const sizes = input.length > 1000 ? [3, 5, 7, 4096, 1 << 20] : [1, 2, 3, 5, 7, 4096, 1 << 20];
    for (const size of sizes) {
      const got: string[] = [];
      for await (const b of lineBatches(from(chunks(input, size)))) got.push(...b.lines);
      expect(got, `${input.slice(0, 12)}… in chunks of ${size}`).toEqual(expected);
    }
  }
});

import { open, stat } from 'node:fs/promises';

/**
 * The bytes of a file, then of what is appended to it, polling every `intervalMs` until `signal` aborts
 * (`--follow`, like `tail -f`). A file that shrinks (rotated, truncated) is read again from the start.
 */
export async function* followChunks(abs: string, signal: AbortSignal, intervalMs = 250): AsyncGenerator<Buffer> {
  let pos = 0;
  const buf = Buffer.alloc(256 * 1024);
  while (!signal.aborted) {
    let size: number;
    try {
      size = (await stat(abs)).size;
    } catch {
      size = pos;
    }
    if (size < pos) pos = 0;
    if (size > pos) {
      const fh = await open(abs, 'r');
      try {
        while (pos < size && !signal.aborted) {
          const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
          if (bytesRead === 0) break;
          pos += bytesRead;
          yield Buffer.from(buf.subarray(0, bytesRead));
        }
      } finally {
        await fh.close();
      }
      continue;
    }
    await new Promise<void>((done) => {
      const t = setTimeout(done, intervalMs);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          done();
        },
        { once: true },
      );
    });
  }
}

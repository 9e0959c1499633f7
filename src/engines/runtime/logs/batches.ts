/**
 * Lines of a log stream in batches that also carry their text: `text === lines.join('\n')`, but taken
 * as one slice of the decoded chunk instead of joined again (joining a thousand sliced strings costs
 * about as much as detecting in them). The secret rules scan `text` at once and the detecting thread
 * receives it as one string. Same lines as lineBatches of formats/traffic/source.ts (both split what
 * completeLines decodes): `\n` or `\r\n`, a UTF-8 byte order mark dropped, a last line without newline
 * kept, lines past MAX_LINE_CHARS cut.
 */
import { completeLines, MAX_LINE_CHARS } from '../../../formats/traffic/source.ts';

export interface TextBatch {
  lines: string[];
  /** `lines.join('\n')`. */
  text: string;
  /** 1-based number of `lines[0]`. */
  first: number;
}

/** At most this many lines per batch (a batch is also never more than one decoded piece of 64 KiB). */
export const BATCH_LINES = 1000;

export async function* textBatches(input: AsyncIterable<Buffer | string>): AsyncGenerator<TextBatch> {
  let no = 1;
  for await (const whole of completeLines(input)) {
    for (const batch of split(whole, no)) {
      yield batch;
      no += batch.lines.length;
    }
  }
}

/** Complete lines (no trailing newline) in batches of BATCH_LINES. */
function* split(whole: string, first: number): Generator<TextBatch> {
  let start = 0;
  let no = first;
  while (start <= whole.length) {
    const lines: string[] = [];
    const from = start;
    let exact = true;
    while (lines.length < BATCH_LINES && start <= whole.length) {
      let nl = whole.indexOf('\n', start);
      if (nl === -1) nl = whole.length;
      let line = whole.slice(start, nl);
      if (line.length > MAX_LINE_CHARS) {
        line = line.slice(0, MAX_LINE_CHARS);
        exact = false;
      }
      if (line.charCodeAt(line.length - 1) === 13) {
        line = line.slice(0, -1);
        exact = false;
      }
      lines.push(line);
      start = nl + 1;
    }
    yield { lines, text: exact ? whole.slice(from, start - 1) : lines.join('\n'), first: no };
    no += lines.length;
  }
}

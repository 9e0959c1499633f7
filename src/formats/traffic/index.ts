import { type AccessLogOptions, readAccessLog } from './access-log.ts';
import { readHar } from './har.ts';
import { readOtlp } from './otlp.ts';
import type { ReaderOptions, TrafficRecord } from './types.ts';

export * from './access-log.ts';
export { entryToRecord, readHar, readHarStream } from './har.ts';
export { JsonStreamError, streamJson } from './json-stream.ts';
export { normalizeRoute, readOtlp, readOtlpStream, spanToRecord } from './otlp.ts';
export { fileChunks, lineBatches, MAX_LINE_CHARS } from './source.ts';
export * from './types.ts';

export type TrafficKind = 'har' | 'access-log' | 'otlp';

/** The records of one traffic file of the given kind. Throws TrafficError when the file cannot be read. */
export function readTraffic(
  kind: TrafficKind,
  absPath: string,
  display: string,
  opts: AccessLogOptions & ReaderOptions = {},
): AsyncGenerator<TrafficRecord> {
  switch (kind) {
    case 'har':
      return readHar(absPath, display, opts);
    case 'access-log':
      return readAccessLog(absPath, display, opts);
    case 'otlp':
      return readOtlp(absPath, display, opts);
  }
}

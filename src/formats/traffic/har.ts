/**
 * HAR 1.1 / 1.2 / 1.3 as real tools export it (Chrome, Firefox, Safari, Charles, Fiddler, Insomnia,
 * mitmproxy, WebPageTest): entries are streamed one at a time, bodies decoded (base64 too), WebSocket
 * messages (`_webSocketMessages`) kept as the exchange's bodies. A file that is no HAR, a wrapped export
 * or broken JSON gives one TrafficError naming the place.
 */

import { type JsonEvent, JsonStreamError, streamJson } from './json-stream.ts';
import { fileChunks } from './source.ts';
import {
  type Body,
  DEFAULT_MAX_BODY_CHARS,
  type Header,
  hostOf,
  isTextual,
  mediaType,
  type ReaderOptions,
  TrafficError,
  type TrafficRecord,
} from './types.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Reads a HAR file entry by entry. */
export async function* readHar(absPath: string, display: string, opts: ReaderOptions = {}): AsyncGenerator<TrafficRecord> {
  yield* readHarStream(fileChunks(absPath, display), display, opts);
}

/** Reads HAR from any byte stream (tests, standard input). */
export async function* readHarStream(
  input: AsyncIterable<Buffer>,
  display: string,
  opts: ReaderOptions = {},
): AsyncGenerator<TrafficRecord> {
  const maxBody = opts.maxBodyChars ?? DEFAULT_MAX_BODY_CHARS;
  let sawLog = false;
  let sawEntries = false;
  const topKeys: { key: string; line: number; column: number }[] = [];
  let bad = 0;
  let read = 0;
  let tops = 0;
  let firstBad: { line: number; column: number; why: string } | undefined;
  const skip = (line: number, column: number, why: string) => {
    bad++;
    firstBad ??= { line, column, why };
  };
  try {
    for await (const batch of streamJson(input, { elements: [['log', 'entries']], values: [['log', 'version']] })) {
      for (const ev of batch) {
        const r = handle(ev);
        if (r) yield r;
      }
    }
  } catch (e) {
    if (e instanceof JsonStreamError) {
      const after = read ? ` (after ${read} entr${read === 1 ? 'y' : 'ies'}, which were kept)` : '';
      throw new TrafficError(`${e.message}${after}`, display, e.line, e.column);
    }
    throw e;
  }
  if (!sawLog) {
    const keys = topKeys.slice(0, 3).map((k) => `"${k.key}"`);
    const first = topKeys[0];
    if (!first)
      throw new TrafficError('not a HAR file: the top-level object is empty (a HAR has {"log": {"entries": [...]}})', display, 1, 1);
    const nested = topKeys.length <= 2 ? '; a wrapped export? unwrap it to {"log": ...}' : '';
    throw new TrafficError(
      `not a HAR file: no top-level "log" object, only ${keys.join(', ')}${topKeys.length > 3 ? ', ...' : ''}${nested}`,
      display,
      first.line,
      first.column,
    );
  }
  if (!sawEntries) opts.onNote?.({ level: 'warning', message: 'the HAR has no "entries": nothing to read' });
  if (bad) {
    const where = firstBad ? ` (first at ${firstBad.line}:${firstBad.column}: ${firstBad.why})` : '';
    opts.onNote?.({
      level: 'warning',
      message: `${bad} entr${bad === 1 ? 'y was' : 'ies were'} skipped${where}`,
      line: firstBad?.line,
      column: firstBad?.column,
    });
  }

  function handle(ev: JsonEvent): TrafficRecord | undefined {
    switch (ev.kind) {
      case 'top':
        tops++;
        if (tops > 1 && ev.type !== 'object')
          throw new TrafficError('invalid JSON: unexpected text after the HAR object', display, ev.line, ev.column);
        if (ev.type !== 'object')
          throw new TrafficError(
            `not a HAR file: the file holds ${article(ev.type)}, a HAR is an object {"log": {"entries": [...]}}`,
            display,
            ev.line,
            ev.column,
          );
        return undefined;
      case 'member':
        if (ev.path.length === 0) {
          if (ev.key === 'log') {
            if (ev.type !== 'object')
              throw new TrafficError(`not a HAR file: "log" is ${article(ev.type)}, not an object`, display, ev.line, ev.column);
            sawLog = true;
          } else topKeys.push({ key: ev.key, line: ev.line, column: ev.column });
        } else if (ev.path.length === 1 && ev.key === 'entries') {
          if (ev.type !== 'array')
            throw new TrafficError(`not a HAR file: "log.entries" is ${article(ev.type)}, not an array`, display, ev.line, ev.column);
          sawEntries = true;
        }
        return undefined;
      case 'value':
        if (typeof ev.value === 'string' && !/^1\.[0-3]$/.test(ev.value))
          opts.onNote?.({
            level: 'note',
            message: `HAR version "${ev.value}" is not 1.1, 1.2 or 1.3; reading it as 1.2`,
            line: ev.line,
            column: ev.column,
          });
        return undefined;
      case 'oversized':
        skip(ev.line, ev.column, `entry of ${Math.round(ev.bytes / 1048576)} MB is too large`);
        return undefined;
      case 'element': {
        const r = entryToRecord(ev.value, display, ev.line, maxBody);
        if (typeof r === 'string') {
          skip(ev.line, ev.column, r);
          return undefined;
        }
        read++;
        return r;
      }
    }
  }
}

function article(t: string): string {
  return t === 'array' || t === 'object' || t === 'invalid' ? `an ${t}` : `a ${t}`;
}

function headersOf(v: unknown): Header[] {
  if (!Array.isArray(v)) return [];
  const out: Header[] = [];
  for (const h of v) {
    if (!isObj(h)) continue;
    const name = str(h.name);
    if (!name || name.startsWith(':')) continue; // HTTP/2 pseudo-headers (:authority, :path) repeat the URL
    out.push([name.toLowerCase(), h.value === undefined || h.value === null ? '' : String(h.value)]);
  }
  return out;
}

function cut(text: string, max: number): Body {
  return text.length > max ? { text: text.slice(0, max), truncated: true } : { text };
}

/** Base64 HAR bodies (Chrome, Safari, mitmproxy) of textual types are decoded; binary ones are not kept. */
function decodeBody(text: unknown, encoding: unknown, mime: string | undefined, size: unknown, max: number): Body | undefined {
  const t = str(text);
  const sz = typeof size === 'number' && size >= 0 ? size : undefined;
  if (t === undefined || t === '') return mime || sz ? { mimeType: mime, size: sz } : undefined;
  if (encoding === 'base64') {
    if (!isTextual(mime) && mime !== undefined) return { mimeType: mime, size: sz ?? Math.floor((t.length * 3) / 4) };
    // Decode only what will be kept.
    const buf = Buffer.from(t.length > max * 2 ? t.slice(0, max * 2) : t, 'base64');
    const decoded = buf.toString('utf8');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are how binary content shows
    if (mime === undefined && /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(decoded.slice(0, 512))) return { size: sz ?? buf.length };
    return { mimeType: mime, size: sz, ...cut(decoded, max), ...(t.length > max * 2 ? { truncated: true } : {}) };
  }
  return { mimeType: mime, size: sz, ...cut(t, max) };
}

/** One HAR entry as a record, or why it was skipped. */
export function entryToRecord(e: unknown, source: string, line: number, maxBody = DEFAULT_MAX_BODY_CHARS): TrafficRecord | string {
  if (!isObj(e)) return 'an entry is not an object';
  const req = e.request;
  if (!isObj(req)) return 'no "request" object';
  const rawUrl = str(req.url);
  if (!rawUrl) return 'no request URL';
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return `invalid URL "${rawUrl.slice(0, 60)}"`;
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (!['http', 'https', 'ws', 'wss'].includes(scheme)) return `not an HTTP URL (${scheme}:)`;
  const method = (str(req.method) ?? 'GET').toUpperCase();
  const requestHeaders = headersOf(req.headers);
  // Cookies listed separately but not as a header (Firefox does both; some tools only list them).
  if (Array.isArray(req.cookies) && req.cookies.length && !requestHeaders.some(([n]) => n === 'cookie')) {
    const pairs = req.cookies.filter(isObj).map((c) => `${str(c.name) ?? ''}=${c.value === undefined ? '' : String(c.value)}`);
    if (pairs.length) requestHeaders.push(['cookie', pairs.join('; ')]);
  }
  const res = isObj(e.response) ? e.response : undefined;
  const responseHeaders = res ? headersOf(res.headers) : [];
  const statusNum = res ? Number(res.status) : Number.NaN;
  // 0 / -1: no response (blocked, aborted, failed).
  const status = Number.isFinite(statusNum) && statusNum >= 100 && statusNum <= 599 ? statusNum : undefined;

  let requestBody: Body | undefined;
  if (isObj(req.postData)) {
    const pd = req.postData;
    const mime = mediaType(str(pd.mimeType));
    let text = str(pd.text);
    if ((text === undefined || text === '') && Array.isArray(pd.params)) {
      text = pd.params
        .filter(isObj)
        .map((p) => `${encodeURIComponent(str(p.name) ?? '')}=${encodeURIComponent(p.value === undefined ? '' : String(p.value))}`)
        .join('&');
    }
    requestBody = decodeBody(text, pd.encoding, mime, req.bodySize, maxBody);
  }
  let responseBody: Body | undefined;
  if (res && isObj(res.content)) {
    const c = res.content;
    responseBody = decodeBody(
      c.text,
      c.encoding,
      mediaType(str(c.mimeType)) ?? mediaType(responseHeader(responseHeaders, 'content-type')),
      c.size,
      maxBody,
    );
  }
  const record: TrafficRecord = {
    source,
    line,
    method,
    scheme,
    host: hostOf(url),
    path: url.pathname || '/',
    query: url.search ? url.search.slice(1) : undefined,
    status,
    requestHeaders,
    responseHeaders,
    requestBody,
    responseBody,
  };
  const started = str(e.startedDateTime);
  if (started) {
    const t = Date.parse(started);
    if (Number.isFinite(t)) record.time = t;
  }
  if (typeof e.time === 'number' && e.time >= 0) record.durationMs = e.time;
  const ua = responseHeader(requestHeaders, 'user-agent');
  if (ua) record.userAgent = ua;
  const rt = str(e._resourceType);
  if (rt) record.resourceType = rt.toLowerCase();
  const ws = e._webSocketMessages;
  if (
    Array.isArray(ws) ||
    scheme === 'ws' ||
    scheme === 'wss' ||
    (status === 101 && /websocket/i.test(responseHeader(requestHeaders, 'upgrade') ?? ''))
  ) {
    record.websocket = true;
    if (Array.isArray(ws) && ws.length) {
      const sent: string[] = [];
      const received: string[] = [];
      let size = 0;
      for (const m of ws) {
        if (!isObj(m) || typeof m.data !== 'string') continue;
        // opcode 1: text frame; binary frames (2) are base64 and not scanned.
        if (m.opcode !== undefined && m.opcode !== 1) continue;
        if (size > maxBody) break;
        size += m.data.length;
        (m.type === 'send' ? sent : received).push(m.data);
      }
      if (sent.length) record.requestBody = { mimeType: 'text/plain', ...cut(sent.join('\n'), maxBody) };
      if (received.length) record.responseBody = { mimeType: 'text/plain', ...cut(received.join('\n'), maxBody) };
    }
  }
  return record;
}

function responseHeader(headers: Header[], name: string): string | undefined {
  for (const [n, v] of headers) if (n === name) return v;
  return undefined;
}

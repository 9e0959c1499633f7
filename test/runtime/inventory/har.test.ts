import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readHar, readHarStream } from '../../../src/formats/traffic/har.ts';
import { streamJson } from '../../../src/formats/traffic/json-stream.ts';
import type { ReaderNote, TrafficRecord } from '../../../src/formats/traffic/types.ts';
import { TrafficError } from '../../../src/formats/traffic/types.ts';

/** Feeds text in chunks of `size` bytes, so every state of the streaming reader crosses a chunk boundary. */
async function* chunks(text: string | Buffer, size = 7): AsyncGenerator<Buffer> {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function read(text: string | Buffer, size = 7): Promise<{ records: TrafficRecord[]; notes: ReaderNote[] }> {
  const records: TrafficRecord[] = [];
  const notes: ReaderNote[] = [];
  for await (const r of readHarStream(chunks(text, size), 'x.har', { onNote: (n) => notes.push(n) })) records.push(r);
  return { records, notes };
}

async function failure(text: string, size = 7): Promise<string> {
  try {
    await read(text, size);
  } catch (e) {
    if (!(e instanceof TrafficError)) throw e;
    return `${e.file}:${e.line}:${e.column}: ${e.message}`;
  }
  throw new Error('no error');
}

const entry = (over: Record<string, unknown> = {}) => ({
  startedDateTime: '2024-05-01T10:00:00.000Z',
  time: 12,
  request: {
    method: 'get',
    url: 'https://api.example.com/v1/users/7?q=1',
    headers: [{ name: 'Authorization', value: 'Bearer abc' }],
    cookies: [],
  },
  response: {
    status: 200,
    headers: [{ name: 'Content-Type', value: 'application/json' }],
    content: { mimeType: 'application/json', text: '{"id":7}' },
  },
  ...over,
});
const har = (entries: unknown[], version = '1.2') =>
  JSON.stringify({ log: { version, creator: { name: 't', version: '1' }, entries } }, null, 2);

describe('HAR reader', () => {
  it('reads entries in any chunking, with positions of each entry', async () => {
    const text = har([entry(), entry({ request: { method: 'POST', url: 'http://h:8080/a', headers: [] } })]);
    for (const size of [1, 3, 64, 1 << 20]) {
      const { records } = await read(text, size);
      expect(records.map((r) => [r.method, r.host, r.path, r.query, r.line])).toEqual([
        ['GET', 'api.example.com', '/v1/users/7', 'q=1', 9],
        ['POST', 'h:8080', '/a', undefined, 37],
      ]);
    }
    const { records } = await read(text);
    expect(records[0]).toMatchObject({ status: 200, scheme: 'https', time: Date.parse('2024-05-01T10:00:00.000Z'), durationMs: 12 });
    expect(records[0].requestHeaders).toEqual([['authorization', 'Bearer abc']]);
    expect(records[0].responseBody).toEqual({ mimeType: 'application/json', text: '{"id":7}', size: undefined });
  });

  it('accepts a UTF-8 byte order mark and HAR 1.3, and notes an unknown version', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(har([entry()], '1.3'))]);
    expect((await read(bom)).records).toHaveLength(1);
    const { notes } = await read(har([entry()], '2.0'));
    expect(notes).toEqual([{ level: 'note', message: 'HAR version "2.0" is not 1.1, 1.2 or 1.3; reading it as 1.2', line: 3, column: 16 }]);
  });

  it('decodes base64 bodies of textual types and keeps binary ones out', async () => {
    const { records } = await read(
      har([
        entry({
          response: {
            status: 200,
            content: {
              mimeType: 'application/json; charset=utf-8',
              encoding: 'base64',
              text: Buffer.from('{"email":"a@b.co"}').toString('base64'),
            },
          },
        }),
        entry({ response: { status: 200, content: { mimeType: 'image/png', encoding: 'base64', text: 'iVBORw0KGgo=' } } }),
      ]),
    );
    expect(records[0].responseBody?.text).toBe('{"email":"a@b.co"}');
    expect(records[1].responseBody).toEqual({ mimeType: 'image/png', size: 9 });
  });

  it('keeps WebSocket messages as the exchange bodies', async () => {
    const { records } = await read(
      har([
        entry({
          request: { method: 'GET', url: 'wss://ws.example.com/socket', headers: [] },
          response: { status: 101, headers: [] },
          _webSocketMessages: [
            { type: 'send', opcode: 1, data: 'hello' },
            { type: 'receive', opcode: 1, data: '{"card":"4111111111111111"}' },
            { type: 'receive', opcode: 2, data: 'AAEC' },
          ],
        }),
      ]),
    );
    expect(records[0]).toMatchObject({
      websocket: true,
      scheme: 'wss',
      requestBody: { text: 'hello' },
      responseBody: { text: '{"card":"4111111111111111"}' },
    });
  });

  it('builds form bodies from params, cookies from the cookie list, and drops HTTP/2 pseudo-headers', async () => {
    const { records } = await read(
      har([
        entry({
          request: {
            method: 'POST',
            url: 'https://h/login',
            headers: [{ name: ':authority', value: 'h' }],
            cookies: [{ name: 'sid', value: 's3cr3t' }],
            postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'user', value: 'a b' }] },
          },
        }),
      ]),
    );
    expect(records[0].requestHeaders).toEqual([['cookie', 'sid=s3cr3t']]);
    expect(records[0].requestBody?.text).toBe('user=a%20b');
  });

  it('skips entries without a usable URL and says how many, with the first place', async () => {
    const { records, notes } = await read(har([entry({ request: { method: 'GET', url: 'relative/path' } }), entry(), 42]));
    expect(records).toHaveLength(1);
    expect(notes).toEqual([
      { level: 'warning', message: '2 entries were skipped (first at 9:7: invalid URL "relative/path")', line: 9, column: 7 },
    ]);
  });

  it('fails in one line, with the place, on broken, truncated, wrapped and foreign files', async () => {
    expect(await failure('{"log": {"entries": [ {"request": {"url": "https://h/"} ,, ]}}')).toBe(
      'x.har:1:58: invalid JSON: expected double-quoted property name',
    );
    const truncated = har([entry(), entry()]).slice(0, -40);
    expect(await failure(truncated)).toMatch(
      /^x\.har:\d+:\d+: unexpected end of file inside an? (object|value|array): the file is truncated \(after 1 entry, which were kept\)$/,
    );
    expect(await failure('{\n  "har": {"log": {"entries": []}}\n}')).toBe(
      'x.har:2:3: not a HAR file: no top-level "log" object, only "har"; a wrapped export? unwrap it to {"log": ...}',
    );
    expect(await failure('[{"request": {}}]')).toBe(
      'x.har:1:1: not a HAR file: the file holds an array, a HAR is an object {"log": {"entries": [...]}}',
    );
    expect(await failure('{"log": {"entries": {"a": 1}}}')).toBe('x.har:1:10: not a HAR file: "log.entries" is an object, not an array');
    expect(await failure('')).toBe('x.har:1:1: empty file: no JSON value');
    expect(await failure('{"log": {"entries": []}} trailing')).toBe('x.har:1:26: invalid JSON: unexpected text after the HAR object');
    expect(await failure('{"log": {"entries": [{"a": 1} {"b": 2}]}}')).toBe(
      "x.har:1:31: invalid JSON: expected ',' or ']' after an element, found '{'",
    );
  });

  it('reads gzip files and refuses UTF-16 with advice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-har-'));
    try {
      writeFileSync(join(dir, 'a.har.gz'), gzipSync(har([entry()])));
      const got: TrafficRecord[] = [];
      for await (const r of readHar(join(dir, 'a.har.gz'), 'a.har.gz')) got.push(r);
      expect(got).toHaveLength(1);
      writeFileSync(join(dir, 'b.har'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(har([]), 'utf16le')]));
      await expect(async () => {
        for await (const _ of readHar(join(dir, 'b.har'), 'b.har')) void _;
      }).rejects.toThrow('the file is UTF-16 encoded; save it as UTF-8');
      await expect(async () => {
        for await (const _ of readHar(join(dir, 'missing.har'), 'missing.har')) void _;
      }).rejects.toThrow('cannot read the file (no such file)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams: a capture of 20 000 entries is read with memory for one entry at a time', async () => {
    async function* big(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"log":{"version":"1.2","entries":[');
      const one = JSON.stringify(entry({ response: { status: 200, content: { mimeType: 'text/plain', text: 'x'.repeat(2000) } } }));
      for (let i = 0; i < 20_000; i++) yield Buffer.from(i ? `,${one}` : one);
      yield Buffer.from(']}}');
    }
    let n = 0;
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    for await (const _ of readHarStream(big(), 'big.har')) {
      n++;
      if (n % 2000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(n).toBe(20_000);
    // 40 MB went through; the heap grew by far less.
    expect(peak).toBeLessThan(30 * 1024 * 1024);
  });

  it('the JSON scanner reports elements of nested arrays and several top-level values (JSON lines)', async () => {
    const events: string[] = [];
    for await (const batch of streamJson(chunks('{"a":{"b":[1,{"c":2}]}}\n{"a":{"b":[3]}}', 2), { elements: [['a', 'b']] }))
      for (const e of batch) if (e.kind === 'element') events.push(`${e.line}:${e.column} ${JSON.stringify(e.value)}`);
    expect(events).toEqual(['1:12 1', '1:14 {"c":2}', '2:12 3']);
  });
});

import { describe, expect, it } from 'vitest';
import { AccessLogParser, parseClfTime, readAccessLogStream } from '../../../src/formats/traffic/access-log.ts';
import { readOtlpStream } from '../../../src/formats/traffic/otlp.ts';
import { lineBatches } from '../../../src/formats/traffic/source.ts';
import type { ReaderNote, TrafficRecord } from '../../../src/formats/traffic/types.ts';
import { TrafficError } from '../../../src/formats/traffic/types.ts';

async function* chunks(text: string, size = 5): AsyncGenerator<Buffer> {
  const b = Buffer.from(text);
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

async function log(text: string, opts: Parameters<typeof readAccessLogStream>[2] = {}) {
  const records: TrafficRecord[] = [];
  const notes: ReaderNote[] = [];
  for await (const r of readAccessLogStream(chunks(text), 'a.log', { ...opts, onNote: (n) => notes.push(n) })) records.push(r);
  return { records, notes };
}

const pick = (r: TrafficRecord) => ({ method: r.method, host: r.host, path: r.path, query: r.query, status: r.status, line: r.line });

describe('access logs', () => {
  it('nginx/Apache combined, common and vhost forms', async () => {
    const { records } = await log(
      [
        '203.0.113.7 - alice [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif?x=1 HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 \\"quoted\\""',
        '203.0.113.7 - - [10/Oct/2000:13:55:37 -0700] "POST /login HTTP/1.1" 302 -',
        'api.example.com:443 203.0.113.8 - - [10/Oct/2000:13:55:38 +0000] "DELETE /v1/users/9 HTTP/2.0" 204 0 "-" "curl/8"',
        'shop.test 203.0.113.9 - - [10/Oct/2000:13:55:39 +0000] "GET http://proxy.test/x HTTP/1.1" 200 5 "-" "-"',
      ].join('\n'),
    );
    expect(records.map(pick)).toEqual([
      { method: 'GET', host: undefined, path: '/apache_pb.gif', query: 'x=1', status: 200, line: 1 },
      { method: 'POST', host: undefined, path: '/login', query: undefined, status: 302, line: 2 },
      { method: 'DELETE', host: 'api.example.com', path: '/v1/users/9', query: undefined, status: 204, line: 3 },
      { method: 'GET', host: 'proxy.test', path: '/x', query: undefined, status: 200, line: 4 },
    ]);
    expect(records[0]).toMatchObject({
      user: 'alice',
      clientIp: '203.0.113.7',
      userAgent: 'Mozilla/4.08 "quoted"',
      time: Date.parse('2000-10-10T20:55:36Z'),
    });
    expect(records[2].scheme).toBe('https');
  });

  it('W3C extended (IIS) with #Fields, quoted values, + for spaces, and a mid-file #Fields change', async () => {
    const { records } = await log(
      [
        '#Software: Microsoft Internet Information Services 10.0',
        '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status time-taken',
        '2024-05-01 10:00:00 10.0.0.1 GET /api/orders/17 id=3 443 bob 198.51.100.2 Mozilla/5.0+(Windows) 200 15',
        '#Fields: date time cs-method cs-uri-stem cs(Host) sc-status',
        '2024-05-01 10:00:01 POST /api/orders "shop.test" 201',
      ].join('\n'),
    );
    expect(records.map(pick)).toEqual([
      { method: 'GET', host: undefined, path: '/api/orders/17', query: 'id=3', status: 200, line: 3 },
      { method: 'POST', host: 'shop.test', path: '/api/orders', query: undefined, status: 201, line: 5 },
    ]);
    expect(records[0]).toMatchObject({
      scheme: 'https',
      user: 'bob',
      userAgent: 'Mozilla/5.0 (Windows)',
      durationMs: 15,
      time: Date.parse('2024-05-01T10:00:00Z'),
    });
  });

  it('AWS ALB and classic ELB', async () => {
    const { records } = await log(
      [
        'https 2024-05-01T10:00:00.123456Z app/lb/50dc6c495c0c9188 192.0.2.1:2817 10.0.0.1:80 0.001 0.002 0.000 200 200 34 366 "GET https://api.example.com:443/v2/items/5?x=1 HTTP/1.1" "curl/8" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:x "Root=1-58337262" "api.example.com" "arn:aws:acm" 0 2024-05-01T10:00:00.120000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-"',
        '2015-05-13T23:39:43.945958Z my-lb 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 404 404 0 29 "GET http://www.example.com:80/missing HTTP/1.1" "curl/7.38.0" - -',
      ].join('\n'),
    );
    expect(records.map(pick)).toEqual([
      { method: 'GET', host: 'api.example.com', path: '/v2/items/5', query: 'x=1', status: 200, line: 1 },
      { method: 'GET', host: 'www.example.com', path: '/missing', query: undefined, status: 404, line: 2 },
    ]);
    expect(records[0]).toMatchObject({ clientIp: '192.0.2.1', durationMs: 3, userAgent: 'curl/8' });
  });

  it('Caddy JSON (behind a docker compose prefix), headers included; other messages are not requests', async () => {
    const { records, notes } = await log(
      [
        'caddy  | {"level":"info","ts":1761019822.31,"msg":"using config from file"}',
        'caddy  | {"level":"info","ts":1761019828.6153953,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"172.19.0.1","proto":"HTTP/1.1","method":"GET","host":"localhost:8443","uri":"/api/me?x=1","headers":{"Authorization":["Bearer abc"],"User-Agent":["ua/1"]},"tls":{"version":772}},"user_id":"","duration":0.0016,"size":10,"status":200,"resp_headers":{"Content-Type":["application/json"]}}',
      ].join('\n'),
    );
    expect(records.map(pick)).toEqual([{ method: 'GET', host: 'localhost:8443', path: '/api/me', query: 'x=1', status: 200, line: 2 }]);
    expect(records[0]).toMatchObject({
      scheme: 'https',
      userAgent: 'ua/1',
      durationMs: 2,
      requestHeaders: [
        ['authorization', 'Bearer abc'],
        ['user-agent', 'ua/1'],
      ],
    });
    expect(notes).toEqual([{ level: 'note', message: '1 JSON line is no request (other log messages)' }]);
  });

  it('Cloudflare JSON (Logpush http_requests)', async () => {
    const { records } = await log(
      '{"ClientIP":"89.163.242.206","ClientRequestHost":"www.example.com","ClientRequestMethod":"POST","ClientRequestURI":"/api/login?next=/","ClientRequestUserAgent":"UA","EdgeEndTimestamp":1712790000123000000,"EdgeResponseStatus":401,"EdgeStartTimestamp":1712790000100000000,"RayID":"87a1"}',
    );
    expect(records.map(pick)).toEqual([
      { method: 'POST', host: 'www.example.com', path: '/api/login', query: 'next=/', status: 401, line: 1 },
    ]);
    expect(records[0]).toMatchObject({ time: 1712790000100, durationMs: 23, clientIp: '89.163.242.206' });
  });

  it('JSON lines: usual field names, nested ones, a request line, and a configurable mapping', async () => {
    const { records } = await log(
      [
        '{"time":"2024-05-01T10:00:00Z","method":"GET","url":"/a/1","status":200}',
        '{"req":{"method":"PUT","url":"https://h.test/b?c=d"},"res":{"statusCode":204},"responseTime":12}',
        '{"request":"PATCH /c HTTP/1.1","status":"500","remote_addr":"1.2.3.4"}',
        '{"http.method":"DELETE","http.target":"/d","http.status_code":410}',
        '{"msg":"no request here"}',
      ].join('\n'),
    );
    expect(records.map(pick)).toEqual([
      { method: 'GET', host: undefined, path: '/a/1', query: undefined, status: 200, line: 1 },
      { method: 'PUT', host: 'h.test', path: '/b', query: 'c=d', status: 204, line: 2 },
      { method: 'PATCH', host: undefined, path: '/c', query: undefined, status: 500, line: 3 },
      { method: 'DELETE', host: undefined, path: '/d', query: undefined, status: 410, line: 4 },
    ]);
    const mapped = await log('{"verb2":"post","where":{"p":"/x"},"code":201}', {
      fields: { method: 'verb2', path: 'where.p', status: 'code' },
    });
    expect(mapped.records.map(pick)).toEqual([{ method: 'POST', host: undefined, path: '/x', query: undefined, status: 201, line: 1 }]);
  });

  it('free-form request lines: HAProxy, uWSGI, syslog-wrapped', async () => {
    const p = new AccessLogParser('x', { format: 'request-line' });
    expect(
      pick(
        p.parse(
          'Feb 25 16:19:49 192.168.4.2 haproxy[7]: 141.35.244.171:53332 [25/Feb/2019:16:19:48.143] fe be/s 0/0/7/1457/1487 200 11394 - - ---- 2/1/0/0/0 0/0 "GET /admin?x=1 HTTP/1.1"',
          1,
        ) as TrafficRecord,
      ),
    ).toEqual({
      method: 'GET',
      host: undefined,
      path: '/admin',
      query: 'x=1',
      status: 200,
      line: 1,
    });
    expect(
      p.parse(
        '[pid: 1|app: 0|req: 1/1] 127.0.0.1 () {38 vars in 696 bytes} [Sun Mar 13 22:49:12 2016] POST /update_metrics => generated 47 bytes in 129 msecs (HTTP/1.1 200) 9 headers',
        2,
      ),
    ).toMatchObject({ method: 'POST', path: '/update_metrics', status: 200 });
    expect(p.parse('Mar 24 14:02:50 web1 tomcat.log: 127.0.0.1 - - "GET /bad.foo HTTP/1.1" 404 65508 4.386', 3)).toMatchObject({
      method: 'GET',
      path: '/bad.foo',
      status: 404,
    });
    expect(p.parse('Mar 24 14:02:51 web1 automount[7999]: lookup(file): lookup for opt failed', 4)).toBeUndefined();
  });

  it('detects the format per file and warns about lines in another format', async () => {
    const { records, notes } = await log(
      '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 200 1 "-" "-"\nnot a log line\n1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /b HTTP/1.0" 200 1 "-" "-"\n',
      { format: 'combined' },
    );
    expect(records).toHaveLength(2);
    expect(notes).toEqual([
      {
        level: 'warning',
        message: '1 of 3 lines are not in the detected format (nginx/Apache common or combined) and were skipped (first: line 2)',
        line: 2,
      },
    ]);
  });

  it('fails in one line on a file that is no access log, and loads one without requests', async () => {
    await expect(log('hello\nworld\n')).rejects.toThrow(TrafficError);
    await expect(log('hello\nworld\n')).rejects.toThrow(
      /^not an access log: the first 2 lines are not requests in any known format .*; line 1: "hello"$/,
    );
    await expect(log('')).rejects.toThrow('not an access log: the file is empty in any known format');
    const none = await log('10.0.0.1 - - [15/Feb/2013:06:00:31 +0000] "-" 400 0 "-" "-"\n');
    expect(none.records).toEqual([]);
    expect(none.notes[0].message).toBe('no request in this nginx/Apache common or combined log (1 line without a request line)');
  });

  it('splits lines across chunks, CRLF and a byte order mark included, without holding the file', async () => {
    const got: string[] = [];
    for await (const b of lineBatches(chunks('\ufeffa\r\nbb\n\nccc', 2))) got.push(...b.lines);
    expect(got).toEqual(['a', 'bb', '', 'ccc']);
  });

  it('parses CLF times with offsets', () => {
    expect(parseClfTime('10/Oct/2000:13:55:36 -0700')).toBe(Date.parse('2000-10-10T20:55:36Z'));
    expect(parseClfTime('25/Feb/2019:16:19:48.143')).toBe(Date.parse('2019-02-25T16:19:48.143Z'));
  });
});

describe('OTLP/JSON traces', () => {
  const span = (attrs: Record<string, string | number>, extra: Record<string, unknown> = {}) => ({
    traceId: 't',
    spanId: 's',
    name: 'x',
    kind: 2,
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000000250000000',
    attributes: Object.entries(attrs).map(([key, v]) => ({
      key,
      value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v },
    })),
    ...extra,
  });
  const doc = (spans: unknown[]) =>
    JSON.stringify({
      resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ spans }] }],
    });

  async function otlp(text: string) {
    const out: TrafficRecord[] = [];
    const notes: ReaderNote[] = [];
    for await (const r of readOtlpStream(chunks(text, 9), 't.json', { onNote: (n) => notes.push(n) })) out.push(r);
    return { out, notes };
  }

  it('reads stable and legacy attribute names; http.route becomes the template; other spans are skipped', async () => {
    const { out } = await otlp(
      doc([
        span({
          'http.request.method': 'GET',
          'url.path': '/users/7',
          'url.query': 'a=1',
          'http.route': '/users/:id',
          'http.response.status_code': 200,
          'server.address': 'api.test',
          'server.port': 8443,
          'url.scheme': 'https',
        }),
        span({
          'http.method': 'POST',
          'http.target': '/orders?x=1',
          'http.route': '/orders/<int:id>',
          'http.status_code': 201,
          'http.host': 'legacy.test',
        }),
        span({ 'db.system': 'postgresql' }, { kind: 3 }),
        span({ 'http.request.method': 'GET', 'url.full': 'https://full.test/p/q' }, { kind: 'SPAN_KIND_SERVER' }),
      ]),
    );
    expect(out.map((r) => ({ method: r.method, host: r.host, path: r.path, query: r.query, route: r.route, status: r.status }))).toEqual([
      { method: 'GET', host: 'api.test:8443', path: '/users/7', query: 'a=1', route: '/users/{id}', status: 200 },
      { method: 'POST', host: 'legacy.test', path: '/orders', query: 'x=1', route: '/orders/{id}', status: 201 },
      { method: 'GET', host: 'full.test', path: '/p/q', query: undefined, route: undefined, status: undefined },
    ]);
    expect(out[0]).toMatchObject({ time: 1700000000000, durationMs: 250 });
  });

  it('reads one export per line (the Collector file exporter) and says when no span is an HTTP server span', async () => {
    const line = doc([span({ 'http.request.method': 'GET', 'url.path': '/a' })]);
    expect((await otlp(`${line}\n${line}\n`)).out).toHaveLength(2);
    const { out, notes } = await otlp(doc([span({ foo: 'bar' })]));
    expect(out).toEqual([]);
    expect(notes[0].message).toBe('no HTTP server span among 1 span (a server span with http.request.method or http.method)');
  });

  it('fails in one line on other OTLP signals and non-OTLP JSON', async () => {
    await expect(otlp('{"resourceLogs":[]}')).rejects.toThrow(
      'not OTLP/JSON traces: no "resourceSpans", only "resourceLogs" (this is an OTLP log export; read it with `rampart logs`)',
    );
    await expect(otlp('[1,2]')).rejects.toThrow('not OTLP/JSON traces: the file holds an array');
  });
});

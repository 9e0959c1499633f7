/**
 * Access logs, one line at a time: nginx / Apache common, combined and vhost forms, W3C extended (IIS),
 * Zeek http.log, AWS ALB and classic ELB, Caddy JSON, Cloudflare JSON (Logpush), JSON lines with a
 * configurable field mapping, and a last-resort "request line" form (a quoted `GET /path HTTP/1.1` with
 * its status, as in HAProxy, uWSGI or syslog-wrapped lines). The format is detected per file from its
 * first lines; files stream with flat memory. `rampart logs` reuses AccessLogParser line by line.
 */
import { fileChunks, lineBatches } from './source.ts';
import { type Header, type ReaderOptions, splitTarget, TrafficError, type TrafficRecord } from './types.ts';

export const ACCESS_LOG_FORMATS = ['combined', 'w3c', 'zeek', 'alb', 'caddy', 'cloudflare', 'jsonl', 'request-line'] as const;
export type AccessLogFormat = (typeof ACCESS_LOG_FORMATS)[number];

export const FORMAT_NAMES: Record<AccessLogFormat, string> = {
  combined: 'nginx/Apache common or combined',
  w3c: 'W3C extended (IIS)',
  zeek: 'Zeek http.log',
  alb: 'AWS ALB/ELB',
  caddy: 'Caddy JSON',
  cloudflare: 'Cloudflare JSON',
  jsonl: 'JSON lines',
  'request-line': 'free-form lines with a request line and a status',
};

/**
 * Where the fields of a JSON-lines log are (dotted paths: `req.method`, `http.status_code`; a key that
 * itself contains dots is found too). Unset fields are looked up under their usual names.
 */
export interface FieldMapping {
  method?: string;
  /** Full URL or path with query (`/users/1?x=2`), or a whole request line (`GET /x HTTP/1.1`). */
  url?: string;
  /** Path only; `query` then holds the query string. */
  path?: string;
  query?: string;
  status?: string;
  host?: string;
  time?: string;
  client?: string;
  user?: string;
  userAgent?: string;
  referer?: string;
  /** Request duration (seconds if fractional and small, else milliseconds). */
  duration?: string;
}

export const FIELD_NAMES = [
  'method',
  'url',
  'path',
  'query',
  'status',
  'host',
  'time',
  'client',
  'user',
  'userAgent',
  'referer',
  'duration',
] as const;

const DEFAULT_FIELDS: Record<keyof FieldMapping, string[]> = {
  method: [
    'method',
    'http.method',
    'http.request.method',
    'request.method',
    'req.method',
    'request_method',
    'http_method',
    'verb',
    'httpRequest.requestMethod',
  ],
  url: [
    'url',
    'uri',
    'request_uri',
    'http.url',
    'url.full',
    'http.target',
    'request.url',
    'request.uri',
    'req.url',
    'httpRequest.requestUrl',
    'request',
  ],
  path: ['path', 'url.path', 'request.path', 'req.path', 'request_path'],
  query: ['query', 'url.query', 'query_string', 'args', 'request.query'],
  status: [
    'status',
    'status_code',
    'statusCode',
    'http.status_code',
    'http.response.status_code',
    'response.status',
    'res.statusCode',
    'res.status',
    'response_status',
    'httpRequest.status',
  ],
  host: ['host', 'http.host', 'server.address', 'request.host', 'req.hostname', 'server_name', 'vhost'],
  time: ['time', 'timestamp', '@timestamp', 'ts', 'time_local', 'time_iso8601', 'datetime', 'date'],
  client: [
    'remote_addr',
    'client_ip',
    'clientIp',
    'client.address',
    'remote_ip',
    'ip',
    'request.remote_ip',
    'req.remoteAddress',
    'httpRequest.remoteIp',
  ],
  user: ['remote_user', 'user', 'username', 'user_id', 'enduser.id'],
  userAgent: [
    'user_agent',
    'http_user_agent',
    'userAgent',
    'user_agent.original',
    'http.user_agent',
    'req.headers.user-agent',
    'httpRequest.userAgent',
  ],
  referer: ['referer', 'referrer', 'http_referer', 'req.headers.referer', 'httpRequest.referer'],
  duration: ['duration', 'request_time', 'response_time', 'responseTime', 'latency', 'elapsed', 'duration_ms'],
};

export interface AccessLogOptions extends ReaderOptions {
  /** Skip detection (default `auto`). */
  format?: AccessLogFormat | 'auto';
  /** For JSON lines: where the fields are. */
  fields?: FieldMapping;
}

/** A line's parse: a record, `null` (in the format but no request: a directive, a startup message, `"-"`), `undefined` (not in the format). */
export type LineResult = TrafficRecord | null | undefined;

// ------------------------------------------------------------------------------------------- helpers

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const CLF_TIME = /^(\d{1,2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?: ([+-])(\d{2}):?(\d{2}))?$/;
let lastClf = '';
let lastClfValue: number | undefined;

/** `10/Oct/2000:13:55:36 -0700` → epoch ms. */
export function parseClfTime(s: string): number | undefined {
  if (s === lastClf) return lastClfValue;
  const m = CLF_TIME.exec(s);
  let v: number | undefined;
  if (m) {
    const mon = MONTHS[m[2]];
    if (mon !== undefined) {
      const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
      v = Date.UTC(Number(m[3]), mon, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
      if (m[8]) v -= (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) * 60_000;
    }
  } else {
    const d = Date.parse(s);
    v = Number.isFinite(d) ? d : undefined;
  }
  lastClf = s;
  lastClfValue = v;
  return v;
}

const CLF_MINUTE = /^\d{2}\/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}:\d{2}:\d{2}$/;
const CLF_ZONE = /^[+-]\d{4}$/;

/** The minute (`10/Oct/2000:13:55`) and zone (`-0700`) of the last time clfTimeAt read, and its epoch ms. */
let minuteKey = '\0';
let minuteZone = '\0';
let minuteValue = 0;

/**
 * `s` is in `line` at `at`. indexOf is a builtin that compares in native code: a third faster than
 * startsWith with a position or a charCodeAt loop for the 17 characters of a minute; when `s` is not
 * there (once a minute) it looks on to the end of the line.
 */
function sameAt(line: string, at: number, s: string): boolean {
  return line.indexOf(s, at) === at;
}

/**
 * The CLF time of `line` between `from` and `to`, as parseClfTime reads it. The usual form
 * `dd/Mon/yyyy:HH:MM:SS +zzzz` is read as its minute, parsed once per minute (lines of one minute
 * follow each other), plus its seconds.
 */
export function clfTimeAt(line: string, from: number, to: number): number | undefined {
  if (to - from === 26 && line.charCodeAt(from + 17) === 58 && line.charCodeAt(from + 20) === 32) {
    const tens = line.charCodeAt(from + 18) - 48;
    const ones = line.charCodeAt(from + 19) - 48;
    if (tens >= 0 && tens <= 5 && ones >= 0 && ones <= 9) {
      if (!sameAt(line, from, minuteKey) || !sameAt(line, from + 21, minuteZone)) {
        const key = line.slice(from, from + 17);
        const zone = line.slice(from + 21, to);
        // Only a minute and zone that CLF_TIME reads: then the time is that minute plus the seconds.
        const v = CLF_MINUTE.test(key) && CLF_ZONE.test(zone) ? parseClfTime(`${key}:00 ${zone}`) : undefined;
        if (v === undefined) return parseClfTime(line.slice(from, to));
        minuteKey = key;
        minuteZone = zone;
        minuteValue = v;
      }
      return minuteValue + (tens * 10 + ones) * 1000;
    }
  }
  return parseClfTime(line.slice(from, to));
}

/** A number or string time: seconds, milliseconds, micro- or nanoseconds since the epoch, or a date string. */
export function parseAnyTime(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (v > 1e17) return Math.floor(v / 1e6); // ns
    if (v > 1e14) return Math.floor(v / 1e3); // µs
    if (v > 1e11) return Math.floor(v); // ms
    return Math.floor(v * 1000); // s
  }
  if (typeof v === 'string' && v) {
    if (/^\d+(?:\.\d+)?$/.test(v)) return parseAnyTime(Number(v));
    const d = Date.parse(v);
    if (Number.isFinite(d)) return d;
    return parseClfTime(v);
  }
  return undefined;
}

const dash = (s: string | undefined): string | undefined => (s === undefined || s === '-' || s === '' ? undefined : s);

function unescapeQuoted(s: string | undefined): string | undefined {
  if (s === undefined || s === '-' || s === '') return undefined;
  return s.includes('\\')
    ? s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))).replace(/\\(.)/g, '$1')
    : s;
}

function statusOf(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const n = Number(s);
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

const REQUEST_LINE = /^([A-Za-z][A-Za-z-]{0,19}) (\S+)(?: (?:HTTP|HTTPS|RTSP)\/\d(?:\.\d)?)?\s*$/;

/** `GET /x?y HTTP/1.1` into the record (method, host, path, query); false when it is no request line. */
function applyRequestLine(r: TrafficRecord, request: string, scheme?: string, host?: string): boolean {
  const m = REQUEST_LINE.exec(request);
  if (!m) return false;
  const t = splitTarget(m[2], scheme, host);
  if (!t) return false;
  r.method = m[1].toUpperCase();
  r.path = t.path;
  if (t.query !== undefined) r.query = t.query;
  if (t.host) r.host = t.host;
  if (t.scheme) r.scheme = t.scheme;
  return true;
}

function newRecord(source: string, line: number): TrafficRecord {
  return { source, line, method: '-', path: '/' };
}

/** Splits `host:port` (bracketed IPv6 too) and drops the default port of the scheme. */
function normHost(h: string | undefined, scheme?: string): string | undefined {
  if (!h || h === '-') return undefined;
  const lower = h.toLowerCase();
  if ((scheme === 'https' && lower.endsWith(':443')) || (scheme === 'http' && lower.endsWith(':80')))
    return lower.slice(0, lower.lastIndexOf(':'));
  return lower;
}

// ------------------------------------------------------------------------------------------- combined

// prefix (vhost, client, ident, user) [time] "request" status bytes ["referer" "agent"] ...
const COMBINED =
  /^(\S+(?: \S+){2,4}) \[([^\]]{10,40})\] "((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/;

function parseCombined(line: string, source: string, no: number, into?: TrafficRecord): LineResult {
  const fast = fastCombined(line, source, no, into);
  return fast === false ? regexCombined(line, source, no) : fast;
}

/** The combined form by the COMBINED regex: any line it matches. */
export function regexCombined(line: string, source: string, no: number): LineResult {
  const m = COMBINED.exec(line);
  if (!m) return undefined;
  const r = newRecord(source, no);
  const prefix = m[1].split(' ');
  const n = prefix.length;
  r.clientIp = prefix[n - 3];
  const user = dash(prefix[n - 1]);
  if (user) r.user = user.replace(/^"|"$/g, '');
  let vhost: string | undefined;
  if (n >= 4) vhost = prefix[0];
  r.time = parseClfTime(m[2]);
  r.status = statusOf(m[4]);
  if (m[5] !== '-') r.responseBytes = Number(m[5]);
  const ref = unescapeQuoted(m[6]);
  if (ref) r.referer = ref;
  const ua = unescapeQuoted(m[7]);
  if (ua) r.userAgent = ua;
  const scheme = vhost?.endsWith(':443') ? 'https' : undefined;
  if (!applyRequestLine(r, unescapeQuoted(m[3]) ?? '', scheme, normHost(vhost, scheme ?? 'http'))) return null;
  return r;
}

/** Index of the first character at or after `from` that is no ASCII digit. */
function digitsEnd(line: string, from: number): number {
  let i = from;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) break;
  }
  return i;
}

/**
 * A record with every field fastCombined sets, in its order, absent ones undefined: every record of the
 * fast path (new or reused) has the same shape, so the code that reads them per line (attack windows)
 * stays monomorphic.
 */
function fastCombinedRecord(): TrafficRecord {
  return {
    source: '',
    line: 0,
    method: '',
    scheme: undefined,
    host: undefined,
    path: '/',
    query: undefined,
    status: undefined,
    time: undefined,
    clientIp: undefined,
    user: undefined,
    userAgent: undefined,
    referer: undefined,
    responseBytes: undefined,
  };
}

const NON_SPACE = /\S*/y;
/** ` HTTP/1.1` up to the closing quote of the request (`\s*` stops there: a quote is no white space). */
const HTTP_VERSION_AT = / (?:HTTP|HTTPS|RTSP)\/\d(?:\.\d)?\s*/y;

/**
 * The combined form as most servers write it, read with indexOf instead of COMBINED (the regex and its
 * seven captures were a third of `rampart logs`'s time on access logs). Returns false for anything it
 * is not sure to read as COMBINED does (a backslash escape, a `[` or `"` or a tab in the prefix, an
 * unusual request line): parseCombined then uses the regex. test/runtime/inventory/access-log-fast.test.ts
 * compares both on the corpus and on generated lines.
 */
export function fastCombined(line: string, source: string, no: number, into?: TrafficRecord): LineResult | false {
  const open = line.indexOf(' [');
  if (open < 5 || line.charCodeAt(open - 1) === 32) return false;
  // The prefix's single spaces, where they are (indexOf and lastIndexOf again would cost more).
  let spaces = 0;
  let s0 = -1;
  let s1 = -1;
  let s2 = -1;
  let s3 = -1;
  for (let i = 0; i < open; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) {
      if (i === 0 || line.charCodeAt(i - 1) === 32) return false;
      if (spaces === 0) s0 = i;
      else if (spaces === 1) s1 = i;
      else if (spaces === 2) s2 = i;
      else s3 = i;
      spaces++;
    } else if (c < 33 || c > 126 || c === 91 || c === 34) return false;
  }
  if (spaces < 2 || spaces > 4) return false;
  const close = line.indexOf(']', open + 2);
  if (close < 0 || close - open - 2 < 10 || close - open - 2 > 40) return false;
  if (line.charCodeAt(close + 1) !== 32 || line.charCodeAt(close + 2) !== 34) return false;
  if (line.indexOf('\\', close) !== -1) return false;
  const reqStart = close + 3;
  const reqEnd = line.indexOf('"', reqStart);
  if (reqEnd < 0 || line.charCodeAt(reqEnd + 1) !== 32) return false;
  // Status (3 digits or -) and bytes (digits or -).
  const st = reqEnd + 2;
  let status: number | undefined;
  let statusEnd: number;
  if (line.charCodeAt(st) === 45) statusEnd = st + 1;
  else {
    statusEnd = digitsEnd(line, st);
    if (statusEnd - st !== 3) return false;
    const n = (line.charCodeAt(st) - 48) * 100 + (line.charCodeAt(st + 1) - 48) * 10 + (line.charCodeAt(st + 2) - 48);
    status = n >= 100 && n <= 599 ? n : undefined;
  }
  if (line.charCodeAt(statusEnd) !== 32) return false;
  const by = statusEnd + 1;
  let bytesEnd: number;
  let bytes: number | undefined;
  if (line.charCodeAt(by) === 45) bytesEnd = by + 1;
  else {
    bytesEnd = digitsEnd(line, by);
    if (bytesEnd === by) return false;
    if (bytesEnd - by <= 15) {
      bytes = 0;
      for (let i = by; i < bytesEnd; i++) bytes = bytes * 10 + (line.charCodeAt(i) - 48);
    } else bytes = Number(line.slice(by, bytesEnd));
  }
  // COMBINED's `(\d+|-)` is greedy and the referer/agent pair optional: `-` followed by digits is not this form.
  if (bytes === undefined && bytesEnd < line.length && line.charCodeAt(bytesEnd) >= 48 && line.charCodeAt(bytesEnd) <= 57) return false;
  let referer: string | undefined;
  let userAgent: string | undefined;
  if (line.charCodeAt(bytesEnd) === 32 && line.charCodeAt(bytesEnd + 1) === 34) {
    const refEnd = line.indexOf('"', bytesEnd + 2);
    if (refEnd >= 0 && line.charCodeAt(refEnd + 1) === 32 && line.charCodeAt(refEnd + 2) === 34) {
      const uaEnd = line.indexOf('"', refEnd + 3);
      if (uaEnd >= 0) {
        referer = dash(line.slice(bytesEnd + 2, refEnd));
        userAgent = dash(line.slice(refEnd + 3, uaEnd));
      }
    }
  }
  // The request line: METHOD target [HTTP/x.y].
  const sp = line.indexOf(' ', reqStart);
  if (sp <= reqStart || sp > reqEnd || sp - reqStart > 20) return false;
  for (let i = reqStart; i < sp; i++) {
    const c = line.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (i > reqStart && c === 45))) return false;
  }
  const targetStart = sp + 1;
  if (line.charCodeAt(targetStart) !== 47) return false;
  let targetEnd = line.indexOf(' ', targetStart);
  if (targetEnd < 0 || targetEnd > reqEnd) targetEnd = reqEnd;
  else {
    HTTP_VERSION_AT.lastIndex = targetEnd;
    if (!HTTP_VERSION_AT.test(line) || HTTP_VERSION_AT.lastIndex !== reqEnd) return false;
  }
  // COMBINED's `(\S+)`: no other white space in the target (tabs, Unicode spaces).
  NON_SPACE.lastIndex = targetStart;
  NON_SPACE.test(line);
  if (NON_SPACE.lastIndex < targetEnd) return false;
  // COMBINED would take a longer prefix if another ` [` followed one of its first five tokens: only the
  // time can hold one (the request line was checked above). Looked for in the time only: indexOf would
  // read on to the end of the line, stopping at every space of the user agent.
  for (let i = open + 3; i < close; i++) if (line.charCodeAt(i) === 91 && line.charCodeAt(i - 1) === 32) return false;

  const prefixEnd = open;
  // [vhost] client ident user: the client is the third token from the end.
  const lastSpace = spaces === 2 ? s1 : spaces === 3 ? s2 : s3;
  const ipStart = spaces === 2 ? 0 : (spaces === 3 ? s0 : s1) + 1;
  const ipEnd = spaces === 2 ? s0 : spaces === 3 ? s1 : s2;
  const vhost = spaces >= 3 ? line.slice(0, s0) : undefined;
  const scheme = vhost?.endsWith(':443') ? 'https' : undefined;
  const q = line.indexOf('?', targetStart);
  const hash = line.indexOf('#', targetStart);
  const end = hash === -1 || hash > targetEnd ? targetEnd : hash;
  const withQuery = q !== -1 && q < end;
  const r = into ?? fastCombinedRecord();
  r.source = source;
  r.line = no;
  r.method = line.slice(reqStart, sp);
  r.scheme = scheme;
  r.host = normHost(vhost, scheme ?? 'http') || undefined;
  r.path = line.slice(targetStart, withQuery ? q : end);
  r.query = withQuery ? line.slice(q + 1, end) : undefined;
  r.status = status;
  // `-` (no user) is read in place, and a time of the same minute as the line before (most lines) too.
  r.time = clfTimeAt(line, open + 2, close);
  r.clientIp = line.slice(ipStart, ipEnd);
  r.user = prefixEnd - lastSpace !== 2 || line.charCodeAt(lastSpace + 1) !== 45 ? line.slice(lastSpace + 1, prefixEnd) : undefined;
  r.userAgent = userAgent;
  r.referer = referer;
  r.responseBytes = bytes;
  return r;
}

// ------------------------------------------------------------------------------------------- ALB / ELB

// [type] time elb client:port target:port t1 t2 t3 elb_status target_status received sent "request" "agent" ...
const ALB =
  /^(?:(https?|h2|grpcs|wss?) )?(\d{4}-\d\d-\d\dT[\d:.]+Z) (\S+) (\S+) (\S+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (\d{3}|-) (\d{3}|-) (\d+|-) (\d+|-) "([^"]*)" "((?:[^"\\]|\\.)*)"/;

function parseAlb(line: string, source: string, no: number): LineResult {
  const m = ALB.exec(line);
  if (!m) return undefined;
  const r = newRecord(source, no);
  r.time = Date.parse(m[2]);
  const client = m[4];
  r.clientIp = client.includes(':') ? client.slice(0, client.lastIndexOf(':')) : client;
  r.status = statusOf(m[9]) ?? statusOf(m[10]);
  if (m[12] !== '-') r.responseBytes = Number(m[12]);
  const times = [m[6], m[7], m[8]].map(Number);
  if (times.every((t) => t >= 0)) r.durationMs = Math.round((times[0] + times[1] + times[2]) * 1000);
  const ua = unescapeQuoted(m[14]);
  if (ua) r.userAgent = ua;
  if (!applyRequestLine(r, m[13])) return null;
  return r;
}

// ------------------------------------------------------------------------------------------- W3C / Zeek

/** Splits a W3C line on spaces, keeping "quoted values" together. */
function w3cTokens(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= n) break;
    if (line[i] === '"') {
      const end = line.indexOf('"', i + 1);
      if (end === -1) {
        out.push(line.slice(i + 1));
        break;
      }
      out.push(line.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < n && line[j] !== ' ' && line[j] !== '\t') j++;
      out.push(line.slice(i, j));
      i = j;
    }
  }
  return out;
}

interface ColumnIndex {
  method: number;
  stem: number;
  query: number;
  uri: number;
  status: number;
  host: number;
  date: number;
  time: number;
  client: number;
  user: number;
  ua: number;
  referer: number;
  duration: number;
  bytes: number;
  port: number;
  ts: number;
}

function w3cColumns(fields: string[]): ColumnIndex {
  const at = (...names: string[]) => {
    for (const n of names) {
      const i = fields.findIndex((f) => f.toLowerCase() === n);
      if (i !== -1) return i;
    }
    return -1;
  };
  return {
    method: at('cs-method', 'method'),
    stem: at('cs-uri-stem'),
    query: at('cs-uri-query'),
    uri: at('cs-uri', 'uri'),
    status: at('sc-status', 'status_code'),
    host: at('cs(host)', 'cs-host', 'host'),
    date: at('date', 'date-local'),
    time: at('time', 'time-local'),
    client: at('c-ip', 'id.orig_h'),
    user: at('cs-username', 'username'),
    ua: at('cs(user-agent)', 'user_agent'),
    referer: at('cs(referer)', 'referrer'),
    duration: at('time-taken', 'timetakenms'),
    bytes: at('sc-bytes', 'response_body_len'),
    port: at('s-port', 'id.resp_p'),
    ts: at('ts'),
  };
}

function recordFromColumns(
  cols: ColumnIndex,
  v: string[],
  source: string,
  no: number,
  unset: (s: string | undefined) => string | undefined,
  iis: boolean,
): LineResult {
  const get = (i: number) => (i === -1 ? undefined : unset(v[i]));
  const method = get(cols.method);
  if (!method) return null;
  const r = newRecord(source, no);
  r.method = method.toUpperCase();
  const port = get(cols.port);
  const scheme = port === '443' ? 'https' : port === '80' ? 'http' : undefined;
  const host = normHost(get(cols.host), scheme);
  const stem = get(cols.stem);
  let target = stem ?? get(cols.uri);
  if (!target) return null;
  const q = get(cols.query);
  if (stem && q) target = `${stem}?${q}`;
  const t = splitTarget(target, scheme, host);
  if (!t) return null;
  r.path = t.path;
  if (t.query !== undefined) r.query = t.query;
  r.host = t.host ?? host;
  if (t.scheme ?? scheme) r.scheme = t.scheme ?? scheme;
  r.status = statusOf(get(cols.status));
  const ts = get(cols.ts);
  if (ts) r.time = parseAnyTime(ts);
  else {
    const d = get(cols.date);
    const tm = get(cols.time);
    if (d && tm) {
      const ms = Date.parse(`${d}T${tm}Z`);
      if (Number.isFinite(ms)) r.time = ms;
    }
  }
  const client = get(cols.client);
  if (client) r.clientIp = client;
  const user = get(cols.user);
  if (user) r.user = user;
  const ua = get(cols.ua);
  if (ua) r.userAgent = iis ? ua.replace(/\+/g, ' ') : ua;
  const ref = get(cols.referer);
  if (ref) r.referer = ref;
  const dur = get(cols.duration);
  if (dur && /^\d+$/.test(dur)) r.durationMs = Number(dur);
  const bytes = get(cols.bytes);
  if (bytes && /^\d+$/.test(bytes)) r.responseBytes = Number(bytes);
  return r;
}

// ------------------------------------------------------------------------------------------- JSON

/** The JSON object of a line, also after a prefix such as docker compose's `caddy  | `. */
function jsonOf(line: string): Record<string, unknown> | undefined {
  let start = 0;
  while (start < line.length && (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9)) start++;
  if (line[start] !== '{') {
    start = line.indexOf('{');
    if (start === -1 || start > 200) return undefined;
  }
  let end = line.length;
  while (end > start && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  if (line[end - 1] !== '}') return undefined;
  try {
    const v = JSON.parse(start === 0 && end === line.length ? line : line.slice(start, end));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `a.b.c` in an object, where a key may itself contain dots (`{"http.method": "GET"}`). */
export function getPath(obj: unknown, path: string): unknown {
  if (obj === null || typeof obj !== 'object') return undefined;
  const o = obj as Record<string, unknown>;
  if (path in o) return o[path];
  let dot = path.indexOf('.');
  while (dot !== -1) {
    const head = path.slice(0, dot);
    if (head in o) {
      const v = getPath(o[head], path.slice(dot + 1));
      if (v !== undefined) return v;
    }
    dot = path.indexOf('.', dot + 1);
  }
  return undefined;
}

const scalar = (v: unknown): string | undefined => (typeof v === 'string' ? v || undefined : typeof v === 'number' ? String(v) : undefined);

function headerMap(v: unknown): Header[] | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Header[] = [];
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (Array.isArray(val)) for (const x of val) out.push([k.toLowerCase(), String(x)]);
    else if (val !== undefined && val !== null) out.push([k.toLowerCase(), String(val)]);
  }
  return out;
}

function parseCaddy(line: string, source: string, no: number): LineResult {
  const o = jsonOf(line);
  if (!o) return undefined;
  const req = o.request;
  const isAccess =
    (typeof o.logger === 'string' && o.logger.startsWith('http.log.access')) ||
    (req !== null && typeof req === 'object' && 'uri' in req && 'method' in req);
  if (!isAccess) return 'level' in o && 'msg' in o ? null : undefined;
  if (req === null || typeof req !== 'object') return null;
  const q = req as Record<string, unknown>;
  const r = newRecord(source, no);
  const method = scalar(q.method);
  const uri = scalar(q.uri);
  if (!method || !uri) return null;
  const scheme = q.tls ? 'https' : 'http';
  const t = splitTarget(uri, scheme, scalar(q.host));
  if (!t) return null;
  r.method = method.toUpperCase();
  r.path = t.path;
  if (t.query !== undefined) r.query = t.query;
  r.host = normHost(t.host, scheme);
  r.scheme = scheme;
  r.status = typeof o.status === 'number' ? statusOf(String(o.status)) : undefined;
  r.time = parseAnyTime(o.ts);
  if (typeof o.duration === 'number') r.durationMs = Math.round(o.duration * 1000);
  if (typeof o.size === 'number') r.responseBytes = o.size;
  const ip = scalar(q.client_ip) ?? scalar(q.remote_ip);
  if (ip) r.clientIp = ip;
  const user = scalar(o.user_id);
  if (user) r.user = user;
  const rh = headerMap(q.headers);
  if (rh) {
    r.requestHeaders = rh;
    for (const [n, v] of rh) {
      if (n === 'user-agent') r.userAgent = v;
      else if (n === 'referer') r.referer = v;
    }
  }
  const sh = headerMap(o.resp_headers);
  if (sh) r.responseHeaders = sh;
  return r;
}

function parseCloudflare(line: string, source: string, no: number): LineResult {
  const o = jsonOf(line);
  if (!o) return undefined;
  const method = scalar(o.ClientRequestMethod);
  if (!method) return 'RayID' in o || 'EdgeStartTimestamp' in o ? null : undefined;
  const r = newRecord(source, no);
  const scheme = scalar(o.ClientRequestScheme)?.toLowerCase();
  const uri = scalar(o.ClientRequestURI) ?? scalar(o.ClientRequestPath);
  const t = uri ? splitTarget(uri, scheme, scalar(o.ClientRequestHost)) : undefined;
  if (!t) return null;
  r.method = method.toUpperCase();
  r.path = t.path;
  if (t.query !== undefined) r.query = t.query;
  r.host = t.host;
  if (scheme) r.scheme = scheme;
  r.status = statusOf(scalar(o.EdgeResponseStatus)) ?? statusOf(scalar(o.OriginResponseStatus));
  r.time = parseAnyTime(o.EdgeStartTimestamp);
  const end = parseAnyTime(o.EdgeEndTimestamp);
  if (r.time !== undefined && end !== undefined && end >= r.time) r.durationMs = end - r.time;
  const ip = scalar(o.ClientIP);
  if (ip) r.clientIp = ip;
  const ua = scalar(o.ClientRequestUserAgent);
  if (ua) r.userAgent = ua;
  const ref = scalar(o.ClientRequestReferer);
  if (ref) r.referer = ref;
  if (typeof o.EdgeResponseBytes === 'number') r.responseBytes = o.EdgeResponseBytes;
  const rh = headerMap(o.RequestHeaders);
  if (rh) r.requestHeaders = rh;
  const sh = headerMap(o.ResponseHeaders);
  if (sh) r.responseHeaders = sh;
  return r;
}

function makeJsonl(mapping: FieldMapping | undefined) {
  const paths = {} as Record<keyof FieldMapping, string[]>;
  for (const k of FIELD_NAMES) paths[k] = mapping?.[k] ? [mapping[k] as string] : mapping && k in mapping ? [] : DEFAULT_FIELDS[k];
  // A mapping that names url or path replaces both defaults (so `path` alone does not pick up a stray `url`).
  if (mapping?.url && !mapping.path) paths.path = [];
  if (mapping?.path && !mapping.url) paths.url = [];
  const first = (o: unknown, keys: string[]): unknown => {
    for (const k of keys) {
      const v = getPath(o, k);
      if (v !== undefined && v !== null && v !== '') return v;
    }
    return undefined;
  };
  return (line: string, source: string, no: number): LineResult => {
    const o = jsonOf(line);
    if (!o) return undefined;
    const r = newRecord(source, no);
    const methodV = scalar(first(o, paths.method));
    const host = scalar(first(o, paths.host));
    const urlV = scalar(first(o, paths.url));
    const pathV = scalar(first(o, paths.path));
    let ok = false;
    if (urlV && REQUEST_LINE.test(urlV) && !urlV.startsWith('/')) ok = applyRequestLine(r, urlV, undefined, host);
    else {
      const target = pathV ? (paths.query.length ? withQuery(pathV, scalar(first(o, paths.query))) : pathV) : urlV;
      const t = target ? splitTarget(target, undefined, host) : undefined;
      if (t && methodV) {
        r.method = methodV.toUpperCase();
        r.path = t.path;
        if (t.query !== undefined) r.query = t.query;
        r.host = t.host;
        if (t.scheme) r.scheme = t.scheme;
        ok = true;
      }
    }
    // A JSON line without a request is not evidence of this format (it could be any JSON log).
    if (!ok) return undefined;
    if (r.host) r.host = r.host.toLowerCase();
    r.status = statusOf(scalar(first(o, paths.status)));
    const time = first(o, paths.time);
    if (time !== undefined) r.time = parseAnyTime(time);
    const client = scalar(first(o, paths.client));
    if (client) r.clientIp = client;
    const user = scalar(first(o, paths.user));
    if (user && user !== '-') r.user = user;
    const ua = scalar(first(o, paths.userAgent));
    if (ua) r.userAgent = ua;
    const ref = scalar(first(o, paths.referer));
    if (ref && ref !== '-') r.referer = ref;
    const d = first(o, paths.duration);
    const dn = typeof d === 'number' ? d : typeof d === 'string' && /^\d+(?:\.\d+)?$/.test(d) ? Number(d) : undefined;
    if (dn !== undefined) r.durationMs = dn < 100 && !Number.isInteger(dn) ? Math.round(dn * 1000) : Math.round(dn);
    return r;
  };
}

function withQuery(path: string, query: string | undefined): string {
  if (!query || path.includes('?')) return path;
  return `${path}?${query.startsWith('?') ? query.slice(1) : query}`;
}

// ------------------------------------------------------------------------------------------- request line

const ANY_REQUEST =
  /(?:^|[\s"'])(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|TRACE|PROPFIND|PROPPATCH|MKCOL|COPY|MOVE|LOCK|UNLOCK|REPORT|SEARCH|PURGE) (\/\S*|https?:\/\/\S+?)(?: (?:HTTP|HTTPS)\/\d(?:\.\d)?)?(?=["'\s]|$)/;
const STANDALONE_STATUS = /(?:^|\s)([1-5]\d\d)(?=\s|$)/g;
const UWSGI_STATUS = /\((?:HTTP|HTTPS)\/[\d.]+ ([1-5]\d\d)\)/;
const BRACKET_TIME = /\[([^\]]{10,40})\]/g;
const IP_PORT = /(?:^|\s)(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}(?=\s)/;
const IP = /(?:^|\s)(\d{1,3}(?:\.\d{1,3}){3})(?=\s)/;

function parseRequestLine(line: string, source: string, no: number): LineResult {
  const m = ANY_REQUEST.exec(line);
  if (!m) return undefined;
  const r = newRecord(source, no);
  const t = splitTarget(m[2]);
  if (!t) return undefined;
  r.method = m[1];
  r.path = t.path;
  if (t.query !== undefined) r.query = t.query;
  if (t.host) r.host = t.host;
  if (t.scheme) r.scheme = t.scheme;
  const reqEnd = m.index + m[0].length;
  let status: number | undefined;
  const uw = UWSGI_STATUS.exec(line);
  if (uw) status = Number(uw[1]);
  else {
    // The token right after the request ("GET / HTTP/1.1" 200 ...), else the last one before it (HAProxy).
    const after = /^"?\s+([1-5]\d\d)(?=\s|$)/.exec(line.slice(reqEnd));
    if (after) status = Number(after[1]);
    else {
      const before = line.slice(0, m.index);
      STANDALONE_STATUS.lastIndex = 0;
      for (let s = STANDALONE_STATUS.exec(before); s; s = STANDALONE_STATUS.exec(before)) status = Number(s[1]);
    }
  }
  if (status === undefined) return undefined;
  r.status = status;
  BRACKET_TIME.lastIndex = 0;
  for (let bt = BRACKET_TIME.exec(line); bt && r.time === undefined; bt = BRACKET_TIME.exec(line)) r.time = parseClfTime(bt[1]);
  const ip = IP_PORT.exec(line) ?? IP.exec(line);
  if (ip) r.clientIp = ip[1];
  return r;
}

// ------------------------------------------------------------------------------------------- parser

type LineParser = (line: string, source: string, no: number) => LineResult;

/**
 * Parses the lines of one access log. Stateful for formats with header directives (`#Fields:` of W3C and
 * Zeek). `format` undefined: call `detect` first, or give the format.
 */
export class AccessLogParser {
  format: AccessLogFormat | undefined;
  readonly source: string;
  private fields?: FieldMapping;
  private columns?: ColumnIndex;
  private zeekSep = '\t';
  private zeekUnset = '-';
  private zeekEmpty = '(empty)';
  private jsonl?: LineParser;
  /** The record the combined form's usual lines are read into (`reuse`), every field always set. */
  private readonly reused: TrafficRecord | undefined;

  /**
   * `reuse`: the caller is done with a record when it parses the next line (a detector that keeps only
   * what it copies): most lines are then read into one record, not a new one each (records were a
   * large part of what the main thread of `rampart logs` allocated).
   */
  constructor(source: string, options: { format?: AccessLogFormat; fields?: FieldMapping; reuse?: boolean } = {}) {
    this.source = source;
    this.format = options.format;
    this.fields = options.fields;
    this.reused = options.reuse ? fastCombinedRecord() : undefined;
  }

  /**
   * Picks the format that parses most of these sample lines into requests (header directives decide W3C
   * and Zeek at once). Returns undefined when no format fits any line.
   */
  detect(sample: string[]): AccessLogFormat | undefined {
    for (const l of sample) {
      if (/^#Fields:/i.test(l)) {
        this.format = 'w3c';
        return this.format;
      }
      if (l.startsWith('#fields\t') || l.startsWith('#separator ')) {
        this.format = 'zeek';
        return this.format;
      }
    }
    const order: AccessLogFormat[] = this.fields ? ['jsonl'] : ['alb', 'cloudflare', 'caddy', 'combined', 'jsonl', 'request-line'];
    let best: AccessLogFormat | undefined;
    let bestScore = 0; // ties go to the earlier, more specific format
    for (const f of order) {
      const parse = this.parserFor(f);
      // A request counts fully; a line in the format without a request (`"-" 400`, a Caddy start-up message) a little.
      let score = 0;
      for (let i = 0; i < sample.length; i++) {
        const r = parse(sample[i], this.source, i + 1);
        if (r) score += 10;
        else if (r === null) score += 1;
      }
      if (score > bestScore) {
        best = f;
        bestScore = score;
      }
    }
    this.format = best;
    return best;
  }

  private parserFor(f: AccessLogFormat): LineParser {
    switch (f) {
      case 'combined':
        return parseCombined;
      case 'alb':
        return parseAlb;
      case 'caddy':
        return parseCaddy;
      case 'cloudflare':
        return parseCloudflare;
      case 'jsonl':
        this.jsonl ??= makeJsonl(this.fields);
        return this.jsonl;
      case 'request-line':
        // Mixed files (syslog with access lines in it): the richer combined form first.
        return (line, source, no) => parseCombined(line, source, no) || parseRequestLine(line, source, no);
      case 'w3c':
      case 'zeek':
        return (line, source, no) => this.parseColumns(line, source, no);
    }
  }

  /** One line (1-based number `no`). */
  parse(line: string, no: number): LineResult {
    const f = this.format;
    if (!f) return undefined;
    if (f === 'w3c' || f === 'zeek') return this.parseColumns(line, this.source, no);
    if (f === 'combined') return parseCombined(line, this.source, no, this.reused);
    return this.parserFor(f)(line, this.source, no);
  }

  private parseColumns(line: string, source: string, no: number): LineResult {
    if (line.startsWith('#')) {
      if (/^#Fields:/i.test(line)) {
        this.columns = w3cColumns(line.slice(8).trim().split(/\s+/));
        this.format = 'w3c';
      } else if (line.startsWith('#fields')) {
        this.columns = w3cColumns(line.slice(8).split(this.zeekSep));
        this.format = 'zeek';
      } else if (line.startsWith('#separator ')) {
        const s = line.slice(11).trim();
        this.zeekSep = s.replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
      } else if (line.startsWith('#unset_field')) this.zeekUnset = line.slice(13) || '-';
      else if (line.startsWith('#empty_field')) this.zeekEmpty = line.slice(13) || '(empty)';
      return null;
    }
    if (!line.trim()) return null;
    if (!this.columns) return undefined;
    if (this.format === 'zeek') {
      const unset = this.zeekUnset;
      const empty = this.zeekEmpty;
      return recordFromColumns(
        this.columns,
        line.split(this.zeekSep),
        source,
        no,
        (s) => (s === undefined || s === unset || s === empty ? undefined : s),
        false,
      );
    }
    return recordFromColumns(this.columns, w3cTokens(line), source, no, dash, true);
  }
}

const SAMPLE_LINES = 200;
const SAMPLE_CHARS = 512 * 1024;

/** Reads an access log line by line: the format is detected from its first lines (or given). */
export async function* readAccessLog(absPath: string, display: string, opts: AccessLogOptions = {}): AsyncGenerator<TrafficRecord> {
  yield* readAccessLogStream(fileChunks(absPath, display, { reuse: true }), display, opts);
}

export async function* readAccessLogStream(
  input: AsyncIterable<Buffer | string>,
  display: string,
  opts: AccessLogOptions = {},
): AsyncGenerator<TrafficRecord> {
  const parser = new AccessLogParser(display, { format: opts.format === 'auto' ? undefined : opts.format, fields: opts.fields });
  const pending: { text: string; no: number }[] = [];
  let sampleChars = 0;
  let total = 0;
  let foreign = 0;
  let firstForeign = 0;
  let requests = 0;
  let other = 0;

  function* run(text: string, no: number): Generator<TrafficRecord> {
    total++;
    const r = parser.parse(text, no);
    if (r) {
      requests++;
      yield r;
    } else if (r === undefined && text.trim() !== '') {
      foreign++;
      firstForeign ||= no;
    } else if (r === null && text.trim() !== '' && !text.startsWith('#')) other++;
  }

  const detect = (): void => {
    if (parser.format) return;
    const sample = pending.filter((l) => l.text.trim() !== '').map((l) => l.text);
    if (!parser.detect(sample)) {
      const first = sample.find((l) => !l.startsWith('#')) ?? sample[0] ?? '';
      const what =
        sample.length === 0
          ? 'the file is empty'
          : `the first ${sample.length === 1 ? 'line is' : `${sample.length} lines are`} not requests`;
      throw new TrafficError(
        `not an access log: ${what} in any known format (nginx/Apache, W3C/IIS, Zeek, AWS ALB/ELB, Caddy, Cloudflare, JSON lines with method and url)${first ? `; line 1: "${first.slice(0, 60)}${first.length > 60 ? '…' : ''}"` : ''}`,
        display,
        sample.length ? pending.find((l) => l.text.trim() !== '')?.no : undefined,
        sample.length ? 1 : undefined,
      );
    }
  };

  for await (const batch of lineBatches(input)) {
    let no = batch.first;
    if (!parser.format) {
      for (const text of batch.lines) {
        pending.push({ text, no: no++ });
        sampleChars += text.length;
      }
      if (pending.filter((l) => l.text.trim() && !l.text.startsWith('#')).length < SAMPLE_LINES && sampleChars < SAMPLE_CHARS) continue;
      detect();
      for (const l of pending) yield* run(l.text, l.no);
      pending.length = 0;
      continue;
    }
    for (const text of batch.lines) yield* run(text, no++);
  }
  if (!parser.format) {
    detect();
    for (const l of pending) yield* run(l.text, l.no);
  }
  if (requests === 0 && other === 0) {
    throw new TrafficError(
      `no request found in ${total} line${total === 1 ? '' : 's'} read as ${FORMAT_NAMES[parser.format as AccessLogFormat]}`,
      display,
      firstForeign || undefined,
    );
  }
  const json = parser.format === 'caddy' || parser.format === 'cloudflare' || parser.format === 'jsonl';
  const name = FORMAT_NAMES[parser.format as AccessLogFormat];
  if (foreign) {
    opts.onNote?.({
      level: json ? 'note' : 'warning',
      message: `${foreign} of ${total} lines are not in the detected format (${name}) and were skipped (first: line ${firstForeign})`,
      line: firstForeign,
    });
  }
  if (requests === 0)
    opts.onNote?.({
      level: 'warning',
      message: `no request in this ${name} log (${other} line${other === 1 ? '' : 's'} without a request line)`,
    });
  else if (other && json)
    opts.onNote?.({ level: 'note', message: `${other} JSON line${other === 1 ? ' is' : 's are'} no request (other log messages)` });
}

/**
 * One HTTP exchange as the run-time stage sees it, whatever it came from: a HAR entry, an access-log line
 * or an OpenTelemetry server span. Readers fill in what their format knows and leave the rest undefined;
 * `rampart inventory` and `rampart logs` consume the same shape.
 */

/** `[name lowercased, value]`, in the order they were sent. */
export type Header = [name: string, value: string];

export interface Body {
  /** Media type without parameters, lowercased (`application/json`). */
  mimeType?: string;
  /** Decoded text, cut at the reader's `maxBodyChars`; undefined for binary content. */
  text?: string;
  /** The body was longer than `text`. */
  truncated?: boolean;
  /** Size in bytes as the source reported it. */
  size?: number;
}

export interface TrafficRecord {
  /** The input file as shown to users (relative path), or `-` for standard input. */
  source: string;
  /** 1-based line of the input where this exchange starts (HAR entry, log line, OTLP resource). */
  line: number;
  /** Upper-case method (`GET`); `-` when the log line had no request line. */
  method: string;
  scheme?: string;
  /** `host` or `host:port` (default ports left out), lowercased. */
  host?: string;
  /** Path as sent, still percent-encoded, without the query; always starts with `/`. */
  path: string;
  /** Query string without the `?` (undefined: none). */
  query?: string;
  /** Route template the server itself reported (OpenTelemetry `http.route`): it wins over guessing. */
  route?: string;
  status?: number;
  /** Start time, epoch milliseconds. */
  time?: number;
  durationMs?: number;
  clientIp?: string;
  /** Authenticated user as the log recorded it (`%u`, `cs-username`, `enduser.id`). */
  user?: string;
  userAgent?: string;
  referer?: string;
  requestHeaders?: Header[];
  responseHeaders?: Header[];
  requestBody?: Body;
  responseBody?: Body;
  /** Bytes sent to the client, when the log says. */
  responseBytes?: number;
  /** A WebSocket upgrade; its messages are in the bodies (sent: request, received: response). */
  websocket?: boolean;
  /** What the producer said about the resource (HAR `_resourceType`: xhr, fetch, script, image...). */
  resourceType?: string;
}

/** Problems a reader met that do not stop it (an entry without a URL, lines in another format). */
export interface ReaderNote {
  level: 'warning' | 'note';
  message: string;
  line?: number;
  column?: number;
}

/** Input that cannot be read at all, with the place: one line, `file:line:col: message`. */
export class TrafficError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  constructor(message: string, file: string, line?: number, column?: number) {
    super(message);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

/** Options every reader takes. */
export interface ReaderOptions {
  /** Longest body text kept per exchange (default 256 KiB); the rest is cut, `truncated` says so. */
  maxBodyChars?: number;
  /** Called for problems that do not stop the reader. */
  onNote?: (note: ReaderNote) => void;
}

export const DEFAULT_MAX_BODY_CHARS = 256 * 1024;

/** `https://Example.com:443/a` → `example.com`; `http://x:8080` → `x:8080`. */
export function hostOf(url: URL): string {
  return url.host.toLowerCase();
}

/** The status class of a code: `2xx`; `unknown` when there is none. */
export function statusClass(status: number | undefined): string {
  if (status === undefined || !Number.isFinite(status) || status < 100 || status > 599) return 'unknown';
  return `${Math.floor(status / 100)}xx`;
}

/** Media type without parameters, lowercased. */
export function mediaType(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const t = v.split(';')[0].trim().toLowerCase();
  return t || undefined;
}

/** Text-like content worth decoding and scanning (JSON, XML, forms, text, JavaScript). */
export function isTextual(mime: string | undefined): boolean {
  if (!mime) return false;
  return (
    mime.startsWith('text/') ||
    mime.endsWith('+json') ||
    mime.endsWith('+xml') ||
    /^application\/(?:json|xml|x-www-form-urlencoded|javascript|x-javascript|ecmascript|graphql|x-ndjson|ld\+json|problem\+json|soap\+xml)$/.test(
      mime,
    ) ||
    mime === 'multipart/form-data'
  );
}

export function headerValue(headers: Header[] | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [n, v] of headers) if (n === name) return v;
  return undefined;
}

/** Splits `https://h/p?q` or `/p?q` into the record's host, path and query; undefined if it is no URL. */
export function splitTarget(
  target: string,
  scheme?: string,
  host?: string,
): { scheme?: string; host?: string; path: string; query?: string } | undefined {
  if (target === '' || target === '*') return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    let u: URL;
    try {
      u = new URL(target);
    } catch {
      return undefined;
    }
    return {
      scheme: u.protocol.slice(0, -1),
      host: hostOf(u),
      path: u.pathname || '/',
      query: u.search ? u.search.slice(1) : undefined,
    };
  }
  if (!target.startsWith('/')) return undefined;
  const q = target.indexOf('?');
  const hash = target.indexOf('#');
  const end = hash === -1 ? target.length : hash;
  const path = q === -1 || q > end ? target.slice(0, end) : target.slice(0, q);
  const query = q === -1 || q > end ? undefined : target.slice(q + 1, end);
  return { scheme, host: host?.toLowerCase(), path: path || '/', query };
}

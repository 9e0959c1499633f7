/**
 * URL and host classification for the transport / server / inventory checks. URLs go through the
 * WHATWG URL parser (the one browsers and Node's fetch use), so `http://2130706433/`, `http://0x7f.1/`
 * and `http://[::ffff:127.0.0.1]/` are all recognised as loopback, exactly as a client would see them.
 */

export interface ParsedUrl {
  /** Lowercased scheme without `:`; undefined for scheme-relative (`//host`) and relative URLs. */
  scheme?: string;
  /** Hostname as the URL parser normalises it: lowercase, IPv4 dotted, IPv6 bracketed, no trailing dot. */
  hostname: string;
  /** Decoded user name and password of the userinfo part (`user:pass@`), if any. */
  username: string;
  password: string;
  /** No host at all (`/v1`, `v1/api`): relative to where the definition is served. */
  relative: boolean;
  url?: URL;
}

const SCHEME = /^([a-z][a-z0-9+.-]{0,30}):/i;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Parses a server / OAuth / `$ref` URL. Never throws: unparsable input comes back as relative. */
export function parseUrl(raw: string): ParsedUrl {
  const text = raw.trim();
  const relative: ParsedUrl = { hostname: '', username: '', password: '', relative: true };
  let scheme: string | undefined;
  let input = text;
  if (text.startsWith('//')) input = `https:${text}`;
  else {
    scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
    if (!scheme) return relative;
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return relative;
  }
  let hostname = url.hostname;
  if (hostname.endsWith('.')) hostname = hostname.slice(0, -1);
  if (!hostname) return { ...relative, scheme };
  return { scheme, hostname, username: decode(url.username), password: decode(url.password), relative: false, url };
}

export type HostKind = 'loopback' | 'unspecified' | 'private' | 'link-local' | 'internal-name' | 'public';

export interface HostClass {
  kind: HostKind;
  /** Why, in words for a message: "a loopback host name", "a private network address (10.0.0.0/8)", ... */
  label: string;
}

const INTERNAL_SUFFIXES = ['local', 'internal', 'corp', 'lan', 'intranet', 'localdomain', 'home.arpa'];

const PUBLIC: HostClass = { kind: 'public', label: 'public host' };

/** Classifies a hostname as `ParsedUrl.hostname` returns it. */
export function classifyHost(hostname: string): HostClass {
  const h = hostname.toLowerCase();
  if (!h) return PUBLIC;
  if (h.startsWith('[')) return classifyV6(h.slice(1, -1));
  const v4 = parseV4(h);
  if (v4) return classifyV4(v4);
  if (h === 'localhost' || h.endsWith('.localhost')) return { kind: 'loopback', label: 'a loopback host name' };
  // Server variables without a default, or templated hosts: nothing to judge.
  if (h.includes('{') || h.includes('%7b')) return PUBLIC;
  for (const s of INTERNAL_SUFFIXES) {
    if (h === s || h.endsWith(`.${s}`)) return { kind: 'internal-name', label: `an internal DNS name (.${s})` };
  }
  if (!h.includes('.') && /^[a-z0-9-]{1,63}$/.test(h))
    return { kind: 'internal-name', label: 'a single-label host name, which resolves only on an internal network' };
  return PUBLIC;
}

/** True for hosts whose traffic never leaves the machine (loopback and the unspecified address). */
export function isLoopback(hostname: string): boolean {
  const k = classifyHost(hostname).kind;
  return k === 'loopback' || k === 'unspecified';
}

function parseV4(h: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

function classifyV4([a, b]: number[]): HostClass {
  if (a === 127) return { kind: 'loopback', label: 'a loopback address (127.0.0.0/8)' };
  if (a === 0) return { kind: 'unspecified', label: 'the unspecified address (0.0.0.0/8)' };
  if (a === 10) return { kind: 'private', label: 'a private network address (10.0.0.0/8)' };
  if (a === 172 && b >= 16 && b <= 31) return { kind: 'private', label: 'a private network address (172.16.0.0/12)' };
  if (a === 192 && b === 168) return { kind: 'private', label: 'a private network address (192.168.0.0/16)' };
  if (a === 100 && b >= 64 && b <= 127) return { kind: 'private', label: 'a shared carrier-grade NAT address (100.64.0.0/10)' };
  if (a === 169 && b === 254) return { kind: 'link-local', label: 'a link-local address (169.254.0.0/16, the cloud metadata range)' };
  return PUBLIC;
}

/** Expands an IPv6 address (as the URL parser serialises it) to 8 hextets. */
function expandV6(s: string): number[] | undefined {
  let text = s;
  // Embedded IPv4 tail (the URL parser already rewrites it, but be liberal).
  const tail = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(text);
  if (tail) {
    const v4 = parseV4(tail[1]);
    if (!v4) return undefined;
    text = `${text.slice(0, -tail[1].length)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = 8 - head.length - rest.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return undefined;
  const all = [...head, ...Array<string>(fill).fill('0'), ...rest];
  const out: number[] = [];
  for (const p of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(p)) return undefined;
    out.push(Number.parseInt(p, 16));
  }
  return out;
}

function classifyV6(s: string): HostClass {
  const h = expandV6(s);
  if (!h) return PUBLIC;
  const zeroHead = h.slice(0, 5).every((x) => x === 0);
  if (zeroHead && h[5] === 0 && h[6] === 0 && h[7] === 1) return { kind: 'loopback', label: 'the IPv6 loopback address (::1)' };
  if (h.every((x) => x === 0)) return { kind: 'unspecified', label: 'the unspecified IPv6 address (::)' };
  if (zeroHead && h[5] === 0xffff) {
    const v4 = classifyV4([h[6] >> 8, h[6] & 0xff, h[7] >> 8, h[7] & 0xff]);
    return v4.kind === 'public' ? PUBLIC : { kind: v4.kind, label: `${v4.label}, IPv4-mapped` };
  }
  if ((h[0] & 0xfe00) === 0xfc00) return { kind: 'private', label: 'an IPv6 unique local address (fc00::/7)' };
  if ((h[0] & 0xffc0) === 0xfe80) return { kind: 'link-local', label: 'an IPv6 link-local address (fe80::/10)' };
  return PUBLIC;
}

/**
 * True when the URL travels in clear over the network: http:// or ws:// to a host that is not loopback.
 * With `hostless`, an http URL without a host (a Swagger 2.0 `schemes: [http]` without `host`, served
 * from wherever the definition is) counts too.
 */
export function isCleartext(p: ParsedUrl, hostless = false): boolean {
  if (p.scheme !== 'http' && p.scheme !== 'ws') return false;
  return p.relative ? hostless : !isLoopback(p.hostname);
}

/** Values that stand for "put your credentials here" rather than real credentials. */
const PLACEHOLDER =
  /^(?:<[^<>]{0,64}>|\{[^{}]{0,64}\}|\$\{?[\w.-]{0,64}\}?|%[\w.-]{0,64}%|x{3,}|\*{3,}|\.{3}|(?:your[-_]?)?(?:user(?:name)?|pass(?:word)?|pwd|secret|token|api[-_]?key|key)|changeit|example)$/i;

export function isPlaceholder(s: string): boolean {
  return PLACEHOLDER.test(s);
}

/**
 * Shows a URL with its userinfo redacted: the user name stays (it identifies the account) unless it may
 * itself be the secret (no password: then only its first characters), the password never appears.
 */
export function redactUserinfo(p: ParsedUrl): string {
  if (!p.url) return '';
  const info = p.password ? `${p.username}:****` : secretPrefix(p.username);
  const u = p.url;
  const port = u.port ? `:${u.port}` : '';
  const path = u.pathname === '/' && !u.search ? '' : u.pathname;
  return `${p.scheme ?? ''}${p.scheme ? ':' : ''}//${info}@${u.hostname}${port}${path}`;
}

/** The first characters of a value that may be a secret (none when it is short): `ghp_…`. */
export function secretPrefix(s: string): string {
  return s.length < 16 ? '****' : `${s.slice(0, 4)}…`;
}

/**
 * A URL as messages may show it: credentials in its userinfo are redacted (placeholders such as
 * `{user}:{password}` are kept), everything else is left as written. Every check that prints a URL from
 * the definition goes through this, so a password never reaches a report through another check.
 */
export function displayUrl(raw: string): string {
  if (!raw.includes('@')) return raw;
  const p = parseUrl(raw.startsWith('{') ? raw.replace(/^\{[^{}/]{0,64}\}/, 'https') : raw);
  if (p.relative || (!p.username && !p.password)) return raw;
  if ((!p.username || isPlaceholder(p.username)) && (!p.password || isPlaceholder(p.password))) return raw;
  const start = raw.indexOf('//');
  if (start === -1) return redactUserinfo(p);
  // The authority ends at the first /, ? or # after `//`; its last @ ends the userinfo.
  let end = raw.length;
  for (const c of ['/', '?', '#']) {
    const i = raw.indexOf(c, start + 2);
    if (i !== -1 && i < end) end = i;
  }
  const at = raw.lastIndexOf('@', end);
  if (at < start) return redactUserinfo(p);
  const user = p.password ? `${p.username}:****` : secretPrefix(p.username);
  return `${raw.slice(0, start + 2)}${user}${raw.slice(at)}`;
}

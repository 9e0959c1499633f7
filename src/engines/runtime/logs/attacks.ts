/**
 * Attack signals in access logs, keyed by client (user, else address) over sliding windows: brute force
 * on login-like paths, enumeration of one template's ids, injection payloads in URLs, known scanners and
 * spikes of 401/403/429/5xx against a moving baseline. Memory is bounded: windows keep at most their
 * threshold of timestamps and the key tables are cleared when they grow past `maxKeys`.
 */
import { detached } from '../../../formats/traffic/source.ts';
import type { TrafficRecord } from '../../../formats/traffic/types.ts';
import { IdWindows } from './id-windows.ts';

export interface AttackOptions {
  /** Brute force: failures (401/403) on login-like paths by one client within `bruteForceWindowSec`. */
  bruteForceThreshold: number;
  bruteForceWindowSec: number;
  /** Enumeration: distinct ids of one template by one client within the window, mostly 403/404. */
  enumerationThreshold: number;
  enumerationWindowSec: number;
  /** Share of 403/404 among those requests. */
  enumerationDenyRatio: number;
  /** Spikes: errors in one minute at least this many and `spikeFactor` times the moving baseline. */
  spikeMinCount: number;
  spikeFactor: number;
  maxKeys: number;
}

export const DEFAULT_ATTACK_OPTIONS: AttackOptions = {
  bruteForceThreshold: 10,
  bruteForceWindowSec: 300,
  enumerationThreshold: 20,
  enumerationWindowSec: 300,
  enumerationDenyRatio: 0.5,
  spikeMinCount: 20,
  spikeFactor: 5,
  maxKeys: 20_000,
};

export const ATTACK_KINDS = [
  'brute-force',
  'enumeration',
  'sql-injection',
  'xss',
  'path-traversal',
  'command-injection',
  'ssrf',
  'scanner',
  'error-spike',
] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

export interface AttackHit {
  kind: AttackKind;
  /** Client key (`user alice`, `ip 10.0.0.1`) or the minute for spikes. */
  key: string;
  line: number;
  detail: string;
}

const LOGIN = /log-?in|sign-?in|auth|token|session|password|passwd|otp|2fa|mfa|account\/verify/i;

export const INJECTION: [AttackKind, RegExp][] = [
  [
    'sql-injection',
    /(?:'|"|\b)\s*(?:or|and)\s+['"]?\w{1,10}['"]?\s*(?:=|like)\s*['"]?\w|\bunion\b[\s+(/*]{1,20}(?:all[\s+]{1,5})?select\b|\bselect\s[^&]{0,60}\sfrom\b|;\s*(?:drop|delete|insert|update|shutdown)\b|\bsleep\s*\(\s*\d|\bbenchmark\s*\(|waitfor\s+delay|information_schema|\bpg_sleep\b|'\s*--|\bxp_cmdshell\b/i,
  ],
  [
    'xss',
    /<\s*script|javascript\s*:|\bon(?:error|load|mouseover|focus)\s*=|<\s*(?:img|svg|iframe|body)\b|\balert\s*\(|document\.cookie|\bprompt\s*\(/i,
  ],
  ['path-traversal', /(?:\.\.|%2e%2e|%252e)(?:\/|\\|%2f|%5c)|\/etc\/(?:passwd|shadow|hosts)|\bwin\.ini\b|\bboot\.ini\b|\/proc\/self\//i],
  [
    'command-injection',
    /(?:[;|`]|\$\(|&&)\s*(?:cat|ls|id|whoami|uname|wget|curl|nc|ncat|bash|sh|ping|nslookup|powershell|cmd)\b|\/bin\/(?:ba)?sh\b|\bcmd\.exe\b/i,
  ],
  [
    'ssrf',
    /(?:=|:\s*)(?:https?|gopher|dict|ftp|file):\/\/(?:localhost|127\.\d|0\.0\.0\.0|0x7f|169\.254\.169\.254|metadata\.google\.internal|\[::1?\]|10\.\d|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)|=\s*file:\/\//i,
  ],
];

/**
 * What every match of an injection pattern above holds, as it is or percent-encoded: most URLs have
 * none of it. A character some pattern needs (quotes, brackets, separators, `:`, `*`, white space; raw
 * white space is in URLs of some log formats), a percent escape that decodes to one of those, to `%`,
 * `.`, `/`, `=`, `_`, a letter or a Unicode space (`%2C`, a comma, or `%D8%B3`, a letter of a non-Latin
 * path, cannot form any pattern, and both are common), or a pattern's word checked back from its `/`,
 * `.`, `_` or `=` (`etc/`, `win.ini`, `xp_cmdshell`, `onerror=`): a word tried at every letter made this
 * test cost more than parsing the line. test/runtime/logs/injection-hint.test.ts holds every pattern to it.
 */
export const INJECTION_HINT =
  /%(?:0[9a-d]|2[0245678abef]|3[a-e]|[46][0-9a-f]|5[0-9acf]|7[0-9ac]|c2%a0|e1%9a%80|e2%8[01]|e3%80%80|ef%bb%bf)|['"<>;|`$(\\+*:\s]|&&|\/(?<=(?:etc|proc|union|bin)\/)|\.(?<=(?:\.|win|boot|cmd|document)\.)|_(?<=(?:information|xp|pg)_)|=(?<=on(?:error|load|mouseover|focus)\s*=)/i;

const SCANNER_UA =
  /sqlmap|nikto|nmap|masscan|zgrab|nuclei|dirbuster|gobuster|wpscan|acunetix|nessus|openvas|w3af|burp|ffuf|feroxbuster|hydra|zmeu|jorgee|netsparker|arachni|wfuzz|whatweb|censys|l9explore|python-requests\/[\d.]+ \(scan/i;
/** What scanners probe for, as a path segment: `.env`, `wp-login.php`, `.git/`. */
const PROBED = String.raw`(?:\.env(?:\.\w+)?$|\.git\/|\.svn\/|\.aws\/|\.ssh\/|\.DS_Store$|wp-login\.php|wp-admin\b|xmlrpc\.php|phpmyadmin|pma\/|server-status|actuator\/(?:env|heapdump)|cgi-bin\/|config\.php|\.htaccess|\.htpasswd|boaform|HNAP1|vendor\/phpunit)`;
export const SCANNER_PATH = new RegExp(String.raw`^\/(?:[^?]*\/)?` + PROBED, 'i');
/**
 * SCANNER_PATH for a path that starts with `/` and holds no `?` (every parsed one): a probed name after
 * any `/`, looked for from each `/` instead of backtracking from the end of the path to each of them.
 */
const SCANNER_PATH_PLAIN = new RegExp(String.raw`\/` + PROBED, 'i');

/** A path that probes for what scanners look for (`/.env`, `/wp-login.php`, `/.git/`). */
export function probingPath(path: string): boolean {
  return path.charCodeAt(0) === 47 && !path.includes('?') ? SCANNER_PATH_PLAIN.test(path) : SCANNER_PATH.test(path);
}

const DIGIT = /\d/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path segment that is an id: all digits, a UUID, or 24+ hex digits (an ObjectId, a hash). */
function isIdSegment(path: string, from: number, to: number): boolean {
  const n = to - from;
  if (n === 0) return false;
  let digits = true;
  let hex = true;
  for (let i = from; i < to; i++) {
    const c = path.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    digits = false;
    if (!((c >= 97 && c <= 102) || (c >= 65 && c <= 70))) {
      hex = false;
      break;
    }
  }
  if (digits || (hex && n >= 24)) return true;
  return n === 36 && UUID.test(path.slice(from, to));
}

/**
 * Concrete path to a template: numbers, UUIDs, hex ids and long opaque segments become `{id}`; `id` is
 * the last of them.
 */
export function roughTemplate(path: string): { template: string; id?: string } {
  const facts = newPathFacts();
  return idSegments(path, facts, true) === 0 ? { template: path } : { template: facts.template, id: path.slice(facts.idFrom, facts.idTo) };
}

/**
 * What the attack windows need to know of a template. Paths with ids are mostly new (`/image/84644`):
 * their template (`/image/{id}`) is not, and an id segment changes neither fact (no character of an id
 * is one INJECTION_HINT or a probed name looks for), so they are worked out once per template.
 */
interface TemplateFacts {
  /** The template (an own copy: the table's key). */
  template: string;
  /** The endpoint number of `GET template` (the table of templates is cleared with the endpoint numbers). */
  getEndpoint: number;
  hinted: boolean;
  probing: boolean;
}

/**
 * What the attack windows need to know of a path. Paths without an id repeat (the same resources for
 * many clients): AttackDetector keeps the facts of recent ones and checks each new one only once.
 */
interface PathFacts {
  /** The path (an own copy: the cache's key). */
  path: string;
  template: string;
  /** Where the last id segment is (-1: none). */
  idFrom: number;
  idTo: number;
  /** The endpoint number of `GET template` (a path with an id; -1 for one without). */
  getEndpoint: number;
  /** INJECTION_HINT matches the path. */
  hinted: boolean;
  /** probingPath. */
  probing: boolean;
}

function newPathFacts(): PathFacts {
  return { path: '', template: '', idFrom: -1, idTo: -1, getEndpoint: -1, hinted: false, probing: false };
}

/**
 * The id segments of `path`: the last one's place into `facts` (-1: none), their number returned, and
 * with `withTemplate` the template into `facts.template` (each id segment `{id}`; `path` itself when it
 * has none). Segments are found with indexOf and checked in place up to their first character no id has
 * (most are words: one or two characters are read): a loop over every character of the path (long ones:
 * percent-encoded slugs) was slower.
 */
function idSegments(path: string, facts: PathFacts, withTemplate: boolean): number {
  facts.template = path;
  facts.idFrom = -1;
  facts.idTo = -1;
  if (!DIGIT.test(path)) return 0;
  let ids = 0;
  let template = '';
  let copied = 0;
  let from = 0;
  const length = path.length;
  while (from <= length) {
    let end = path.indexOf('/', from);
    if (end === -1) end = length;
    if (isIdSegment(path, from, end)) {
      facts.idFrom = from;
      facts.idTo = end;
      ids++;
      if (withTemplate) {
        template += `${path.slice(copied, from)}{id}`;
        copied = end;
      }
    }
    from = end + 1;
  }
  if (withTemplate && ids > 0) facts.template = template + path.slice(copied);
  return ids;
}

/**
 * Slots of the cache of templates with one id (2^10), picked from the lengths before and after the id
 * and four characters around it, then compared with startsWith and endsWith: the template's string is
 * neither built nor hashed for a path whose template is there.
 */
const TEMPLATE_SLOTS = 1 << 10;
export function templateSlot(path: string, idFrom: number, idTo: number): number {
  const after = path.length - idTo;
  const h =
    idFrom * 31 +
    after * 7 +
    path.charCodeAt(idFrom - 1) * 3 +
    path.charCodeAt(idFrom >> 1) * 5 +
    (after > 0 ? path.charCodeAt(path.length - 1) * 11 + path.charCodeAt(idTo + (after >> 1)) * 13 : 0);
  return Math.imul(h, 0x9e3779b1) >>> 22;
}

/** A template with one id in a slot: what comes before and after the id, and its facts. */
interface OneIdTemplate {
  before: string;
  after: string;
  facts: TemplateFacts;
}

/** Slots of the path cache (2^12): a slot is picked from the length and five characters, then compared. */
const PATH_SLOT_BITS = 12;
const PATH_SLOTS = 1 << PATH_SLOT_BITS;
export function pathSlot(path: string): number {
  const n = path.length;
  const h =
    n * 31 +
    path.charCodeAt(n - 1) * 7 +
    path.charCodeAt(n >> 1) * 13 +
    path.charCodeAt(n >> 2) * 3 +
    path.charCodeAt((3 * n) >> 2) * 17 +
    path.charCodeAt(n > 1 ? n - 2 : 0) * 5;
  return Math.imul(h, 0x9e3779b1) >>> (32 - PATH_SLOT_BITS);
}

/** Percent- and form-decoded (twice: payloads are often double-encoded); bad escapes decoded one by one. */
export function decoded(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s;
  let t = s.replace(/\+/g, ' ');
  for (let i = 0; i < 2 && t.includes('%'); i++) {
    try {
      t = decodeURIComponent(t);
    } catch {
      t = t.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    }
  }
  return t;
}

/** One client's window of failed logins (its id windows are in IdWindows, by `index`). */
interface Client {
  key: string;
  /** Its number among the clients since the tables were last cleared. */
  index: number;
  fails: number[] | undefined;
  /** The last user agent and the scanner it names ('' when none). */
  ua: string | undefined;
  uaScanner: string;
}

/**
 * A dotted-quad IPv4 address as a number below 2^32, or -1 for anything else (IPv6, a host name, a
 * leading zero): most access-log clients are IPv4, and a number is looked up without hashing a string.
 */
export function ipv4Number(ip: string): number {
  const n = ip.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = ip.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46 && digits > 0 && dots < 3) {
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else return -1;
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : -1;
}

/** A user agent (the cache's own copy) and the scanner it names ('' when none). */
interface KnownUa {
  ua: string;
  scanner: string;
}

/** A small cache in front of a Map keyed by long strings (user agents): most lookups compare, not hash. */
const UA_SLOTS = 1024;
export function uaSlot(ua: string): number {
  const n = ua.length;
  return (n * 31 + ua.charCodeAt(n >> 1) * 7 + ua.charCodeAt(n - 1) + ua.charCodeAt(n >> 2) * 3) & (UA_SLOTS - 1);
}

/** Feeds records one by one; `hits` collects what was seen. */
export class AttackDetector {
  readonly options: AttackOptions;
  readonly hits: AttackHit[] = [];
  private bruteReported = new Set<string>();
  /** Ids per client and endpoint (bounded by maxKeys like the clients). */
  private idWindows = new IdWindows();
  private clientCount = 0;
  private minute = -1;
  private minuteErrors = 0;
  private minuteFirstLine = 0;
  private baseline = -1;
  private lastTime = 0;
  /** Clients by user and by address: one small record per client holds its windows. */
  private users = new Map<string, Client>();
  private ips = new Map<string, Client>();
  /**
   * IPv4 clients by ipv4Number (the other addresses are in `ips`), in four tables by the top two bits:
   * the other 30 fit in a small integer, which a Map holds inline (a larger number is a heap object
   * that each lookup has to load).
   */
  private ipv4 = [new Map<number, Client>(), new Map<number, Client>(), new Map<number, Client>(), new Map<number, Client>()];
  private ipv4Count = 0;
  private unknown: Client | undefined;
  /** Scanner names by user agent, with the cache's own copy of the user agent. */
  private uaCache = new Map<string, KnownUa>();
  private uaSlots: (KnownUa | undefined)[] = new Array(UA_SLOTS);
  /** Endpoints (`/orders/{id}`, `POST /orders/{id}`) by number, for IdWindows. */
  private endpointKeys = new Map<string, number>();
  /** Facts of templates with an id (cleared with endpointKeys). */
  private templates = new Map<string, TemplateFacts>();
  /** Templates with one id by templateSlot (cleared with `templates`). */
  private templateSlots: (OneIdTemplate | undefined)[] = new Array(TEMPLATE_SLOTS);
  /** Facts of recent paths without an id, one record per slot (reused: a path that is not there overwrites it). */
  private pathSlots: (PathFacts | undefined)[] = new Array(PATH_SLOTS);
  /** The facts of the last path with an id (its template's, read before the next path is looked at). */
  private pathWithId = newPathFacts();

  constructor(options: Partial<AttackOptions> = {}) {
    this.options = { ...DEFAULT_ATTACK_OPTIONS, ...options };
  }

  private hit(kind: AttackKind, key: string, line: number, detail: string): void {
    // Injection and scanner hits: one per (kind, key) is kept in full, the rest only counted by the engine.
    this.hits.push({ kind, key, line, detail });
  }

  private newClient(key: string): Client {
    return { key, index: this.clientCount++, fails: undefined, ua: undefined, uaScanner: '' };
  }

  /** The client named `name` in `table`, made on first sight (its key detached from the line it came from). */
  private clientIn(table: Map<string, Client>, name: string, kind: string): Client {
    let c = table.get(name);
    if (c === undefined) {
      const own = detached(name);
      c = this.newClient(`${kind} ${own}`);
      table.set(own, c);
    }
    return c;
  }

  /** The client of a record: by user (`user alice`), else by address (`ip 10.0.0.1`), else `unknown client`. */
  private clientOf(r: TrafficRecord): Client {
    if (r.user && r.user !== '-') return this.clientIn(this.users, r.user, 'user');
    const ip = r.clientIp;
    if (ip) {
      const n = ipv4Number(ip);
      if (n < 0) return this.clientIn(this.ips, ip, 'ip');
      const table = this.ipv4[n >>> 30];
      const low = n & 0x3fffffff;
      let c = table.get(low);
      if (c === undefined) {
        c = this.newClient(`ip ${detached(ip)}`);
        table.set(low, c);
        this.ipv4Count++;
      }
      return c;
    }
    this.unknown ??= this.newClient('unknown client');
    return this.unknown;
  }

  add(r: TrafficRecord): void {
    const o = this.options;
    const time = r.time ?? this.lastTime;
    this.lastTime = time;
    const status = r.status ?? 0;
    // Every endpoint number and template comes with a window of the client that asked (idWindows.count).
    if (this.users.size + this.ips.size + this.ipv4Count > o.maxKeys || this.idWindows.count > o.maxKeys) {
      this.users.clear();
      this.ips.clear();
      for (const t of this.ipv4) t.clear();
      this.ipv4Count = 0;
      this.endpointKeys.clear();
      this.templates.clear();
      this.templateSlots = new Array(TEMPLATE_SLOTS);
      this.unknown = undefined;
      this.idWindows.clear();
      this.clientCount = 0;
    }
    const client = this.clientOf(r);
    const key = client.key;

    // Brute force.
    if ((status === 401 || status === 403) && LOGIN.test(r.path)) {
      client.fails ??= [];
      const w = client.fails;
      w.push(time);
      const from = time - o.bruteForceWindowSec * 1000;
      while (w.length && w[0] < from) w.shift();
      if (w.length > o.bruteForceThreshold) w.shift();
      if (w.length >= o.bruteForceThreshold && !this.bruteReported.has(key)) {
        this.bruteReported.add(key);
        this.hit('brute-force', key, r.line, `${w.length} failed logins (${status}) on ${r.path} within ${o.bruteForceWindowSec} s`);
      }
    }

    // Enumeration: per client, per endpoint (GET, the most common, without a method prefix to build).
    const path = this.pathFacts(r.path);
    if (path.idFrom >= 0) {
      const template = path.template;
      const id = r.path.slice(path.idFrom, path.idTo);
      const endpoint = r.method === 'GET' ? path.getEndpoint : this.endpointNumber(`${r.method} ${template}`);
      const w = this.idWindows;
      const slot = w.find(client.index, endpoint);
      if (slot < 0) {
        const denied = r.status === 403 || r.status === 404 ? 1 : 0;
        this.check(w.add(client.index, endpoint, detached(id), time, denied), 1, key, r, template);
      }
      // Once reported, the window of this client and template no longer matters.
      else if (w.reported[slot] === 0) this.enumerate(slot, key, id, time, r, template);
    }

    // Injection payloads in the URL (the hint tried on path and query apart: no string built per line;
    // nothing it looks for spans the `?`).
    if (path.hinted || (r.query !== undefined && INJECTION_HINT.test(r.query))) {
      const text = decoded(r.query ? `${r.path}?${r.query}` : r.path);
      for (const [kind, re] of INJECTION) {
        const m = re.exec(text);
        if (m) this.hit(kind, key, r.line, `${r.method} ${text.length > 160 ? `${text.slice(0, 160)}…` : text}`);
      }
    }

    // Scanners (a client keeps its user agent: compared with the last one before the cache is asked).
    let ua: string | undefined;
    if (r.userAgent) {
      if (r.userAgent === client.ua) ua = client.uaScanner;
      else {
        const known = this.knownUa(r.userAgent);
        client.ua = known.ua;
        client.uaScanner = ua = known.scanner;
      }
    }
    if (ua || path.probing) {
      this.hit('scanner', key, r.line, ua ? `user agent ${ua}` : `probing ${r.path.slice(0, 120)}`);
    }

    // Error spikes per minute against a moving baseline.
    if (r.time !== undefined) {
      const minute = Math.floor(r.time / 60_000);
      if (minute !== this.minute) {
        this.closeMinute();
        this.minute = minute;
        this.minuteErrors = 0;
        this.minuteFirstLine = r.line;
      }
      if (status === 401 || status === 403 || status === 429 || status >= 500) this.minuteErrors++;
    }
  }

  private enumerate(slot: number, key: string, id: string, time: number, r: TrafficRecord, template: string): void {
    const o = this.options;
    const w = this.idWindows;
    let ids = w.ids[slot];
    if (ids === undefined) {
      if (id === w.firstId[slot]) w.firstTime[slot] = time;
      else ids = w.ids[slot] = new Map([[w.firstId[slot], w.firstTime[slot]]]);
    } else {
      const from = time - o.enumerationWindowSec * 1000;
      if (ids.size > o.enumerationThreshold * 4 && w.oldest[slot] < from) {
        let oldest = time;
        for (const [k, t] of ids) {
          if (t < from) ids.delete(k);
          else if (t < oldest) oldest = t;
        }
        w.oldest[slot] = oldest;
      }
    }
    if (ids !== undefined && !ids.has(id)) ids.set(detached(id), time);
    else ids?.set(id, time);
    if (time < w.oldest[slot]) w.oldest[slot] = time;
    w.total[slot]++;
    if (r.status === 403 || r.status === 404) w.denied[slot]++;
    this.check(slot, ids ? ids.size : 1, key, r, template);
  }

  private check(slot: number, distinct: number, key: string, r: TrafficRecord, template: string): void {
    const o = this.options;
    const w = this.idWindows;
    if (distinct >= o.enumerationThreshold && w.denied[slot] / w.total[slot] >= o.enumerationDenyRatio) {
      w.reported[slot] = 1;
      this.hit(
        'enumeration',
        key,
        r.line,
        `${distinct} ids of ${r.method} ${template}, ${w.denied[slot]} of ${w.total[slot]} answered 403/404`,
      );
    }
  }

  /** The facts of a path: from its slot when the path is there, else worked out (and put there). */
  private pathFacts(path: string): PathFacts {
    const slot = pathSlot(path);
    let facts = this.pathSlots[slot];
    if (facts !== undefined && facts.path === path) return facts;
    // A path with an id seldom comes again before its slot is taken (its id is another): its facts are
    // its template's, given in a record that is not kept, and no copy of the path is made.
    const withId = this.pathWithId;
    const ids = idSegments(path, withId, false);
    if (ids > 0) {
      // One id (most paths): found by what comes before and after it; more: by the template built.
      if (ids > 1) idSegments(path, withId, true);
      const t = ids === 1 ? this.oneIdTemplate(path, withId.idFrom, withId.idTo) : this.templateFacts(withId.template);
      withId.template = t.template;
      withId.getEndpoint = t.getEndpoint;
      withId.hinted = t.hinted;
      withId.probing = t.probing;
      return withId;
    }
    facts ??= this.pathSlots[slot] = newPathFacts();
    // The path's own copy: the slot keeps no batch text.
    const own = detached(path);
    facts.path = own;
    facts.template = own;
    facts.idFrom = -1;
    facts.idTo = -1;
    facts.getEndpoint = -1;
    facts.hinted = INJECTION_HINT.test(own);
    facts.probing = probingPath(own);
    return facts;
  }

  /** The facts of the template of a path with one id, there from `idFrom` to `idTo`. */
  private oneIdTemplate(path: string, idFrom: number, idTo: number): TemplateFacts {
    const slot = templateSlot(path, idFrom, idTo);
    const inSlot = this.templateSlots[slot];
    if (
      inSlot !== undefined &&
      inSlot.before.length === idFrom &&
      inSlot.after.length === path.length - idTo &&
      path.startsWith(inSlot.before) &&
      path.endsWith(inSlot.after)
    )
      return inSlot.facts;
    const before = path.slice(0, idFrom);
    const after = path.slice(idTo);
    const facts = this.templateFacts(`${before}{id}${after}`);
    this.templateSlots[slot] = { before: detached(before), after: detached(after), facts };
    return facts;
  }

  /** The facts of a template with an id, worked out on its first sight since the tables were last cleared. */
  private templateFacts(template: string): TemplateFacts {
    let t = this.templates.get(template);
    if (t === undefined) {
      const own = detached(template);
      t = { template: own, getEndpoint: this.endpointNumber(own), hinted: INJECTION_HINT.test(own), probing: probingPath(own) };
      this.templates.set(own, t);
    }
    return t;
  }

  /** The number of an endpoint key: the same for every client (one copy of the key, hashed once). */
  private endpointNumber(endpoint: string): number {
    let k = this.endpointKeys.get(endpoint);
    if (k === undefined) {
      k = this.endpointKeys.size;
      this.endpointKeys.set(detached(endpoint), k);
    }
    return k;
  }

  /**
   * A user agent and the scanner it names ('' when none); user agents repeat, so answers are cached: first
   * in a slot picked from the length and three characters (a compare, where a Map lookup hashes all of
   * a long string), then in a Map.
   */
  private knownUa(ua: string): KnownUa {
    const slot = uaSlot(ua);
    const inSlot = this.uaSlots[slot];
    if (inSlot !== undefined && inSlot.ua === ua) return inSlot;
    let known = this.uaCache.get(ua);
    if (known === undefined) {
      known = { ua: detached(ua), scanner: SCANNER_UA.exec(ua)?.[0] ?? '' };
      if (this.uaCache.size > 10_000) this.uaCache.clear();
      this.uaCache.set(known.ua, known);
    }
    this.uaSlots[slot] = known;
    return known;
  }

  private closeMinute(): void {
    if (this.minute < 0) return;
    const o = this.options;
    const n = this.minuteErrors;
    const base = Math.max(this.baseline, 0);
    if (this.baseline >= 0 && n >= o.spikeMinCount && n >= o.spikeFactor * Math.max(base, 1)) {
      const at = new Date(this.minute * 60_000).toISOString().slice(0, 16);
      this.hit(
        'error-spike',
        at,
        this.minuteFirstLine,
        `${n} responses 401/403/429/5xx in the minute from ${at}Z (baseline ${base.toFixed(1)})`,
      );
    }
    this.baseline = this.baseline < 0 ? n : this.baseline * 0.8 + n * 0.2;
  }

  /** Call at the end of a source. */
  finish(): void {
    this.closeMinute();
    this.minute = -1;
  }
}

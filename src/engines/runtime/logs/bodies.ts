/**
 * Injection payloads in logged request bodies, not only in URLs: JSON log lines with a body field
 * (`body`, `request_body`, `req.body`, `payload`, `params`, at the top or under `request`/`req`/`http`)
 * and text lines with `body: ...` or `payload=...`. Each string value of the body is checked on its own
 * (JSON quotes and braces are no SQL), with patterns stricter than the URL ones: bodies carry prose,
 * HTML and internal URLs legitimately, so a lone `<img>`, `x and y like z` or `http://10.0.0.5/` is no
 * attack, while `' OR '1'='1`, `<img src=x onerror=...>` or `http://169.254.169.254/` is.
 */
import { maskSensitive } from '../sensitive.ts';
import { type AttackKind, decoded } from './attacks.ts';

export const BODY_PATTERNS: [AttackKind, RegExp][] = [
  [
    'sql-injection',
    /'\s*(?:or|and)\s+['"]?\w{1,10}['"]?\s*(?:=|like)\s*['"]?\w|\bunion\b[\s(/*]{1,20}(?:all\s{1,5})?select\b|;\s*(?:drop|truncate)\s+(?:table|database)\b|;\s*(?:delete\s+from|insert\s+into|shutdown\b)|\bsleep\s*\(\s*\d+\s*\)|\bbenchmark\s*\(\s*\d|waitfor\s+delay\s+'|information_schema\.|\bpg_sleep\s*\(|'\s*(?:--|#)|\bxp_cmdshell\b/i,
  ],
  [
    'xss',
    /<\s*script\b|javascript\s*:[^\s"']|<[a-z][^>]{0,200}?\bon(?:error|load|mouseover|focus|click|toggle|begin)\s*=|document\.cookie|\balert\s*\(\s*(?:1|document|['"`])/i,
  ],
  ['path-traversal', /(?:\.\.[\\/]){2,}|(?:%2e%2e(?:%2f|%5c)){2,}|\/etc\/(?:passwd|shadow)\b|\bwin\.ini\b|\/proc\/self\/environ/i],
  [
    'command-injection',
    /(?:[;|`]|\$\(|&&)\s*(?:cat\s+\/|ls\s+-|id\b|whoami\b|uname\s+-a|wget\s+https?:|curl\s+https?:|nc\s+-|bash\s+-[ci]|sh\s+-c|ping\s+-c|nslookup\s)|\/bin\/(?:ba)?sh\s+-[ci]\b|\bcmd\.exe\s+\/c\b/i,
  ],
  [
    'ssrf',
    /\b(?:gopher|dict):\/\/|\bfile:\/\/\/|\bhttps?:\/\/(?:169\.254\.169\.254|metadata\.google\.internal|100\.100\.100\.200|localhost(?::\d+)?\/(?:admin|latest|computeMetadata)|127\.0\.0\.1(?::\d+)?\/(?:admin|latest)|0\.0\.0\.0|\[::1?\]|0x7f)/i,
  ],
];

/** Lines that may hold a body at all: checked on a whole batch at once. */
const BODY_HINT = /body|payload|params/gi;

const BODY_KEY = /^(?:req(?:uest)?[._-]?)?(?:body|payload|params)$/i;
const HOLDERS = ['request', 'req', 'http'];
const TEXT_BODY = /(?:^|[\s,;])(?:request[ _-]?)?(?:body|payload|params)["']?\s*[:=]\s*(.+)$/i;
const CLIENT_USER = ['user', 'username', 'user_id', 'userId', 'remote_user'];
const CLIENT_IP = ['ip', 'client_ip', 'clientIp', 'remote_addr', 'remote_ip', 'remoteAddress'];
const MAX_VALUES = 200;
const MAX_CHARS = 64 * 1024;

export interface BodyHit {
  kind: AttackKind;
  /** `user alice`, `ip 10.0.0.1` or `unknown client`. */
  key: string;
  /** The payload and a little around it, sensitive values masked. */
  excerpt: string;
}

/** A body hit and the index of its line in a batch. */
export type BatchBodyHit = BodyHit & { index: number };

/**
 * The injection payloads in the bodies of a batch of lines (`text`: the lines joined by `\n`). Most
 * batches have no line with a body: one pass over the batch finds the few that may.
 */
export function batchBodyInjections(lines: readonly string[], text: string): BatchBodyHit[] {
  const out: BatchBodyHit[] = [];
  BODY_HINT.lastIndex = 0;
  let li = 0;
  let lineStart = 0;
  for (let m = BODY_HINT.exec(text); m; m = BODY_HINT.exec(text)) {
    while (li < lines.length - 1 && m.index > lineStart + lines[li].length) lineStart += lines[li++].length + 1;
    for (const h of bodyInjections(lines[li])) out.push({ ...h, index: li });
    if (li >= lines.length - 1) break;
    lineStart += lines[li++].length + 1;
    BODY_HINT.lastIndex = lineStart;
  }
  return out;
}

/** The injection payloads in the body of one log line (none when it has no body). */
export function bodyInjections(line: string): BodyHit[] {
  const found = bodyOf(line);
  if (!found) return [];
  const values: string[] = [];
  collect(found.body, values, 0);
  const out: BodyHit[] = [];
  const seen = new Set<AttackKind>();
  for (const raw of values) {
    const v = decoded(raw);
    for (const [kind, re] of BODY_PATTERNS) {
      if (seen.has(kind)) continue;
      const m = re.exec(v);
      if (!m) continue;
      seen.add(kind);
      const from = Math.max(0, m.index - 30);
      const excerpt = `${from > 0 ? '…' : ''}${v.slice(from, m.index + m[0].length + 30)}${m.index + m[0].length + 30 < v.length ? '…' : ''}`;
      out.push({ kind, key: found.key, excerpt: maskSensitive(excerpt.replace(/\s+/g, ' ')) });
    }
  }
  return out;
}

function bodyOf(line: string): { body: unknown; key: string } | undefined {
  const t = line.trimStart();
  if (t.startsWith('{')) {
    let obj: unknown;
    try {
      obj = JSON.parse(t);
    } catch {
      obj = undefined;
    }
    if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
      const rec = obj as Record<string, unknown>;
      const body = bodyField(rec) ?? heldBody(rec);
      return body === undefined ? undefined : { body, key: clientOf(rec) };
    }
  }
  const m = TEXT_BODY.exec(line);
  if (!m) return undefined;
  return { body: parseMaybe(m[1]), key: 'unknown client' };
}

function bodyField(rec: Record<string, unknown>): unknown {
  for (const k in rec) if (BODY_KEY.test(k) && rec[k] !== null && rec[k] !== '') return rec[k];
  return undefined;
}

/** `{"request": {"body": ...}}` and the like. */
function heldBody(rec: Record<string, unknown>): unknown {
  for (const h of HOLDERS) {
    const x = rec[h];
    if (x && typeof x === 'object' && !Array.isArray(x)) {
      const b = bodyField(x as Record<string, unknown>);
      if (b !== undefined) return b;
    }
  }
  return undefined;
}

function parseMaybe(s: string): unknown {
  const t = s.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(t);
    } catch {}
  }
  return t;
}

/** String leaves of a body (a string that holds JSON is opened), bounded in count and size. */
function collect(v: unknown, out: string[], chars: number): number {
  if (out.length >= MAX_VALUES || chars >= MAX_CHARS) return chars;
  if (typeof v === 'string') {
    const inner = v.length > 1 && (v[0] === '{' || v[0] === '[') ? parseMaybe(v) : v;
    if (inner !== v) return collect(inner, out, chars);
    out.push(v.length > 4096 ? v.slice(0, 4096) : v);
    return chars + v.length;
  }
  if (v && typeof v === 'object') {
    for (const x of Array.isArray(v) ? v : Object.values(v)) {
      chars = collect(x, out, chars);
      if (out.length >= MAX_VALUES || chars >= MAX_CHARS) break;
    }
  }
  return chars;
}

function clientOf(rec: Record<string, unknown>): string {
  const pick = (names: string[]) => {
    for (const n of names) {
      const v = rec[n];
      if (typeof v === 'string' && v && v !== '-') return v;
    }
    return undefined;
  };
  const user = pick(CLIENT_USER);
  if (user) return `user ${user}`;
  const ip = pick(CLIENT_IP);
  return ip ? `ip ${ip}` : 'unknown client';
}

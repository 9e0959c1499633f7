/**
 * Sensitive data kinds in free text (bodies, query strings, log lines): payment card numbers (Luhn and
 * issuer prefixes), IBANs (length per country and mod-97), email addresses, JWTs (a JSON header that
 * names an algorithm), US social security numbers (the SSA's validity rules) and phone numbers
 * (international +CC or North American formats). Every match is validated, not just pattern-matched.
 * `rampart inventory` records which kinds an endpoint carries; `rampart logs` reports and masks them.
 */

export const SENSITIVE_KINDS = ['card', 'iban', 'email', 'jwt', 'us-ssn', 'phone'] as const;
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

export const SENSITIVE_LABELS: Record<SensitiveKind, string> = {
  card: 'payment card number',
  iban: 'IBAN',
  email: 'email address',
  jwt: 'JWT',
  'us-ssn': 'US social security number',
  phone: 'phone number',
};

export interface SensitiveMatch {
  kind: SensitiveKind;
  /** Offsets in the text: `text.slice(start, end)` is the value. */
  start: number;
  end: number;
  value: string;
}

// ------------------------------------------------------------------------------------------- validators

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Issuer prefix and length of the major card networks (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro). */
export function cardIssuer(digits: string): string | undefined {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === '4' && (n === 13 || n === 16 || n === 19)) return 'visa';
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n === 16) return 'mastercard';
  if ((p2 === 34 || p2 === 37) && n === 15) return 'amex';
  if ((p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) && n >= 16 && n <= 19) return 'discover';
  if (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) return 'jcb';
  if (((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39 || p3 === 309) && n >= 14 && n <= 19) return 'diners';
  if (p2 === 62 && n >= 16 && n <= 19) return 'unionpay';
  if ((p2 === 50 || (p2 >= 56 && p2 <= 69)) && n >= 12 && n <= 19) return 'maestro';
  return undefined;
}

const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

/** An IBAN without spaces: known country, its length, and the ISO 13616 mod-97 check. */
export function ibanValid(iban: string): boolean {
  const s = iban.toUpperCase();
  const len = IBAN_LENGTHS[s.slice(0, 2)];
  if (!len || s.length !== len || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i);
    if (c >= 65) {
      const v = c - 55;
      rem = (rem * 100 + v) % 97;
    } else rem = (rem * 10 + (c - 48)) % 97;
  }
  return rem === 1;
}

/**
 * US SSN rules: area not 000, 666 or 900-999; group not 00; serial not 0000; and not one of the numbers
 * the SSA voided after they were published (078-05-1120, 219-09-9999, 457-55-5462).
 */
export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  if (a === 0 || a === 666 || a >= 900) return false;
  if (group === '00' || serial === '0000') return false;
  const whole = `${area}-${group}-${serial}`;
  return whole !== '078-05-1120' && whole !== '219-09-9999' && whole !== '457-55-5462';
}

function b64urlJson(part: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A JWT (JWS compact or JWE): the header decodes to JSON naming `alg`. */
export function jwtValid(token: string): boolean {
  const dot = token.indexOf('.');
  if (dot === -1) return false;
  const header = b64urlJson(token.slice(0, dot));
  return header !== undefined && typeof header.alg === 'string';
}

// ------------------------------------------------------------------------------------------- patterns

// Card: 13-19 digits, optionally grouped by single spaces or dashes; not inside a longer digit run.
const CARD = /(?<![\w.,-])(?:\d[ -]?){11,18}\d(?![\d]|[.,]\d|-\d)/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;
const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}\b/g;
const JWT = /\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const SSN = /(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])/g;
// +CC and 7-14 more digits with optional separators, or North American (NXX) NXX-XXXX with separators.
const PHONE = /(?<![\w+])(?:\+[1-9](?:[ .-]?\(?\d\)?){7,14}|\(?[2-9]\d{2}\)?[ .-]\d{3}[ .-]\d{4})(?![\w])/g;

const FILE_TLDS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'css',
  'js',
  'map',
  'ico',
  'woff',
  'woff2',
  'ttf',
  'json',
  'html',
  'xml',
]);

function digitsOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) out += s[i];
  }
  return out;
}

function cardOk(raw: string): boolean {
  // Grouping must be regular: none, or groups of 4 (4-6-5 for Amex, 4-4-4-4-3 for 19 digits).
  const sep = /[ -]/.exec(raw)?.[0];
  if (sep && raw.includes(sep === ' ' ? '-' : ' ')) return false;
  const digits = digitsOf(raw);
  if (digits.length < 13 || digits.length > 19) return false;
  if (sep) {
    const groups = raw.split(sep).map((g) => g.length);
    const shape = groups.join('-');
    if (!(groups.slice(0, -1).every((g) => g === 4) && groups[groups.length - 1] <= 4) && shape !== '4-6-5' && shape !== '4-6-4')
      return false;
  }
  if (/^(\d)\1+$/.test(digits)) return false;
  return cardIssuer(digits) !== undefined && luhnValid(digits);
}

function phoneOk(raw: string): boolean {
  const d = digitsOf(raw);
  if (raw.startsWith('+')) return d.length >= 8 && d.length <= 15;
  return d.length === 10;
}

type Finder = (text: string, out: SensitiveMatch[], firstOnly: boolean) => void;

function scan(re: RegExp, kind: SensitiveKind, ok: (m: RegExpExecArray) => boolean): Finder {
  return (text, out, firstOnly) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (ok(m)) {
        out.push({ kind, start: m.index, end: m.index + m[0].length, value: m[0] });
        if (firstOnly) return;
      }
    }
  };
}

const FINDERS: Record<SensitiveKind, { pre: (t: string) => boolean; find: Finder }> = {
  jwt: { pre: (t) => t.includes('eyJ'), find: scan(JWT, 'jwt', (m) => jwtValid(m[0])) },
  email: {
    pre: (t) => t.includes('@'),
    find: scan(EMAIL, 'email', (m) => {
      const tld = m[0].slice(m[0].lastIndexOf('.') + 1).toLowerCase();
      return !FILE_TLDS.has(tld);
    }),
  },
  card: { pre: hasDigitRun, find: scan(CARD, 'card', (m) => cardOk(m[0])) },
  iban: { pre: hasDigitRun, find: scan(IBAN, 'iban', (m) => ibanValid(m[0].replace(/ /g, ''))) },
  'us-ssn': { pre: (t) => t.includes('-'), find: scan(SSN, 'us-ssn', (m) => ssnValid(m[1], m[2], m[3])) },
  phone: { pre: hasDigitRun, find: scan(PHONE, 'phone', (m) => phoneOk(m[0])) },
};

/** At least four digits in a row somewhere (cheap pre-filter for the digit-based kinds). */
function hasDigitRun(t: string): boolean {
  let run = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++run >= 4) return true;
    } else run = 0;
  }
  return false;
}

/**
 * Every sensitive value in `text`, sorted by position; overlapping matches keep the first (longest)
 * one, so a card number is not also reported as a phone number.
 */
export function findSensitive(text: string, kinds: Iterable<SensitiveKind> = SENSITIVE_KINDS): SensitiveMatch[] {
  const out: SensitiveMatch[] = [];
  for (const k of kinds) {
    const f = FINDERS[k];
    if (f.pre(text)) f.find(text, out, false);
  }
  if (out.length < 2) return out;
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SensitiveMatch[] = [];
  for (const m of out) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) continue;
    kept.push(m);
  }
  return kept;
}

/** Which kinds occur in `text` (stops at the first match of each kind: cheaper than findSensitive). */
export function sensitiveKindsIn(
  text: string,
  into: Set<SensitiveKind> = new Set(),
  kinds: Iterable<SensitiveKind> = SENSITIVE_KINDS,
): Set<SensitiveKind> {
  if (!text) return into;
  const tmp: SensitiveMatch[] = [];
  for (const k of kinds) {
    if (into.has(k)) continue;
    const f = FINDERS[k];
    if (!f.pre(text)) continue;
    tmp.length = 0;
    f.find(text, tmp, true);
    if (tmp.length) into.add(k);
  }
  // A card number's digits can also look like a phone number: only count phones that are not part of a card.
  if (into.has('phone') && into.has('card')) {
    const all = findSensitive(text, ['card', 'phone']);
    if (!all.some((m) => m.kind === 'phone')) into.delete('phone');
  }
  return into;
}

/** `4111…1111` style: a masked value that keeps its kind recognisable but not usable. */
export function maskValue(m: SensitiveMatch): string {
  const v = m.value;
  switch (m.kind) {
    case 'email': {
      const at = v.indexOf('@');
      return `${v[0]}***${v.slice(at)}`;
    }
    case 'card':
    case 'iban': {
      const compact = v.replace(/[ -]/g, '');
      return `${compact.slice(0, 4)}…${compact.slice(-4)}`;
    }
    case 'jwt':
      return `${v.slice(0, 6)}…(${v.length} chars)`;
    default:
      return `[${m.kind}]`;
  }
}

/** The text with every sensitive value masked (for evidence that must not carry the data itself). */
export function maskSensitive(text: string, kinds?: Iterable<SensitiveKind>): string {
  const matches = findSensitive(text, kinds);
  if (!matches.length) return text;
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + maskValue(m);
    at = m.end;
  }
  return out + text.slice(at);
}

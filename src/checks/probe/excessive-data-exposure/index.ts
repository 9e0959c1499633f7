import type { Severity } from '../../../core/index.ts';
import type { Endpoint, Exchange, ProbeContext, Schema } from '../../../engines/probe/types.ts';
import { defineProbeCheck } from '../../../engines/probe/types.ts';
import { luhnValid } from '../../../engines/runtime/sensitive.ts';
import { NON_CREDENTIAL_TOKEN } from '../../design/_shared/credential-words.ts';
import { isFlagName } from '../../design/_shared/data-names.ts';
import { AUTH_CONTEXT, ISSUING_CONTEXT, SENSITIVE_FIELDS, type SensitiveKind } from '../../design/_shared/data-words.ts';
import { stemmedWords } from '../../design/_shared/words.ts';
import { is2xx, isObj, jsonOf, label, perRun, propertiesOf, responseSchema } from '../_authz/kit.ts';

/** What a response gave away, and where in the body. */
interface Hit {
  /** `password_hash`, `items[].api_key`. */
  where: string;
  what: string;
  severity: 'high' | 'medium';
}

interface Seen {
  endpoint: Endpoint;
  sensitive: Map<string, Hit>;
  /** The exchange that showed the most sensitive properties at once. */
  sensitiveEx?: Exchange;
  sensitiveCount: number;
  undocumented: Set<string>;
  undocumentedEx?: Exchange;
}

const state = perRun(() => new Map<string, Seen>());

const PASSWORD: SensitiveKind = { what: 'a password', severity: 'high', issued: 'issuing' };
const PASSWORD_HASH = { what: 'a password hash', severity: 'high' } as const;
const PRIVATE_KEY = { what: 'a private key', severity: 'high' } as const;
const CARD = { what: 'a full card number', severity: 'medium' } as const;
const SSN = { what: 'a social security number', severity: 'medium' } as const;

/** Values that are masked or withheld: `****1234`, `•••`, `[REDACTED]`. */
const MASKED = /[*•●#]{3,}|^x{4,}|^(\[?redacted\]?|<redacted>|hidden|masked|n\/a)$/i;

/** Password hashes by their format: bcrypt, argon2, scrypt, sha-crypt, PBKDF2 (Django, Werkzeug), LDAP salted SHA. */
const HASH_VALUE =
  /^(\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|\$argon2(id|i|d)\$\S{20,}|\$scrypt\$\S{20,}|\$[56]\$(rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{43,86}|pbkdf2[_:]sha\d+[$:]\d+[$:]\S{10,}|\{SSHA(256|512)?\}\S{20,})$/;

const PRIVATE_KEY_VALUE = /-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/;

/** A full card number: 13 to 19 digits (spaces or dashes allowed), a card issuer's prefix, a valid Luhn checksum. */
export function isCardNumber(value: string): boolean {
  const digits = value.replace(/[ -]/g, '');
  if (!/^\d{13,19}$/.test(digits) || /^(\d)\1+$/.test(digits)) return false;
  return /^(4|5[1-5]|2[2-7]|3[47]|3[068]|6011|64[4-9]|65|35)/.test(digits) && luhnValid(digits);
}

/** A US social security number as printed (`123-45-6789`), with the number ranges the SSA never issues excluded. */
export function isSsn(value: string, dashes = true): boolean {
  const m = (dashes ? /^(\d{3})-(\d{2})-(\d{4})$/ : /^(\d{3})-?(\d{2})-?(\d{4})$/).exec(value.trim());
  if (!m) return false;
  const [, area, group, serial] = m as unknown as [string, string, string, string];
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/** Words of the endpoint (static path segments, operationId): login, token, oauth... endpoints issue credentials. */
function contextWords(e: Endpoint): Set<string> {
  const out = new Set<string>();
  for (const seg of e.path.split('/')) if (seg && !seg.includes('{')) for (const w of stemmedWords(seg)) out.add(w);
  if (e.operationId) for (const w of stemmedWords(e.operationId)) out.add(w);
  return out;
}

/** Is the value something the name promises (a card number that is one, an SSN that is one), unmasked? */
function plausible(kind: SensitiveKind, value: unknown): boolean {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (!text || MASKED.test(text)) return false;
  switch (kind.what) {
    case 'a full card number':
      return isCardNumber(text);
    case 'a social security number':
      return isSsn(text, false);
    case 'a PIN':
    case 'a one-time code':
    case 'a card security code':
      return /^\d{3,8}$/.test(text);
    default:
      return typeof value === 'string' && text.length >= 4;
  }
}

/** The sensitive kind of one property, or undefined. */
function judge(
  name: string,
  value: unknown,
  schema: Schema | undefined,
  documented: boolean,
  context: Set<string>,
): Omit<Hit, 'where'> | undefined {
  const words = stemmedWords(name);
  let kind: SensitiveKind | undefined;
  if (isObj(schema) && schema.format === 'password') kind = PASSWORD;
  else if (!isFlagName(words)) {
    const m = SENSITIVE_FIELDS.match(words);
    if (m && !(m.tag.what === 'a token' && words.length > 1 && NON_CREDENTIAL_TOKEN.has(words[words.length - 2] as string))) kind = m.tag;
    // `card: { number }` style names.
    if (!kind && words.includes('card') && words[words.length - 1] === 'number')
      kind = { what: CARD.what, severity: CARD.severity, issued: false };
  }
  if (kind && plausible(kind, value)) {
    if (kind.issued) {
      const issuing = kind.issued === 'auth' ? AUTH_CONTEXT : ISSUING_CONTEXT;
      if ([...context].some((w) => issuing.has(w))) return undefined;
      // Tokens, keys and secrets the definition documents are meant to be there (the design checks judge that).
      if (kind.issued === 'auth' && documented && schema?.writeOnly !== true) return undefined;
    }
    return { what: kind.what, severity: kind.severity };
  }
  // Whatever the name: values that can only be one thing.
  if (typeof value !== 'string' || value.length > 10_000) return undefined;
  const v = value.trim();
  if (HASH_VALUE.test(v)) return PASSWORD_HASH;
  if (PRIVATE_KEY_VALUE.test(v)) return PRIVATE_KEY;
  const last = words[words.length - 1] ?? '';
  if (/\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{1,7}/.test(v) && isCardNumber(v)) return CARD;
  if (isSsn(v) && !['phone', 'tel', 'fax', 'mobile', 'zip', 'date', 'id', 'number', 'code', 'ref', 'reference'].includes(last)) return SSN;
  return undefined;
}

const MAX_NODES = 5000;

/** Walks a JSON body beside its documented schema, collecting sensitive values and undocumented properties. */
function walk(value: unknown, schema: Schema | undefined, context: Set<string>): { hits: Hit[]; undocumented: string[] } {
  const hits: Hit[] = [];
  const undocumented: string[] = [];
  let budget = MAX_NODES;
  const visit = (v: unknown, s: Schema | undefined, where: string, depth: number) => {
    if (budget-- <= 0 || depth > 8) return;
    if (Array.isArray(v)) {
      const items = isObj(s) && isObj(s.items) ? (s.items as Schema) : undefined;
      for (const item of v.slice(0, 50)) visit(item, items, `${where}[]`, depth + 1);
      return;
    }
    if (!isObj(v)) return;
    const doc = s ? propertiesOf(s) : undefined;
    const closed = !!doc && doc.declared && !doc.open;
    for (const [k, child] of Object.entries(v)) {
      const path = where ? `${where}.${k}` : k;
      const cs = doc?.props[k];
      const hit = judge(k, child, cs, !!cs, context);
      if (hit) hits.push({ where: path, ...hit });
      else if (closed && !cs) undocumented.push(path);
      visit(child, cs, path, depth + 1);
    }
  };
  visit(value, schema, '', 0);
  return { hits, undocumented };
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

function list(items: string[], max = 8): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

export default defineProbeCheck({
  id: 'excessive-data-exposure',
  title: 'Response exposes sensitive or undocumented data',
  severity: 'high',
  confidence: 'high',
  owasp: ['API3:2023'],
  cwe: ['CWE-213', 'CWE-200'],
  messages: {
    sensitive:
      '{{endpoint}} returns {{fields}}{{who}}. Anyone who can call it, or who takes over one account, collects credentials and personal data the client never needs, to crack, replay or sell. Build the response from an allow-list of fields (a response DTO), never by serialising a database row or internal object, and show secrets at most once, masked afterwards.',
    undocumented:
      '{{endpoint}} returns {{count}} {{propertyWord}} its response schema does not document: {{fields}}. Undocumented data in a response is usually an internal object serialised whole, and nobody reviewing the definition knows it leaves the server. Return only the documented properties (a response DTO), or document them if they are meant to be public.',
  },
  defaultOptions: {},
  docs: {
    description:
      'Watches every successful JSON response of the run. Flags sensitive values: properties named like passwords, password hashes, secrets, private keys, tokens, API keys, card numbers, card security codes, PINs, one-time codes and SSNs whose value is real (card numbers must pass the Luhn check, SSNs the issued ranges; masked values such as ****1234 are skipped), and values that can only be one thing whatever their name (bcrypt/argon2/PBKDF2 hashes, PEM private keys, grouped card numbers, SSNs). Tokens and keys on login, token and key-issuing endpoints, and ones the definition documents, are expected. Also reports, at low severity, properties the documented response schema does not list when it does not allow additional properties (additionalProperties false or not declared).',
    attack:
      "APIs often return whole records and let the client pick what to show: the attacker reads the raw JSON instead. A password hash invites offline cracking, an API key or session token is a stolen account, card numbers and SSNs are fraud and a reportable breach: OWASP API3 (excessive data exposure). Combined with a missing object-level check, one request per id dumps every user's secrets.",
    fix: 'Serialise responses through explicit response types (DTOs, serializers with allow-lists, GraphQL field authorization) instead of database rows or ORM objects. Never return password hashes, secrets or full card numbers; return API keys and tokens only from the endpoint that issues them, and mask them afterwards. Keep the response schemas closed (additionalProperties: false) and test responses against them.',
  },
  observe(ex, ctx) {
    const e = ex.endpoint;
    const res = ex.response;
    if (!e || !is2xx(res) || res.truncated) return;
    const body = jsonOf(ex);
    if (body === undefined || (typeof body !== 'object' && !Array.isArray(body))) return;
    const { hits, undocumented } = walk(body, responseSchema(e, res.status), contextWords(e));
    if (!hits.length && !undocumented.length) return;
    const key = `${e.method} ${e.path}`;
    const seen = state(ctx);
    let s = seen.get(key);
    if (!s) {
      s = { endpoint: e, sensitive: new Map(), sensitiveCount: 0, undocumented: new Set() };
      seen.set(key, s);
    }
    for (const h of hits) if (!s.sensitive.has(h.where)) s.sensitive.set(h.where, h);
    // The most telling exchange: most findings, then an identity's before an anonymous one (config order).
    const rank = (x: Exchange | undefined) => {
      const i = ctx.identities.findIndex((id) => id.name === x?.identity);
      return i < 0 ? ctx.identities.length : i;
    };
    if (hits.length > s.sensitiveCount || (hits.length && hits.length === s.sensitiveCount && rank(ex) < rank(s.sensitiveEx))) {
      s.sensitiveCount = hits.length;
      s.sensitiveEx = ex;
    }
    for (const u of undocumented) s.undocumented.add(u);
    if (undocumented.length && (!s.undocumentedEx || rank(ex) < rank(s.undocumentedEx))) s.undocumentedEx = ex;
  },
  done(ctx: ProbeContext) {
    for (const s of state(ctx).values()) {
      const e = s.endpoint;
      if (s.sensitiveEx) {
        const hits = [...s.sensitive.values()];
        const severity: Severity = hits.some((h) => h.severity === 'high') ? 'high' : 'medium';
        const who = s.sensitiveEx.identity;
        ctx.report({
          endpoint: e,
          messageId: 'sensitive',
          severity,
          fingerprintKey: 'sensitive',
          data: {
            endpoint: label(e),
            fields: list(hits.map((h) => `${h.where} (${h.what})`)),
            who: who ? ` (seen in the answer to ${who})` : '',
          },
          exchanges: [s.sensitiveEx],
          identities: who ? [who] : undefined,
        });
      }
      const extra = [...s.undocumented].filter((u) => !s.sensitive.has(u));
      if (extra.length && s.undocumentedEx) {
        const who = s.undocumentedEx.identity;
        ctx.report({
          endpoint: e,
          messageId: 'undocumented',
          severity: 'low',
          confidence: 'medium',
          fingerprintKey: 'undocumented',
          data: {
            endpoint: label(e),
            count: extra.length,
            propertyWord: plural(extra.length, 'property', 'properties'),
            fields: list(extra),
          },
          exchanges: [s.undocumentedEx],
          identities: who ? [who] : undefined,
        });
      }
    }
  },
});

/**
 * Helpers for the SaaS, payments, messaging and AI secret rules: case-insensitive names, the
 * "`<provider>_KEY = <value>`" context pattern for tokens without a prefix of their own, and seeded
 * fakes for rule samples. The folder has no `index.ts`, so the registry does not take it for a family.
 */
import type { CweId, OwaspId } from '../../../core/index.ts';
import type { SecretRule } from '../../../engines/secrets/types.ts';

/** `slack` -> `[Ss][Ll][Aa][Cc][Kk]`: a case-insensitive literal inside an otherwise case-sensitive pattern. */
export function ci(word: string): string {
  let out = '';
  for (const ch of word) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    out += lo === up ? ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&') : `[${up}${lo}]`;
  }
  return out;
}

/**
 * What may follow a secret value: a quote, a backtick, white space, `;` `,` `)` `]` `}` `<` `>` `&` `|`, a
 * backslash (`\n` or `\"` in a JSON string) or the end of the text. A lookahead: nothing is consumed.
 */
export const END = String.raw`(?=[\x60'"\s;,)\]}<>&|\\]|$)`;

/** `${NAME}`: a variable reference, for false-positive samples (written so no linter takes it for a template). */
export function ref(name: string): string {
  return '$' + `{${name}}`;
}

export interface AssignedOptions {
  /** Lowercase words, one of which the name must contain (`stripe`, `twilio`...). */
  names: string[];
  /**
   * Optional lowercase words, one of which must follow the provider word in the name (within 24
   * characters), e.g. `secret`, `token`: `TWILIO_AUTH_TOKEN`, `twilio.authToken`.
   */
  qualifiers?: string[];
  /** Optional lowercase words that must not follow the provider word in the name (`search`, `public`). */
  exclude?: string[];
  /** The provider word must not follow a letter (`lob` but not `blob`): for short, common words. */
  wordStart?: boolean;
  /** The value, a regular-expression source with bounded repetitions only. */
  value: string;
}

/**
 * A value assigned to a name that names the provider, in every syntax secrets are written in:
 * `STRIPE_KEY=v`, `stripe_key: v`, `"stripeKey": "v"`, `stripe.key = 'v'`, `<stripeKey>v<`,
 * `getenv("STRIPE_KEY", "v")`, `--stripe-key=v`, `<add key="StripeKey" value="v" />`, JSON inside a
 * string (`{\"stripeKey\":\"v\"}`) and `{"key": "stripe_key", "value": "v"}` pairs (Postman). Linear: every repetition is bounded and the pattern
 * starts with the provider word, so it runs only where that word occurs.
 */
export function assigned(o: AssignedOptions): RegExp {
  const names = o.names.map(ci).join('|');
  const not = o.exclude?.length ? String.raw`(?![\w.-]{0,30}?(?:${o.exclude.map(ci).join('|')}))` : '';
  const qual = o.qualifiers?.length ? String.raw`[\w.-]{0,24}?(?:${o.qualifiers.map(ci).join('|')})` : '';
  const src =
    `${o.wordStart ? '(?<![A-Za-z])' : ''}(?:${names})${not}${qual}` +
    String.raw`[\w.-]{0,24}[ \t'"\\\]]{0,4}(?:=|:=|::=|:|=>|\?=|,\s{0,20}"value"[ \t]{0,3}:|,|>|value=)[ \t'"\x60=\\]{0,6}(?:\r?\n[ \t]{0,12})?` +
    `(?<secret>${o.value})${END}`;
  return new RegExp(src);
}

/** CWE-798 (hard-coded credentials) and API2:2023 (broken authentication) for every provider rule. */
const CWE: CweId[] = ['CWE-798'];
const OWASP: OwaspId[] = ['API2:2023'];

function runs(alphabet: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= alphabet.length; i++) out.push(alphabet.slice(i, i + n));
  return out;
}

/**
 * Values that have a token's shape but were typed by a person: ascending runs (`abcdefg`, `1234567`),
 * a character repeated eight times (`00000000`, `xxxxxxxx`; not `A`, which real Twitter, Dropbox and
 * Firebase tokens repeat), and words that mark samples. A random token of 100 characters holds one of
 * these by chance with a probability below one in a million.
 */
export const DUMMY: RegExp[] = [
  new RegExp(`(?:${[...runs('0123456789', 7), ...runs('abcdefghijklmnopqrstuvwxyz', 7)].join('|')})`, 'i'),
  /([^A])\1{7}/,
  /(?:example|sample|dummy|placeholder|redacted|changeme|your_?(?:api_?)?(?:key|token|secret))/i,
];

/** Fills what every provider rule shares: the taxonomy and the filter of typed-in look-alikes. */
export function rules(list: SecretRule[]): SecretRule[] {
  return list.map((r) => ({ cwe: CWE, owasp: OWASP, ...r, allow: [...(r.allow ?? []), ...DUMMY] }));
}

// ---------------------------------------------------------------------------------------------------
// Seeded fakes for samples. Samples are built at load time from a seed so that no format-valid token
// appears verbatim in the source (push protection and our own scanner stay quiet on this repository),
// and they are never real credentials: random characters in the right alphabet and length.

export const HEX = '0123456789abcdef';
export const HEXU = '0123456789ABCDEF';
export const DIGITS = '0123456789';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const ALPHA = UPPER + LOWER;
export const ALNUM = DIGITS + UPPER + LOWER;
export const LOWNUM = DIGITS + LOWER;
export const UPNUM = DIGITS + UPPER;
export const B64URL = ALNUM + '-_';
export const B64 = ALNUM + '+/';
export const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function hash(seed: string): number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return h >>> 0;
}

/** `n` characters of `alphabet`, the same for the same seed (mulberry32). */
export function fake(alphabet: string, n: number, seed: string): string {
  let a = hash(seed);
  let out = '';
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out += alphabet[Math.floor(r * alphabet.length)];
  }
  return out;
}

/** A fake UUID (version 4 layout), lowercase. */
export function fakeUuid(seed: string): string {
  const h = fake(HEX, 32, seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

/**
 * Is the value assigned to a credential-named key a credential someone typed in, or code, a reference,
 * a placeholder, a hash, an identifier? The generic rules have no format to lean on: this is where
 * their precision comes from. Every test is cheap and runs only on a candidate the pattern found.
 */
import { entropy } from '../../../engines/secrets/redact.ts';
import { isRealPassword } from '../_shared/passwords.ts';

/** Words that mark a made-up or documentation value (`my-secret-token-123`, `YOUR_API_KEY`, `dummy1`). */
const MARKER_WORDS =
  /example|sample|dummy|fake|placeholder|changeme|change_me|your|secret|token|passw|apikey|api_key|api-key|xxxx|redacted|replace|insert|lorem|todo|fixme|foobar|qwerty|test|demo|default|undefined|null|none|empty|invalid|bogus|mock|local|abcdef|123456|654321|sandbox|geheim|parole|passwort|secreto|segreto|senha|contrase/i;

/**
 * Documentation values that providers and RFCs publish, which do not say "example" themselves: Slack's
 * oauth.v2.access sample bot token and RFC 6749's sample access and refresh tokens.
 */
const KNOWN_DOC_VALUES = new Set([
  'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  // RFC 6749 §4.1.2 authorization code, RFC 6750 §2.1 bearer token.
  'SplxlOBeZQQYbYS6WxSbIA',
  'mF_9.B5f-4.1JqM',
]);

/** A variable reference, template or expression rather than a literal. */
const REFERENCE = [
  /^[$%:=?-]/, // $VAR, ${VAR}, %VAR%, %(x)s, :symbol, `==` comparisons, -flags
  /\{\d{1,4}(?:,\d{0,4})?\}|\[[^\]]{1,40}\][+*?{]|\\[dwsbDWS]/, // a regular expression: `[A-Za-z0-9]{40}`
  /^[&*!@#][A-Za-z_][\w.-]{0,60}$/, // YAML &anchor, *alias, !vault / !Ref tags; @Value, #ref
  /\$\{|\{\{|\}\}|%\(|%[sd]\b|#\{/, // templates anywhere: `abc${x}`, `{{ x }}`, `%(x)s`, `%s`, `#{x}`
  /^(?:process\.env|os\.environ|os\.getenv|env|ENV|System\.getenv|config|settings|self|this|props|params|args|options|opts|ctx|req|request|context|secrets|vars|inputs|data|window|document)\./,
  /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*){1,8}$/, // a dotted identifier chain: `cfg.db.password`, `Keys.API_TOKEN`, `r?.pass`
  /^[\w.$]{1,80}\(.{0,200}\)$/, // a call: `getToken()`, `os.getenv(KEY)`
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+){1,8}$/, // a CONSTANT_NAME: `DB_PASSWORD` (the name of a value, not the value)
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Subresource Integrity and lockfile integrity values: `sha512-<base64>`. */
const SRI = /^sha(?:1|256|384|512)-[A-Za-z0-9+/]{20,}={0,2}$/;
/** Version strings, dates, times, numbers, IP addresses. */
const NUMERIC = /^0x[0-9a-f]{1,16}$|^v?\d[\d.:_+-]{0,40}(?:-?(?:alpha|beta|rc|snapshot|final|release|dev)\.?\d{0,4})?$/i;
/** File system paths and file names. */
const PATH =
  /^(?:\.{0,2}\/|~\/|[A-Za-z]:[\\/]|\\\\)|^[\w.-]{1,64}\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|conf|cfg|ini|properties|xml|gpg|asc|pub|der|keystore)$/i;

function classes(s: string): { lower: number; upper: number; digit: number; other: number } {
  const c = { lower: 0, upper: 0, digit: 0, other: 0 };
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 97 && ch <= 122) c.lower++;
    else if (ch >= 65 && ch <= 90) c.upper++;
    else if (ch >= 48 && ch <= 57) c.digit++;
    else c.other++;
  }
  return c;
}

/** Typed-in runs: a character six times in a row, or an ascending run of six (`abcdef`, `123456`). */
function hasTypedRun(s: string): boolean {
  let same = 1;
  let up = 1;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    same = d === 0 ? same + 1 : 1;
    up = d === 1 ? up + 1 : 1;
    if (same >= 6 || up >= 6) return true;
  }
  return false;
}

/**
 * Words glued into an identifier: `BasePrivateKeyEncodingOptions`, `oauth2SchemeWithRefreshUrl`,
 * `lastSignificantToken`, `billing_service_v2`. Random tokens have parts of one or two letters
 * between digits and case changes.
 */
export function isIdentifier(v: string): boolean {
  const parts = v.split(/[_.-]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).filter(Boolean);
  if (parts.length < 2 || !parts.every((p) => /^(?:(?:[A-Za-z][a-z]+|[A-Z]{2,})\d{0,2}|\d{1,4})$/.test(p))) return false;
  const words = parts.filter((p) => /^[A-Za-z]{4,}/.test(p)).length;
  return words >= 1 && (words * 2 >= parts.length || parts.every((p) => /^(?:[a-z]{3,}|\d{1,4})$/.test(p)));
}

/** Base64 of printable text (`dG9rOjx0b2tlbj4=` is `tok:<token>`): the text, else undefined. */
function base64Text(v: string): string | undefined {
  if (v.length < 12 || v.length % 4 === 1 || !/^[A-Za-z0-9+/]+={0,2}$/.test(v)) return undefined;
  const text = Buffer.from(v, 'base64').toString('latin1');
  return /^[\x20-\x7e]{6,}$/.test(text) ? text : undefined;
}

/** Not code, a reference, a path, a URL, a UUID, a hash format, a number or a marked placeholder. */
export function isLiteralValue(v: string): boolean {
  if (KNOWN_DOC_VALUES.has(v) || v.includes('...') || v.includes('…')) return false;
  // A placeholder that was base64-encoded (a Kubernetes Secret or basic-auth sample) is still one.
  const decoded = base64Text(v);
  if (decoded !== undefined && (MARKER_WORDS.test(decoded) || /[<{$]/.test(decoded))) return false;
  if (REFERENCE.some((r) => r.test(v))) return false;
  if (v.includes('://') || v.startsWith('data:') || v.startsWith('urn:')) return false;
  if (UUID.test(v) || SRI.test(v) || NUMERIC.test(v) || PATH.test(v)) return false;
  if (/^(?:true|false|yes|no|on|off|nil|null|none|undefined|nan|string|str|bool|int|number)$/i.test(v)) return false;
  if (MARKER_WORDS.test(v) || hasTypedRun(v) || isIdentifier(v)) return false;
  // Lowercase words between slashes or pipes: a path, a media type, a list of options (`kadmin/server`,
  // `application/json`, `true|false`). Base64 with a `/` has capitals and digits.
  if (/^[a-z][\w.-]*(?:[/|][a-z][\w.-]*)+$/.test(v) && !/[A-Z]/.test(v)) return false;
  if (/^[A-Za-z]+(?:\|[A-Za-z]+)+$/.test(v)) return false;
  // An e-mail address or a host name is who or where, not a secret.
  if (/^[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}$/.test(v) || /^(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,12}$/i.test(v)) return false;
  return true;
}

/**
 * Entropy floor of generic secrets, in bits per character (Shannon, over the value's own characters).
 * Random tokens of 16+ characters score 3.5 to 6 whatever their alphabet (hex: ~3.7, base64: ~5); words
 * and identifiers typed by people score below 3.2 (`my_app_key_v1`: 3.0). 3.2 keeps 12-character
 * random keys (~3.4) and rejects most made-up ones.
 */
export const SECRET_MIN_ENTROPY = 3.2;

/**
 * A token, key or secret: 12 to 400 characters, letters and digits both (or 24+ characters of mixed-case
 * letters: random tokens without a digit exist), at least SECRET_MIN_ENTROPY, and a literal.
 */
export function isGenericSecret(v: string): boolean {
  if (v.length < 12 || v.length > 400) return false;
  const c = classes(v);
  const letters = c.lower + c.upper;
  if (letters === 0) return false;
  if (c.digit === 0 && !(v.length >= 24 && c.lower > 0 && c.upper > 0)) return false;
  // One case of letters and few digits: words (`PLATFORMTEAM1`), where a hex or base32 token has many.
  if ((c.lower === 0 || c.upper === 0) && c.digit * 8 < v.length) return false;
  // Words with a separator or two and a digit: `prod_api_v2`, `billing-service-1`.
  if (c.other > 0 && /^[a-z]+(?:[_.-][a-z0-9]+){1,6}$/i.test(v) && c.digit < 4) return false;
  if (entropy(v) < SECRET_MIN_ENTROPY) return false;
  return isLiteralValue(v);
}

/**
 * Entropy floor of generic passwords: 2.5 bits per character. People choose passwords, so they are not
 * random (`Summer2024!` scores 3.3, `hunter22` 2.75); the floor only drops repetitive values
 * (`aaaa1111`: 1.0, `abab1212`: 2.0).
 */
export const PASSWORD_MIN_ENTROPY = 2.5;

/**
 * A password: 6 to 128 characters, with a letter and a digit or symbol (a bare word is a label or an
 * identifier: `Passwort`, `userPassword`), above PASSWORD_MIN_ENTROPY, a literal, and not a word that
 * documentation and local setups use for a password.
 */
export function isGenericPassword(v: string): boolean {
  if (v.length < 6 || v.length > 128) return false;
  const c = classes(v);
  if (c.lower + c.upper === 0 || c.digit + c.other === 0) return false;
  if (entropy(v) < PASSWORD_MIN_ENTROPY) return false;
  if (!isRealPassword(v)) return false;
  // Letters around one separator and a version digit: an identifier (`user_pass1`, `login-form-2`).
  if (c.digit <= 1 && /^[a-z]+(?:[_.-][a-z]+){0,4}[_.-]?\d?$/i.test(v)) return false;
  return isLiteralValue(v);
}

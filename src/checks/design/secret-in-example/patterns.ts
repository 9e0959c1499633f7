/**
 * Secret formats for secret-in-example: provider formats precise enough to report anywhere in a
 * definition, plus a name-and-entropy rule for values of credential-named properties in examples.
 *
 * Every pattern is linear: literal prefix, single bounded character-class runs, no nested or adjacent
 * overlapping quantifiers, so V8 cannot backtrack on them however long the input.
 */
import { sha256 } from '../../../core/index.ts';
import { KEY_QUALIFIERS } from '../_shared/credential-words.ts';
import { words } from '../_shared/words.ts';

export type SecretSeverity = 'critical' | 'high';

export interface SecretRule {
  id: string;
  /** In API-developer words: "Stripe live secret key". */
  name: string;
  /** The secret is capture group 1. */
  re: RegExp;
  severity: SecretSeverity;
  /** Extra check on the captured value (format details a pattern cannot say). */
  validate?: (secret: string) => boolean;
}

const b64urlJson = (part: string): unknown => {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};

/** The jwt.io sample token (and its hand-edited variants) is documentation, not a credential. */
const JWT_IO_PAYLOAD = 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ';
const JWT_IO_SIGNATURE = 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

function realJwt(token: string): boolean {
  const [h, p, sig] = token.split('.');
  if (p === JWT_IO_PAYLOAD || sig === JWT_IO_SIGNATURE) return false;
  const header = b64urlJson(h) as { alg?: unknown } | undefined;
  const payload = b64urlJson(p) as Record<string, unknown> | undefined;
  if (!header || typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none') return false;
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return false;
  // A real token says who issued it, for whom, or until when.
  if (!('exp' in payload || 'iss' in payload || 'aud' in payload)) return false;
  return !isPlaceholder(JSON.stringify(payload));
}

export const PROVIDER_RULES: SecretRule[] = [
  { id: 'aws-access-key-id', name: 'AWS access key id', re: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/, severity: 'high' },
  { id: 'github-token', name: 'GitHub token', re: /\b(gh[pousr]_[A-Za-z0-9]{36})\b/, severity: 'critical' },
  {
    id: 'github-fine-grained-pat',
    name: 'GitHub fine-grained personal access token',
    re: /\b(github_pat_[A-Za-z0-9_]{82})\b/,
    severity: 'critical',
  },
  { id: 'slack-token', name: 'Slack token', re: /\b(xox[abposr]-[0-9]{8,13}-[A-Za-z0-9-]{8,120})/, severity: 'critical' },
  {
    id: 'slack-webhook',
    name: 'Slack incoming webhook URL',
    re: /(hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32})/,
    severity: 'high',
  },
  { id: 'stripe-live-key', name: 'Stripe live secret key', re: /\b((?:sk|rk)_live_[A-Za-z0-9]{20,247})\b/, severity: 'critical' },
  { id: 'google-api-key', name: 'Google API key', re: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/, severity: 'high' },
  { id: 'twilio-api-key', name: 'Twilio API key SID', re: /\b(SK[0-9a-fA-F]{32})\b/, severity: 'high' },
  { id: 'npm-token', name: 'npm access token', re: /\b(npm_[A-Za-z0-9]{36})\b/, severity: 'critical' },
  {
    id: 'sendgrid-api-key',
    name: 'SendGrid API key',
    re: /\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/,
    severity: 'critical',
  },
  {
    id: 'jwt',
    name: 'JSON Web Token',
    re: /\b(eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{16,1024})(?![A-Za-z0-9_-])/,
    severity: 'high',
    validate: realJwt,
  },
];

/** Cheap first pass: the literal prefixes of the rules above. */
export const PREFILTER =
  /AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|xox[abposr]-|hooks\.slack\.com|_live_|AIza|SK[0-9a-fA-F]{32}|npm_|SG\.|eyJ|-----BEGIN/;

const PEM_HEADER = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/;

/** A PEM private key block with a real body (not `...` or a few characters). */
export function findPrivateKey(s: string): { secret: string; encrypted: boolean } | undefined {
  const m = PEM_HEADER.exec(s);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  const end = s.indexOf('-----END', start);
  const body = s.slice(start, end < 0 ? Math.min(s.length, start + 8192) : end);
  let chars = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const b64 = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;
    if (b64) chars++;
    else if (c !== 10 && c !== 13 && c !== 32 && c !== 9 && c !== 92 /* escaped \n in JSON text */) return undefined;
  }
  if (chars < 64 || isPlaceholder(body)) return undefined;
  return {
    secret: s.slice(m.index, end < 0 ? start + body.length : end + 8),
    encrypted: m[1].startsWith('ENCRYPTED') || body.includes('Proc-Type'),
  };
}

/** Documentation values published by providers and RFCs: well known, never valid. */
const KNOWN_DOC_VALUES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  // Slack's API documentation sample bot token (oauth.v2.access examples, published since 2015).
  'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
  // RFC 6749 sections 4.1.4 / 5.1 sample access and refresh tokens.
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
]);

const PLACEHOLDER_WORDS = [
  'example',
  'sample',
  'dummy',
  'fake',
  'placeholder',
  'changeme',
  'change_me',
  'your_',
  'your-',
  'yourapi',
  'yourkey',
  'yourtoken',
  'xxxx',
  '****',
  '....',
  '…',
  'redacted',
  'insert',
  'replace',
  'lorem',
  'todo',
  'sk_test_',
  'rk_test_',
  'pk_test_',
  'pk_live_',
  '${',
  '{{',
  '%s',
  '<',
  '>',
  '0123456789',
  '123456789',
  'abcdefgh',
  'abcdefghij',
  'qwerty',
  'jwt.io',
  // Words people type into made-up credentials ("MySuperSecretPassword1", "demo-token-2024").
  'password',
  'passw0rd',
  'secret',
  'admin',
  'demo',
  'test',
  'token',
  'apikey',
  'api_key',
  JWT_IO_PAYLOAD,
  JWT_IO_SIGNATURE,
];

/** Documentation placeholders: marker words, templates, long runs of one character, sequences. */
const PLACEHOLDER_LOWER = PLACEHOLDER_WORDS.map((w) => w.toLowerCase());

export function isPlaceholder(value: string): boolean {
  if (KNOWN_DOC_VALUES.has(value)) return true;
  const low = value.toLowerCase();
  for (const w of PLACEHOLDER_LOWER) if (low.includes(w)) return true;
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= 6) return true;
  }
  return false;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A value that could be a real credential: 16 to 512 characters without spaces, two or more of lower,
 * upper and digits, at least 3.3 bits of entropy per character, and not a URL, e-mail, UUID or placeholder.
 */
export function looksLikeSecret(value: string): boolean {
  if (value.length < 16 || value.length > 512) return false;
  let lower = 0;
  let upper = 0;
  let digit = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 32) return false;
    if (c >= 97 && c <= 122) lower++;
    else if (c >= 65 && c <= 90) upper++;
    else if (c >= 48 && c <= 57) digit++;
  }
  if ((lower > 0 ? 1 : 0) + (upper > 0 ? 1 : 0) + (digit > 0 ? 1 : 0) < 2) return false;
  if (value.includes('://') || value.includes('@') || UUID.test(value)) return false;
  if (isPlaceholder(value)) return false;
  return entropy(value) >= 3.3;
}

/**
 * Head words of a credential-named property whose example value is judged on its entropy. Narrower than
 * auth-words' CREDENTIAL_HEADS on purpose: `auth`, `bearer` or `jwt` end security scheme names
 * (`bearerAuth`, `jwtAuth`), not credential properties.
 */
const SECRET_HEADS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'authorization',
]);
/**
 * Random-looking values that are not credentials: pagination cursors, CSRF and idempotency tokens, public
 * keys. Any word of the name counts, unlike NON_CREDENTIAL_TOKEN (credential-words.ts), which is read
 * only right before `token`: verbs such as `change` are left out here (`change_password` is a password).
 */
const NOT_SECRET_WORDS = new Set([
  'page',
  'next',
  'prev',
  'previous',
  'continuation',
  'cursor',
  'sync',
  'csrf',
  'xsrf',
  'idempotency',
  'public',
  'publishable',
]);

/** A property, parameter or header name that holds a credential: `password`, `client_secret`, `X-API-Key`. */
export function isSecretName(name: string): boolean {
  const w = words(name);
  if (w.length === 0) return false;
  for (const x of w) if (NOT_SECRET_WORDS.has(x)) return false;
  const head = w[w.length - 1];
  if (SECRET_HEADS.has(head)) return true;
  if (head === 'key' || head === 'keys') return w.slice(0, -1).some((x) => KEY_QUALIFIERS.has(x));
  return false;
}

/** What may be shown of a secret: its first 4 characters, its length and a short hash. Never the secret. */
export function redact(secret: string): { preview: string; hash: string } {
  return { preview: `${secret.slice(0, 4)}… (${secret.length} chars)`, hash: sha256(secret).slice(0, 12) };
}

/** Strips an auth scheme word (`Bearer abc` → `abc`) from an Authorization example. */
export function credentialPart(value: string): string {
  const sp = value.indexOf(' ');
  if (sp > 0 && sp < 12 && /^(bearer|basic|token|apikey|api-key|digest)$/i.test(value.slice(0, sp))) return value.slice(sp + 1).trim();
  return value;
}

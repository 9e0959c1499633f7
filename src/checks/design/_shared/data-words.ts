/**
 * Word lists of the data checks (group C), as name patterns for NameMatcher (see data-names.ts): a
 * pattern matches names whose LAST words are the pattern's words; `=` asks for the whole name.
 */
import { NameMatcher } from './data-names.ts';

/**
 * What kind of server-controlled property a name denotes.
 * - privilege: who may do what, or how much money: a client setting it escalates.
 * - identity: the object's own identifier, assigned by the server.
 * - audit: timestamps and authorship the server records.
 * - verification: the outcome of a check the server performs (e-mail verified...).
 * - ownership: who owns the object; reassigning it on an update hands the object to someone else.
 */
export type ServerFieldKind = 'privilege' | 'identity' | 'audit' | 'verification' | 'ownership';

const SERVER_FIELD_PATTERNS: Record<ServerFieldKind, string[]> = {
  privilege: [
    'role',
    'roles',
    'role id',
    'role ids',
    'admin',
    'superuser',
    'super user',
    'is staff',
    'permission',
    'permissions',
    'privilege',
    'privileges',
    'scopes',
    'access level',
    'balance',
    'credit',
    'credits',
  ],
  identity: ['=id', '=uuid', '=uid', '=guid'],
  audit: [
    '=created',
    '=updated',
    '=modified',
    '=created at',
    '=updated at',
    '=modified at',
    '=deleted at',
    '=created on',
    '=updated on',
    '=modified on',
    '=created date',
    '=created time',
    '=created timestamp',
    '=creation date',
    '=creation time',
    '=creation timestamp',
    '=deletion timestamp',
    '=date created',
    '=date updated',
    '=date modified',
    '=last modified',
    '=last updated',
    '=created by',
    '=created by id',
    '=creator',
    '=creator id',
    '=updated by',
    '=modified by',
  ],
  verification: ['verified', '=verified at', '=verified on'],
  ownership: ['owner', 'owner id', 'owner uuid', '=user id', 'tenant id'],
};

export const SERVER_FIELDS = new NameMatcher<ServerFieldKind>(
  (Object.keys(SERVER_FIELD_PATTERNS) as ServerFieldKind[]).flatMap((k) =>
    SERVER_FIELD_PATTERNS[k].map((p) => [p, k] as [string, ServerFieldKind]),
  ),
);

/** Server-set properties that make a schema unfit to be both request and response without readOnly. */
export const SERVER_SET_KINDS: ReadonlySet<ServerFieldKind> = new Set(['identity', 'audit']);

/** What a sensitive property holds, how bad its exposure is, and whether credential endpoints may return it. */
export interface SensitiveKind {
  /** For messages: "a password", "an API key". */
  what: string;
  severity: 'high' | 'medium';
  /**
   * Where returning it is legitimate: `auth` on login, OAuth, session and credential-issuing endpoints
   * (a token endpoint returns a token); `issuing` only on endpoints that issue credentials (a TURN or
   * app-password endpoint returns a generated password, a login endpoint never should); never otherwise.
   */
  issued: 'auth' | 'issuing' | false;
}

const PASSWORD: SensitiveKind = { what: 'a password', severity: 'high', issued: 'issuing' };
const PASSWORD_HASH: SensitiveKind = { what: 'a password hash', severity: 'high', issued: false };
const SECRET: SensitiveKind = { what: 'a secret', severity: 'high', issued: 'auth' };
const PRIVATE_KEY: SensitiveKind = { what: 'a private key', severity: 'high', issued: 'auth' };
const CVV: SensitiveKind = { what: 'a card security code', severity: 'high', issued: false };
const TOKEN: SensitiveKind = { what: 'a token', severity: 'medium', issued: 'auth' };
const API_KEY: SensitiveKind = { what: 'an API key', severity: 'medium', issued: 'auth' };
const SSN: SensitiveKind = { what: 'a social security number', severity: 'medium', issued: false };
const CARD: SensitiveKind = { what: 'a full card number', severity: 'medium', issued: false };
const PIN: SensitiveKind = { what: 'a PIN', severity: 'medium', issued: false };
const OTP: SensitiveKind = { what: 'a one-time code', severity: 'medium', issued: false };
const SALT: SensitiveKind = { what: 'a password salt', severity: 'medium', issued: false };

/**
 * Sensitive property names. `token` is matched here, and its non-credential uses (`page_token`,
 * `next_token`, `csrf_token`...) are excluded by NON_CREDENTIAL_TOKEN (credential-words.ts).
 */
export const SENSITIVE_FIELDS = new NameMatcher<SensitiveKind>([
  ['password', PASSWORD],
  ['passwd', PASSWORD],
  ['=pwd', PASSWORD],
  ['passphrase', PASSWORD],
  ['passcode', PASSWORD],
  ['password hash', PASSWORD_HASH],
  ['hashed password', PASSWORD_HASH],
  ['password digest', PASSWORD_HASH],
  ['encrypted password', PASSWORD_HASH],
  ['password salt', SALT],
  ['=salt', SALT],
  ['secret', SECRET],
  ['secret key', SECRET],
  ['private key', PRIVATE_KEY],
  ['=cvv', CVV],
  ['=cvc', CVV],
  ['card cvv', CVV],
  ['card cvc', CVV],
  ['=csc', CVV],
  ['card security code', CVV],
  ['card verification code', CVV],
  ['card verification value', CVV],
  ['token', TOKEN],
  ['api key', API_KEY],
  ['=apikey', API_KEY],
  ['access key', API_KEY],
  ['=ssn', SSN],
  ['social security number', SSN],
  ['=social security', SSN],
  ['card number', CARD],
  ['=pan', CARD],
  ['primary account number', CARD],
  ['=pin', PIN],
  ['card pin', PIN],
  ['pin code', PIN],
  ['pin number', PIN],
  ['=otp', OTP],
  ['otp code', OTP],
  ['verification code', OTP],
  ['=totp', OTP],
]);

/**
 * Words of a path, operationId or schema name that say the endpoint issues credentials (tokens, keys,
 * generated passwords): it returns what it issues, by design.
 */
export const ISSUING_CONTEXT: ReadonlySet<string> = new Set([
  'token',
  'tokens',
  'credential',
  'credentials',
  'key',
  'keys',
  'apikey',
  'apikeys',
  'secret',
  'secrets',
  'password',
  'passwords',
]);

/** Words that say the endpoint authenticates: login, OAuth, sessions (plus every issuing word). */
export const AUTH_CONTEXT: ReadonlySet<string> = new Set([
  ...ISSUING_CONTEXT,
  'oauth',
  'auth',
  'authenticate',
  'authentication',
  'authorize',
  'login',
  'logon',
  'signin',
  'session',
  'sessions',
  'sso',
  'saml',
  'openid',
  'oidc',
  'jwt',
  'refresh',
]);

/** Query parameters that set a page size (`limit`, `per_page`, `pageSize`, `$top`, `max_results`...). */
export const PAGE_SIZE_PARAMS = NameMatcher.of([
  '=limit',
  '=page limit',
  'per page',
  'page size',
  '=size',
  '=count',
  '=top',
  '=first',
  '=last',
  '=take',
  '=max results',
  '=max items',
  '=max records',
  '=max count',
  '=max page size',
  '=results per page',
  '=items per page',
  '=batch size',
]);

/** How the API uses a URL it receives: fetches or calls it (SSRF), or sends the user's browser to it (open redirect). */
export type UrlUse = 'fetch' | 'redirect' | 'host';

/** Names of request fields that carry a URL or a host; `redirect_uri` wins over `uri` (longest pattern first). */
export const URL_FIELDS = new NameMatcher<UrlUse>([
  ['url', 'fetch'],
  ['urls', 'fetch'],
  ['uri', 'fetch'],
  ['uris', 'fetch'],
  ['href', 'fetch'],
  ['webhook', 'fetch'],
  ['webhooks', 'fetch'],
  // A bare `host` or `hostname` is usually the object's own name (a pod's hostname, an ingress rule's
  // host); these name a host the server connects to.
  ['server host', 'host'],
  ['smtp host', 'host'],
  ['proxy host', 'host'],
  ['database host', 'host'],
  ['db host', 'host'],
  ['remote host', 'host'],
  ['target host', 'host'],
  ['=redirect', 'redirect'],
  ['redirect url', 'redirect'],
  ['redirect uri', 'redirect'],
  ['redirect to', 'redirect'],
  ['return url', 'redirect'],
  ['return uri', 'redirect'],
  ['return to', 'redirect'],
  ['success url', 'redirect'],
  ['cancel url', 'redirect'],
  ['failure url', 'redirect'],
  ['error url', 'redirect'],
  ['next url', 'redirect'],
  ['continue url', 'redirect'],
  ['refresh url', 'redirect'],
  ['post logout redirect uri', 'redirect'],
]);

/** Formats that make a string a URL whatever its name. */
export const URL_FORMATS: ReadonlySet<string> = new Set(['uri', 'url', 'uri-reference', 'iri', 'iri-reference', 'uri-template']);

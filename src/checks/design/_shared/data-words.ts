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

import type { Severity } from '../../../core/index.ts';
import type { Obj, SchemaVisit } from '../../../engines/design/types.ts';
import { defineDesignCheck } from '../../../engines/design/types.ts';
import { SchemaWalker } from '../../../engines/design/walk.ts';
import { child, type NodeRef } from '../../../formats/openapi/refs.ts';
import { hasType, isInboundBody, opOrWebhookLabel, placeOf, readOnlyInPath, under } from '../_shared/data-schema.ts';
import { SERVER_FIELDS, type ServerFieldKind } from '../_shared/data-words.ts';
import { isObj } from '../_shared/nodes.ts';
import { stemmedWords } from '../_shared/words.ts';

const SEVERITY: Record<ServerFieldKind, Severity> = {
  privilege: 'high',
  identity: 'medium',
  audit: 'medium',
  verification: 'medium',
  ownership: 'medium',
};

/** Descriptions that already say the server ignores the value: the flaw is then the missing `readOnly` marker. */
const DOCUMENTED_READ_ONLY =
  /\bread[- ]?only\b|\boutput[- ]only\b|\b(?:populated|set|assigned|generated|managed) by the (?:system|server|api|platform)\b|\bserver[- ](?:generated|assigned|set)\b|\bsystem[- ](?:generated|assigned)\b/i;

/**
 * Property names that only wrap the object being written (`{ data: { attributes: { role } } }`,
 * `{ body: { role } }`). Identifiers and privileges deeper down usually belong to another object the
 * body refers to (`parent: { id }`, `shared_link: { permissions }`) and are legitimate.
 */
const WRAPPERS: ReadonlySet<string> = new Set([
  'data',
  'attributes',
  'attrs',
  'resource',
  'object',
  'record',
  'payload',
  'body',
  'input',
  'fields',
]);

const ownObject = (v: SchemaVisit) => v.propertyPath.every((p) => WRAPPERS.has(p.toLowerCase()));

/**
 * Resources whose purpose is to grant access: setting a role on `/collaborations`, `/members` or
 * `/users/{id}/roles` is the intended, separately authorized way to change privileges, not mass assignment.
 */
const ACCESS_RESOURCES: ReadonlySet<string> = new Set([
  'collaboration',
  'collaborations',
  'collaborator',
  'collaborators',
  'membership',
  'memberships',
  'member',
  'members',
  'invitation',
  'invitations',
  'invite',
  'invites',
  'role',
  'roles',
  'permission',
  'permissions',
  'grant',
  'grants',
  'acl',
  'acls',
  'share',
  'shares',
  'sharing',
  'access',
  'rolebinding',
  'rolebindings',
  'clusterrolebindings',
  'assignment',
  'assignments',
  'scope',
  'scopes',
]);

/**
 * Resources that are principals (or their money): a role, permission or balance there is the caller's or
 * another user's own. On other resources the same words describe the resource (a file's sharing
 * `permissions`, the `permissions` an app requests) and are ordinary settings.
 */
const PRINCIPALS: ReadonlySet<string> = new Set([
  'user',
  'users',
  'account',
  'accounts',
  'me',
  'self',
  'profile',
  'profiles',
  'person',
  'people',
  'employee',
  'employees',
  'staff',
  'signup',
  'register',
  'registration',
  'registrations',
  'principal',
  'principals',
  'identity',
  'identities',
  'customer',
  'customers',
  'wallet',
  'wallets',
]);

const NOT_RESOURCE: ReadonlySet<string> = new Set(['json', 'xml', 'api', 'v']);

function pathWords(path: string): string[] {
  const out: string[] = [];
  for (const seg of path.split('/'))
    if (seg !== '' && !seg.includes('{')) for (const w of stemmedWords(seg)) if (!NOT_RESOURCE.has(w)) out.push(w);
  return out;
}

/** The resource an operation writes: the head word of its last static path segment (`/users/{id}` → users). */
function resourceWord(path: string): string | undefined {
  const segs = path.split('/').filter((s) => s !== '' && !s.includes('{'));
  for (let i = segs.length - 1; i >= 0; i--) {
    const w = stemmedWords(segs[i]).filter((x) => !NOT_RESOURCE.has(x) && !/^\d+$/.test(x));
    if (w.length) return w[w.length - 1];
  }
  return undefined;
}

/** Words of the named schema holding a property (`/components/schemas/UserUpdate/...` → user, update). */
function schemaWords(pointer: string): string[] {
  const m = /^\/(?:components\/schemas|definitions)\/([^/]{1,200})/.exec(pointer);
  return m ? stemmedWords(m[1]) : [];
}

const MONEY = new Set(['balance', 'credit', 'credits']);

function marksReadOnly(ctx: { resolve: (r: NodeRef) => NodeRef | undefined }, site: NodeRef): boolean {
  const sv = site.value;
  if (isObj(sv) && sv.readOnly === true) return true;
  const t = ctx.resolve(site);
  if (!t || !isObj(t.value)) return false;
  if (t.value.readOnly === true) return true;
  // `allOf: [{ $ref: Id }, { readOnly: true }]`
  const all = child(t, 'allOf');
  if (all && Array.isArray(all.value)) {
    for (let i = 0; i < all.value.length; i++) {
      const m = ctx.resolve(child(all, i) as NodeRef);
      if (m && isObj(m.value) && m.value.readOnly === true) return true;
    }
  }
  return false;
}

function description(ctx: { resolve: (r: NodeRef) => NodeRef | undefined }, site: NodeRef): string {
  const parts: string[] = [];
  if (isObj(site.value) && typeof site.value.description === 'string') parts.push(site.value.description);
  const t = ctx.resolve(site);
  if (t && t !== site && isObj(t.value) && typeof t.value.description === 'string') parts.push(t.value.description);
  return parts.join(' ').slice(0, 4000);
}

export default defineDesignCheck({
  id: 'mass-assignment-server-field',
  title: 'Server-controlled property writable in a request body',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API3:2023'],
  cwe: ['CWE-915'],
  messages: {
    privilege: '{{subject}} {{state}}: a caller can send it and set its own {{what}} unless the server ignores it (mass assignment).',
    identity:
      "{{subject}} is not readOnly: a caller can choose the object's identifier, and overwrite or collide with another object (mass assignment).",
    audit: '{{subject}} {{state}}: a caller can forge a value the server should record itself (mass assignment).',
    verification: '{{subject}} {{state}}: a caller can mark itself as verified without going through the check (mass assignment).',
    ownership:
      "{{subject}} is accepted on an update: a caller can hand the object to another owner or tenant, or take someone else's (mass assignment).",
    documented:
      '{{subject}} is described as set by the server but not marked readOnly: validators and generated clients accept and send it.',
  },
  docs: {
    description:
      "Flags request-body properties that the server should control, found by whole-word name matching (snake, camel or kebab case), when they are not marked readOnly: privileges and money (role, roles, is_admin, permissions, scopes, balance, credit: high) on principal resources such as users, accounts, profiles or customers, except on access-management resources (members, collaborations, roles, grants) whose purpose is to set them; the object's own identifier (id, uuid in a body of three or more fields, not `{ id, type }` references to other objects); audit fields (created_at, updated_by...); verification flags (email_verified); and, on PUT/PATCH updates only, ownership (owner, owner_id, user_id, tenant_id). Properties whose description says they are read-only or set by the server are reported at low severity. Bodies of webhooks and callbacks (sent by the API, not to it) are left out.",
    attack:
      'Frameworks that bind a request body straight onto a model (mass assignment, OWASP API3) let a caller add "role": "admin", "is_admin": true or "balance": 1000000 to an ordinary profile update, or move an object to their own account with "owner_id". If the definition says the field is writable, generated clients, validators and gateways let it through and the server only has its own vigilance left.',
    fix: 'Mark server-controlled properties `readOnly: true` (OpenAPI validators then reject them in requests), or better, give requests their own schema (UserCreate / UserUpdate) that simply lacks them, and bind only an allowlist of fields on the server. Change roles, balances and owners through dedicated operations with their own authorization.',
  },
  create(ctx) {
    const seenFormData = new Set<string>();

    const check = (v: SchemaVisit, ownershipPass: boolean) => {
      if (!isInboundBody(v) || readOnlyInPath(v)) return;
      const formData = v.parameter?.in === 'formData' && !v.parent;
      const own = formData || ownObject(v);
      // `{ id, type }` or `{ id, status }` names another object or a command's target; an `id` among
      // the fields of a representation (three or more) is the new object's own identifier.
      const props = child<Obj>(v.ref, 'properties');
      const representation = !!props && isObj(props.value) && Object.keys(props.value).length >= 3;
      const report = (node: NodeRef, name: string, described: string) => {
        const m = SERVER_FIELDS.match(name);
        if (!m || (m.tag === 'ownership') !== ownershipPass) return;
        if (m.tag === 'identity' && (formData || !own || !representation)) return;
        if ((m.tag === 'privilege' || m.tag === 'ownership') && !own) return;
        if (m.tag === 'privilege') {
          if (pathWords(v.operation.path).some((w) => ACCESS_RESOURCES.has(w))) return;
          const resource = resourceWord(v.operation.path);
          if (!(resource && PRINCIPALS.has(resource)) && !schemaWords(node.pointer).some((w) => PRINCIPALS.has(w))) return;
        }
        if (MONEY.has(m.pattern)) {
          // `customer_balance: { type: object }` is a payment method, not an amount.
          const t = ctx.resolve(node);
          const s = t && isObj(t.value) ? t.value : {};
          if (!hasType(s, 'number') && !hasType(s, 'integer') && !hasType(s, 'string')) return;
        }
        const documented = DOCUMENTED_READ_ONLY.test(described);
        const what = MONEY.has(m.pattern) ? 'balance or credit' : 'role or privileges';
        ctx.report({
          node,
          messageId: documented ? 'documented' : m.tag,
          data: {
            subject: formData
              ? `Form parameter "${name}" ${under(node, v.operation.ref) ? `of ${opOrWebhookLabel(v.operation)}` : `(${placeOf(node, v.operation)})`}`
              : `Request property "${name}" of ${placeOf(node, v.operation)}`,
            state: formData ? 'is accepted' : 'is not readOnly',
            what,
          },
          severity: documented ? 'low' : SEVERITY[m.tag],
          evidence: `accepted by ${opOrWebhookLabel(v.operation)}`,
        });
      };
      // A 2.0 formData parameter is a body field of its own.
      if (formData && v.parameter) {
        const key = v.ref.pointer;
        if (seenFormData.has(`${ownershipPass}${key}`)) return;
        seenFormData.add(`${ownershipPass}${key}`);
        report(v.ref, v.parameter.name, typeof v.schema.description === 'string' ? v.schema.description : '');
        return;
      }
      if (!props || !isObj(props.value)) return;
      for (const name of Object.keys(props.value)) {
        const site = child(props, name) as NodeRef;
        if (marksReadOnly(ctx, site)) continue;
        report(site, name, description(ctx, site));
      }
    };

    // Ownership fields are legitimate when an object is created for someone, suspicious when an
    // existing object is updated: a second walk over the bodies of PUT and PATCH operations only.
    const updates = new SchemaWalker(ctx.api.set, (v) => check(v, true));

    return {
      schema(v) {
        check(v, false);
      },
      operation(op) {
        if (op.kind !== 'path' || (op.method !== 'put' && op.method !== 'patch')) return;
        updates.operation({
          ...op,
          parameters: op.parameters.filter((p) => p.in === 'body' || p.in === 'formData'),
          responses: [],
          callbacks: [],
        });
      },
    };
  },
});

import type { Obj } from '../../../engines/design/types.ts';
import { defineDesignCheck } from '../../../engines/design/types.ts';
import type { MediaType, Operation } from '../../../formats/openapi/model.ts';
import { child, type NodeRef } from '../../../formats/openapi/refs.ts';
import { opOrWebhookLabel, placeOf } from '../_shared/data-schema.ts';
import { SERVER_FIELDS, SERVER_SET_KINDS } from '../_shared/data-words.ts';
import { isObj, nodeKey } from '../_shared/nodes.ts';

interface Use {
  ref: NodeRef<Obj>;
  request?: Operation;
  response?: Operation;
}

const MAX_DEPTH = 16;

export default defineDesignCheck({
  id: 'shared-schema-without-readonly',
  title: 'One schema for request and response, with server-set properties not readOnly',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API3:2023'],
  cwe: ['CWE-915'],
  messages: {
    shared:
      '{{place}} is both a request body and a response body, and its server-set {{noun}} {{names}} {{verb}} not marked readOnly: clients are told they may send {{pronoun}} back.',
  },
  docs: {
    description:
      'Flags a named schema (one $ref target) that is used as the request body of a write operation (POST, PUT, PATCH, DELETE) and as a success response body, directly or as array items, while it holds server-set properties (id, uuid, created_at, updated_at, created_by...) that are not marked readOnly. It is reported once, at the schema, however many operations share it.',
    attack:
      'A single model for input and output is how mass assignment slips in: whatever the server returns, the definition says a client may send. A client copies an object it read, changes its id or timestamps and sends it back; generated SDKs and request validators accept it, and a server that binds the body onto its model overwrites another object or forges its history.',
    fix: 'Mark the server-set properties `readOnly: true` (validators then reject them in requests and SDKs leave them out), or split the model into an input schema (PetCreate / PetUpdate) without them and an output schema (Pet) that extends it with allOf.',
  },
  create(ctx) {
    const uses = new Map<string, Use>();

    /** The named schema a media type refers to: `$ref: Pet` or `type: array, items: { $ref: Pet }`. */
    const named = (mt: MediaType): NodeRef<Obj> | undefined => {
      let raw = mt.schema;
      if (!raw || !isObj(raw.value)) return undefined;
      if (typeof raw.value.$ref !== 'string') {
        if (raw.value.type !== 'array') return undefined;
        raw = child(raw, 'items');
        if (!raw || !isObj(raw.value) || typeof raw.value.$ref !== 'string') return undefined;
      }
      const t = ctx.resolve<Obj>(raw);
      return t && isObj(t.value) ? t : undefined;
    };
    const record = (mt: MediaType, op: Operation, side: 'request' | 'response') => {
      const t = named(mt);
      if (!t) return;
      const key = nodeKey(t);
      let u = uses.get(key);
      if (!u) {
        u = { ref: t };
        uses.set(key, u);
      }
      if (!u[side]) u[side] = op;
    };

    const readOnly = (site: NodeRef): boolean => {
      if (isObj(site.value) && site.value.readOnly === true) return true;
      const t = ctx.resolve(site);
      if (!t || !isObj(t.value)) return false;
      if (t.value.readOnly === true) return true;
      const all = child(t, 'allOf');
      if (all && Array.isArray(all.value))
        for (let i = 0; i < all.value.length; i++) {
          const m = ctx.resolve(child(all, i) as NodeRef);
          if (m && isObj(m.value) && m.value.readOnly === true) return true;
        }
      return false;
    };

    /** Server-set properties of a schema, its allOf parts included, that are not readOnly. */
    const serverSet = (ref: NodeRef<Obj>, out: Set<string>, seen: Set<string>, depth: number) => {
      const key = nodeKey(ref);
      if (depth > MAX_DEPTH || seen.has(key)) return;
      seen.add(key);
      const props = child<Obj>(ref, 'properties');
      if (props && isObj(props.value)) {
        for (const name of Object.keys(props.value)) {
          const m = SERVER_FIELDS.match(name);
          if (m && SERVER_SET_KINDS.has(m.tag) && !readOnly(child(props, name) as NodeRef)) out.add(name);
        }
      }
      const all = child(ref, 'allOf');
      if (all && Array.isArray(all.value)) {
        for (let i = 0; i < all.value.length; i++) {
          const m = ctx.resolve<Obj>(child(all, i) as NodeRef);
          if (m && isObj(m.value)) serverSet(m, out, seen, depth + 1);
        }
      }
    };

    return {
      operation(op) {
        if (op.kind !== 'path') return;
        if (op.isWrite && op.requestBody) for (const mt of op.requestBody.content) record(mt, op, 'request');
        for (const r of op.responses) {
          if (!r.status.startsWith('2') && r.status !== 'default') continue;
          for (const mt of r.content) record(mt, op, 'response');
        }
      },
      done() {
        for (const u of uses.values()) {
          if (!u.request || !u.response) continue;
          const names = new Set<string>();
          serverSet(u.ref, names, new Set(), 0);
          if (names.size === 0) continue;
          const list = [...names];
          const many = list.length > 1;
          ctx.report({
            node: u.ref,
            messageId: 'shared',
            data: {
              place: placeOf(u.ref, u.request).replace(/^schema/, 'Schema'),
              names: list.join(', '),
              noun: many ? 'properties' : 'property',
              verb: many ? 'are' : 'is',
              pronoun: many ? 'them' : 'it',
            },
            evidence: `request body of ${opOrWebhookLabel(u.request)}; response of ${opOrWebhookLabel(u.response)}`,
          });
        }
      },
    };
  },
});

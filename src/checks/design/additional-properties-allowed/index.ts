import type { Obj } from '../../../engines/design/types.ts';
import { defineDesignCheck } from '../../../engines/design/types.ts';
import { child, type NodeRef } from '../../../formats/openapi/refs.ts';
import { capitalize, describe, isInboundBody, opOrWebhookLabel, readOnlyInPath } from '../_shared/data-schema.ts';
import { isObj, nodeKey } from '../_shared/nodes.ts';

/** Closed: `additionalProperties: false`, or 3.1 `unevaluatedProperties: false` (which also sees allOf parts). */
function closed(s: Obj): boolean {
  return s.additionalProperties === false || s.unevaluatedProperties === false;
}

/** Open on purpose, with a rule for the extra properties: a typed map or pattern properties. */
function constrainedExtras(s: Obj): boolean {
  return isObj(s.additionalProperties) || isObj(s.patternProperties) || isObj(s.unevaluatedProperties);
}

export default defineDesignCheck({
  id: 'additional-properties-allowed',
  title: 'Request object accepts undeclared properties',
  severity: 'low',
  confidence: 'high',
  owasp: ['API3:2023'],
  cwe: ['CWE-915'],
  messages: {
    open: '{{what}} declares its properties but accepts any other in requests: add `additionalProperties: false`{{hint}}.',
  },
  defaultOptions: {},
  docs: {
    description:
      'Flags object schemas of request bodies (and 2.0 body parameters) that declare `properties` but do not forbid others: no `additionalProperties: false` and, in OpenAPI 3.1, no `unevaluatedProperties: false`. The parts of an `allOf` are judged through their composite, which is where 3.1 closes them; objects that type their extra properties (a schema-valued additionalProperties or patternProperties) are left to additional-properties-unbounded. Response schemas are not flagged: clients should tolerate new fields.',
    attack:
      'An open request schema lets clients send fields the definition never mentions, and validators and gateways pass them through. Combined with a framework that binds the body onto a model, an undocumented "isAdmin" or "accountId" reaches the database (mass assignment); it also hides typos and lets attackers probe for fields the server silently honours.',
    fix: "Add `additionalProperties: false` to request objects (in OpenAPI 3.1, put `unevaluatedProperties: false` on an allOf composite instead, so the parts' properties still count), and have the server reject unknown fields rather than ignore them.",
  },
  create(ctx) {
    const candidates = new Map<string, { ref: NodeRef; what: string; op: string; composite: boolean }>();
    const members = new Set<string>();

    return {
      schema(v) {
        if (!isInboundBody(v) || (v.parameter?.in === 'formData' && !v.parent)) return;
        const s = v.schema;
        const all = child(v.ref, 'allOf');
        let composite = false;
        if (all && Array.isArray(all.value)) {
          for (let i = 0; i < all.value.length; i++) {
            const m = ctx.resolve<Obj>(child(all, i) as NodeRef);
            if (!m || !isObj(m.value)) continue;
            members.add(nodeKey(m));
            if (isObj(m.value.properties) && Object.keys(m.value.properties).length > 0) composite = true;
          }
        }
        const own = isObj(s.properties) && Object.keys(s.properties).length > 0;
        if (!own && !composite) return;
        if (s.type !== undefined && s.type !== 'object' && !(Array.isArray(s.type) && s.type.includes('object'))) return;
        if (closed(s) || constrainedExtras(s) || readOnlyInPath(v)) return;
        candidates.set(nodeKey(v.ref), { ref: v.ref, what: describe(v), op: opOrWebhookLabel(v.operation), composite });
      },
      done() {
        for (const [key, c] of candidates) {
          if (members.has(key)) continue;
          ctx.report({
            node: c.ref,
            messageId: 'open',
            data: {
              what: capitalize(c.what),
              hint: !c.composite
                ? ''
                : ctx.api.version === '3.1'
                  ? ' (or `unevaluatedProperties: false` on this allOf)'
                  : ' to a flattened copy (in OpenAPI 3.0 it would also reject the properties of the allOf parts)',
            },
            evidence: `accepted by ${c.op}`,
          });
        }
      },
    };
  },
});

import type { Obj, SchemaVisit } from '../../../engines/design/types.ts';
import { defineDesignCheck } from '../../../engines/design/types.ts';
import { child, type NodeRef } from '../../../formats/openapi/refs.ts';
import { parsePointer } from '../../../formats/pointer.ts';
import { NON_CREDENTIAL_TOKEN } from '../_shared/credential-words.ts';
import { isFlagName } from '../_shared/data-names.ts';
import { effectiveTypes, hasType, isOutbound, opOrWebhookLabel, placeOf, writeOnlyInPath } from '../_shared/data-schema.ts';
import { AUTH_CONTEXT, ISSUING_CONTEXT, SENSITIVE_FIELDS, type SensitiveKind } from '../_shared/data-words.ts';
import { isObj } from '../_shared/nodes.ts';
import { stemmedWords } from '../_shared/words.ts';

const FORMAT_PASSWORD: SensitiveKind = { what: 'a password', severity: 'high', issued: 'issuing' };

/** Pointer segments that are OpenAPI structure, not names chosen by the API's authors. */
const STRUCTURAL: ReadonlySet<string> = new Set([
  'components',
  'schemas',
  'definitions',
  'paths',
  'responses',
  'content',
  'schema',
  'properties',
  'items',
  'allOf',
  'oneOf',
  'anyOf',
]);

const CARD_NUMBER: SensitiveKind = { what: 'a full card number', severity: 'medium', issued: false };

/** `card: { number }`: the number of an object named card is a card number. */
function cardPart(words: string[], v: SchemaVisit): { tag: SensitiveKind } | undefined {
  if (words.length !== 1 || words[0] !== 'number') return undefined;
  const named = /^\/(?:components\/schemas|definitions)\/([^/]{1,200})$/.exec(v.ref.pointer)?.[1];
  for (const objectName of [v.propertyName, named]) {
    if (!objectName) continue;
    const o = stemmedWords(objectName);
    if (o[o.length - 1] === 'card') return { tag: CARD_NUMBER };
  }
  return undefined;
}

export default defineDesignCheck({
  id: 'sensitive-field-in-response',
  title: 'Sensitive property returned in a response',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API3:2023'],
  cwe: ['CWE-200', 'CWE-359'],
  messages: {
    exposed: 'Response property "{{name}}" of {{place}} returns {{what}} to API clients; it is not marked writeOnly.',
    sent: 'Property "{{name}}" of {{place}} sends {{what}} to every subscriber of the {{kind}}; it is not marked writeOnly.',
  },
  docs: {
    description:
      'Flags properties of response bodies (and of the payloads the API sends to webhooks and callbacks) whose whole-word name or `format: password` says they hold a credential or sensitive personal data: passwords and password hashes, secrets and private keys, card security codes (high); tokens, API keys, social security numbers, full card numbers, PINs, one-time codes and salts (medium). Properties marked writeOnly are skipped, as are flags (`is_secret`, `has_password`), non-string values, cursors (`next_page_token`), and tokens, secrets and keys returned by endpoints that issue credentials (token, OAuth, login, session and API-key endpoints and schemas named so), which return them by design.',
    attack:
      'Excessive data exposure (OWASP API3): the client is expected to filter what it shows, but an attacker reads the raw response. A password hash invites offline cracking, a returned secret or API key is a stolen credential, and card data or SSNs in responses break PCI DSS and privacy law the moment a single account is compromised or an object-level authorization check is missing.',
    fix: 'Remove the property from the response schema and from the serializer (build responses from an allowlist of fields). A property the client sends but must never read back (a new password) should be `writeOnly: true`. Return a secret or key once, from the endpoint that creates it, and show only a masked form (last four digits) afterwards.',
  },
  create(ctx) {
    const contextWords = (v: SchemaVisit, node: NodeRef): string[] => {
      const out: string[] = [];
      const add = (s: string | undefined) => {
        if (s) out.push(...stemmedWords(s));
      };
      for (const seg of v.operation.path.split('/')) if (!seg.includes('{')) add(seg);
      add(v.operation.operationId);
      for (const seg of parsePointer(node.pointer)) if (!STRUCTURAL.has(seg) && !seg.startsWith('/')) add(seg);
      return out;
    };

    return {
      schema(v) {
        if (!isOutbound(v) || writeOnlyInPath(v)) return;
        const props = child<Obj>(v.ref, 'properties');
        if (!props || !isObj(props.value)) return;
        let context: string[] | undefined;
        for (const name of Object.keys(props.value)) {
          const site = child(props, name) as NodeRef;
          const target = ctx.resolve<Obj>(site);
          if (!target || !isObj(target.value)) continue;
          const s = target.value;
          if (s.writeOnly === true || (isObj(site.value) && site.value.writeOnly === true)) continue;
          const words = stemmedWords(name);
          let kind: SensitiveKind | undefined;
          if (s.format === 'password' && hasType(s, 'string')) kind = FORMAT_PASSWORD;
          else {
            if (isFlagName(words)) continue;
            const m = SENSITIVE_FIELDS.match(words) ?? cardPart(words, v);
            if (!m) continue;
            if (m.tag.what === 'a token' && words.length > 1 && NON_CREDENTIAL_TOKEN.has(words[words.length - 2])) continue;
            // A value, not an object, a list or a flag: `secret: { $ref: SecretReference }` names a secret.
            const types = effectiveTypes(ctx.resolve, site);
            if (types.size > 0 && !types.has('string')) continue;
            kind = m.tag;
          }
          if (kind.issued) {
            context ??= contextWords(v, v.ref);
            const words = kind.issued === 'auth' ? AUTH_CONTEXT : ISSUING_CONTEXT;
            if (context.some((w) => words.has(w))) continue;
          }
          ctx.report({
            node: site,
            messageId: v.direction === 'response' ? 'exposed' : 'sent',
            data: { name, place: placeOf(site, v.operation), what: kind.what, kind: v.operation.kind },
            severity: kind.severity,
            evidence: `${v.direction === 'response' ? 'returned' : 'sent'} by ${opOrWebhookLabel(v.operation)}`,
          });
        }
      },
    };
  },
});

import { defineDesignCheck } from '../../../engines/design/types.ts';
import { hasType, opOrWebhookLabel, parameterPlace } from '../_shared/data-schema.ts';
import { isObj } from '../_shared/nodes.ts';
import { stemmedWords } from '../_shared/words.ts';

/** Patterns that only allow digits: `^[0-9]+$`, `^\d+$`, `^[1-9][0-9]{0,9}$`. */
const DIGITS_ONLY = /^\^(?:\[[0-9-]{3,5}\]|\\d)(?:[+*]|\{\d{1,3}(?:,\d{0,3})?\})?(?:(?:\[0-9\]|\\d)(?:[+*]|\{\d{1,3}(?:,\d{0,3})?\})?)?\$$/;

function numericKind(s: Record<string, unknown>): string | undefined {
  if (hasType(s, 'integer')) return 'an integer';
  if (hasType(s, 'number')) return 'a number';
  if (!hasType(s, 'string')) return undefined;
  if (s.format === 'int32' || s.format === 'int64') return `a string of digits (format ${s.format})`;
  if (typeof s.pattern === 'string' && DIGITS_ONLY.test(s.pattern)) return 'a string of digits';
  return undefined;
}

export default defineDesignCheck({
  id: 'numeric-id-in-path',
  title: 'Sequential numeric identifier in a path',
  severity: 'low',
  confidence: 'medium',
  owasp: ['API1:2023'],
  cwe: ['CWE-639'],
  messages: {
    numeric:
      'Path parameter "{{name}}"{{where}} is {{kind}}: identifiers like 1, 2, 3 are guessable, so one missing ownership check exposes every object (BOLA).',
  },
  docs: {
    description:
      'Flags path parameters named as identifiers (id, petId, user_id, ID: the last word of the name is "id") whose type is integer or number, or a string restricted to digits (format int32/int64 or a digits-only pattern).',
    attack:
      'Sequential ids make broken object level authorization (OWASP API1) trivial to exploit at scale: an attacker who can read /orders/1041 simply counts down and up, and the ids also leak business volume (how many orders, users, invoices exist). Random identifiers are no substitute for authorization, but they stop enumeration.',
    fix: 'Check on every request that the caller may access the object the id names. Expose random, non-sequential identifiers (UUIDv4, UUIDv7, or opaque prefixed ids such as ord_8sK2...) in URLs, keeping numeric keys internal.',
  },
  create(ctx) {
    return {
      parameter(p, op) {
        if (op.kind !== 'path' || p.in !== 'path' || !p.schema) return;
        const w = stemmedWords(p.name);
        if (w[w.length - 1] !== 'id') return;
        const node = ctx.resolve(p.schema);
        if (!node || !isObj(node.value)) return;
        const kind = numericKind(node.value);
        if (!kind) return;
        ctx.report({
          node,
          messageId: 'numeric',
          data: { name: p.name, where: parameterPlace(p, op), kind },
          evidence: opOrWebhookLabel(op),
        });
      },
    };
  },
});

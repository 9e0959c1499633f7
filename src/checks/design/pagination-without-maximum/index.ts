import type { Obj } from '../../../engines/design/types.ts';
import { defineDesignCheck } from '../../../engines/design/types.ts';
import type { Parameter } from '../../../formats/openapi/model.ts';
import { hasMaximum, hasType, isEnumerated, opOrWebhookLabel, parameterPlace } from '../_shared/data-schema.ts';
import { PAGE_SIZE_PARAMS } from '../_shared/data-words.ts';
import { isObj } from '../_shared/nodes.ts';

/** A query parameter named like a page size whose type is a number. */
export function pageSizeSchema(
  p: Parameter,
  resolve: (r: NonNullable<Parameter['schema']>) => { value: unknown } | undefined,
): Obj | undefined {
  if (p.in !== 'query' || !p.schema || !PAGE_SIZE_PARAMS.match(p.name)) return undefined;
  const s = resolve(p.schema)?.value;
  if (!isObj(s) || !(hasType(s, 'integer') || hasType(s, 'number'))) return undefined;
  return s;
}

/**
 * A maximum stated in prose only ("Limit can range between 1 and 100", "maximum of 200", "up to 50").
 * Whitespace is normalized first so the pattern needs no repeated-whitespace quantifiers.
 */
const PROSE_MAXIMUM =
  /\b(?:between \d{1,9} and|max(?:imum)?(?: value)?(?: is| of)?:?|up to|at most|no more than|cannot exceed|must not exceed|under|less than or equal to) (\d{1,9})\b/i;

function proseMaximum(...texts: unknown[]): string | undefined {
  for (const t of texts) {
    if (typeof t !== 'string') continue;
    const m = PROSE_MAXIMUM.exec(t.slice(0, 4000).replace(/\s+/g, ' '));
    if (m) return m[1];
  }
  return undefined;
}

export default defineDesignCheck({
  id: 'pagination-without-maximum',
  title: 'Page-size parameter without maximum',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-770'],
  messages: {
    noMaximum:
      'Page-size parameter "{{name}}"{{place}} has no maximum: one request can ask for the whole collection (e.g. {{name}}=1000000).',
    proseOnly:
      'Page-size parameter "{{name}}"{{place}} states its maximum ({{max}}) only in its description: declare `maximum: {{max}}` so validators and gateways enforce it.',
  },
  docs: {
    description:
      'Flags numeric query parameters that set how many items a list returns (limit, per_page, page_size, pageSize, size, count, top/$top, first, last, take, max_results, max_items, batch_size, matched on whole words) when they declare no `maximum` (or 3.1 `exclusiveMaximum`) and no `enum`. When the description states the limit in words ("between 1 and 100") the finding drops to low: the server probably enforces it, but validators and gateways cannot.',
    attack:
      'A page size with no ceiling lets any client ask for a million records at once: the database scans and sorts them, the server holds them in memory and serializes them, and the response takes the API down or exfiltrates a whole table in one call. It is the cheapest denial-of-service and data-harvesting request there is (unrestricted resource consumption).',
    fix: 'Declare `maximum` (for example 100) and a `default`, clamp or reject larger values on the server, and page through the rest with a cursor.',
  },
  create(ctx) {
    return {
      parameter(p, op) {
        if (op.kind !== 'path') return;
        const s = pageSizeSchema(p, ctx.resolve);
        if (!s || hasMaximum(s) || isEnumerated(s)) return;
        const node = ctx.resolve(p.schema);
        if (!node) return;
        const max = proseMaximum(p.ref.value.description, s.description);
        ctx.report({
          node,
          messageId: max ? 'proseOnly' : 'noMaximum',
          severity: max ? 'low' : undefined,
          data: { name: p.name, place: parameterPlace(p, op), max },
          evidence: `accepted by ${opOrWebhookLabel(op)}`,
        });
      },
    };
  },
});

import { defineDesignCheck, type Obj } from '../../../engines/design/types.ts';
import type { Operation } from '../../../formats/openapi/model.ts';
import { child } from '../../../formats/openapi/refs.ts';
import { parentOf } from '../_shared/net-servers.ts';
import { isObj } from '../_shared/nodes.ts';

/** Extensions that carry a removal date: x-sunset, x-sunset-date, x-removal-date, x-eol, x-retirement-date... */
const SUNSET_EXTENSION = /^x-(?:sunset|removal|removed|remove-after|retire|retirement|end-of-life|eol)/i;
/** An `x-deprecation`-style object with a removal date inside. */
const DEPRECATION_OBJECT = /^x-deprecat/i;
const SUNSET_KEY = /sunset|remov|until|retire|end-?of-?life|eol/i;

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** A date in prose: 2025-06-01, 01/06/2025, June 1, 2025, 1 June 2025, June 2025, Q3 2025. */
const DATE = new RegExp(
  [
    String.raw`\b\d{4}-\d{2}-\d{2}\b`,
    String.raw`\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b`,
    String.raw`\b${MONTH}\.? (?:\d{1,2}(?:st|nd|rd|th)?,? )?\d{4}\b`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)? ${MONTH}\.?,? \d{4}\b`,
    String.raw`\bQ[1-4] \d{4}\b`,
  ].join('|'),
  'i',
);

function hasSunsetExtension(node: Obj | undefined): boolean {
  if (!node) return false;
  for (const [k, v] of Object.entries(node)) {
    if (!k.startsWith('x-')) continue;
    if (SUNSET_EXTENSION.test(k) && v !== null && v !== false && v !== '') return true;
    if (DEPRECATION_OBJECT.test(k) && isObj(v) && Object.keys(v).some((x) => SUNSET_KEY.test(x))) return true;
  }
  return false;
}

/** Where a sunset can be announced: an extension, a documented `Sunset` response header, a date in the prose. */
export function announcesSunset(op: Operation): boolean {
  if (hasSunsetExtension(op.ref.value)) return true;
  const item = parentOf(op.ref)?.value;
  if (isObj(item) && hasSunsetExtension(item)) return true;
  if (op.responses.some((r) => r.headers.has('sunset'))) return true;
  const prose = `${op.summary ?? ''}\n${op.description ?? ''}`;
  return DATE.test(prose);
}

export default defineDesignCheck({
  id: 'deprecated-without-sunset',
  title: 'Deprecated operation without a sunset date',
  severity: 'low',
  confidence: 'high',
  owasp: ['API9:2023'],
  cwe: ['CWE-1059'],
  messages: {
    noSunset:
      '{{operation}} is deprecated but announces no sunset date (no `x-sunset`, no `Sunset` response header, no date in its description): clients cannot plan the migration and the old endpoint tends to stay reachable indefinitely.',
  },
  docs: {
    description:
      'Flags operations (and webhooks) marked `deprecated: true` that give no date after which they stop working: no `x-sunset` (or x-sunset-date, x-removal-date, x-eol...) extension on the operation or its path item, no `Sunset` response header (RFC 8594) documented on any response, and no date in the summary or description. Deprecated parameters and properties are not reported: they do not leave an endpoint behind.',
    attack:
      'A deprecation with no end date is how zombie endpoints are born: clients never migrate, the old operation keeps running outside the attention of the team, without the fixes, monitoring and controls of its replacement, and it stays in the attack surface for years.',
    fix: "Decide and publish the removal date: add a `Sunset` response header (RFC 8594) and a `Deprecation` header (RFC 9745) to the operation's responses, record the date in an `x-sunset` extension and in the description with the replacement to use, monitor remaining traffic, and remove the operation when the date passes.",
  },
  create(ctx) {
    return {
      operation(op) {
        if (!op.deprecated || op.kind === 'callback' || announcesSunset(op)) return;
        const node = child(op.ref, 'deprecated') ?? op.ref;
        const operation =
          op.kind === 'webhook' ? `Webhook "${op.path}" (${op.method.toUpperCase()})` : `${op.method.toUpperCase()} ${op.path}`;
        ctx.report({ node, messageId: 'noSunset', data: { operation } });
      },
    };
  },
});

import { defineDesignCheck } from '../../../engines/design/types.ts';
import type { Operation } from '../../../formats/openapi/model.ts';
import { child } from '../../../formats/openapi/refs.ts';
import { opLabel } from '../_shared/operations.ts';
import { asksForCaptcha, basicSchemeNames, classifyFlow } from '../_shared/resp-flows.ts';
import { documentsRateLimit } from '../_shared/resp-ratelimit.ts';
import { isServedByApi } from '../_shared/resp-status.ts';

const EXAMPLES = 3;

export default defineDesignCheck({
  id: 'missing-rate-limit',
  title: 'Operations document no rate limit',
  severity: 'low',
  confidence: 'medium',
  owasp: ['API4:2023'],
  cwe: ['CWE-770'],
  messages: {
    none: 'No operation of this API documents a rate limit ({{operations}}{{examples}}): no 429 response and no RateLimit, X-RateLimit-* or Retry-After header.',
    some: '{{count}} of {{total}} operations document no rate limit ({{list}}): no 429 response and no RateLimit, X-RateLimit-* or Retry-After header.',
  },
  defaultOptions: { examples: EXAMPLES },
  docs: {
    description:
      'Counts the operations that document neither a 429 (Too Many Requests) response nor a rate-limit header (RateLimit, RateLimit-Policy, X-RateLimit-Limit/Remaining/Reset, Retry-After) on any response, and reports them once per definition, at `paths`, with a few examples. Sensitive business flows (login, OTP, checkout...) are left to business-flow-without-anti-automation, which reports each of them; webhooks and callbacks are not counted, as the API sends them.',
    attack:
      'Without limits an API serves whatever it is asked: one client can exhaust CPU, memory, database connections or paid third-party quotas (SMS, e-mail, payment fees) for everybody, scrape the whole data set, or brute force identifiers. When limits exist but are not documented, clients cannot back off correctly and retry storms make outages worse.',
    fix: 'Enforce rate limits and quotas per client (API gateway, reverse proxy or middleware) and document them: add a 429 response with a Retry-After header to every operation (a shared `components/responses/TooManyRequests` keeps it short), and the RateLimit / RateLimit-Policy headers (IETF draft) or X-RateLimit-Limit / -Remaining / -Reset on success responses.',
  },
  create(ctx) {
    const basic = basicSchemeNames(ctx.api.securitySchemes);
    const lacking: Operation[] = [];
    let total = 0;
    return {
      operation(op) {
        if (!isServedByApi(op)) return;
        const limited = documentsRateLimit(op);
        // business-flow-without-anti-automation reports sensitive flows one by one, at higher severity:
        // leave them out of the count, both ways.
        if (!limited && classifyFlow(op, basic) && !asksForCaptcha(op, ctx.api.set)) return;
        total++;
        if (!limited) lacking.push(op);
      },
      done() {
        if (lacking.length === 0) return;
        const n = Math.max(1, Number(ctx.options.examples) || EXAMPLES);
        const shown = lacking.slice(0, n).map(opLabel).join(', ');
        const complete = lacking.length <= n;
        const node = child(ctx.api.root, 'paths') ?? ctx.api.root;
        const all = lacking.length === total;
        ctx.report({
          node,
          messageId: all ? 'none' : 'some',
          // One finding per definition: counts and examples change as operations are added.
          fingerprintKey: 'missing-rate-limit',
          data: {
            count: lacking.length,
            total,
            operations: lacking.length === 1 ? '1 operation' : `${lacking.length} operations`,
            examples: complete ? `: ${shown}` : `, e.g. ${shown}`,
            list: complete ? shown : `e.g. ${shown}`,
          },
          evidence: `${lacking.length}/${total} operations without 429 or rate-limit headers`,
        });
      },
    };
  },
});

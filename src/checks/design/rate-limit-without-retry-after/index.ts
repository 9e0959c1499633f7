import { defineDesignCheck } from '../../../engines/design/types.ts';
import { nodeKey } from '../_shared/nodes.ts';
import { opLabel } from '../_shared/operations.ts';
import { isRetryHeader } from '../_shared/resp-ratelimit.ts';

export default defineDesignCheck({
  id: 'rate-limit-without-retry-after',
  title: '429 response without Retry-After',
  severity: 'low',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-770'],
  messages: {
    missing:
      'The 429 response of {{op}} declares no Retry-After (or RateLimit-Reset) header: throttled clients cannot tell when to come back and retry at once.',
    shared:
      'The shared 429 response "{{name}}" declares no Retry-After (or RateLimit-Reset) header: throttled clients cannot tell when to come back and retry at once.',
  },
  docs: {
    description:
      'Flags documented 429 (Too Many Requests) responses that declare no Retry-After header and no reset header (RateLimit-Reset, X-RateLimit-Reset, or the IETF RateLimit field, whose `t` parameter is the reset time). A 429 response shared through `components/responses` or `responses` (2.0) is reported once, at its definition.',
    attack:
      'Clients that are not told when to retry either give up or retry immediately in a loop; SDKs generated from the definition then hammer the API exactly when it is overloaded, turning throttling into a self-inflicted denial of service and making the limit easy to probe for attackers tuning their request rate.',
    fix: 'Add a `Retry-After` header (seconds or an HTTP date) to the 429 response, and preferably the RateLimit / RateLimit-Policy headers. Define the 429 once in `components/responses` and reference it from every operation.',
  },
  create(ctx) {
    // Shared responses: report once at the definition, naming the first user.
    const seen = new Map<string, { count: number }>();
    const pending: { key: string; report: () => void }[] = [];
    return {
      operation(op) {
        for (const r of op.responses) {
          if (r.status !== '429') continue;
          if ([...r.headers.keys()].some(isRetryHeader)) continue;
          const key = nodeKey(r.ref);
          const prior = seen.get(key);
          if (prior) {
            prior.count++;
            continue;
          }
          const entry = { count: 1 };
          seen.set(key, entry);
          const sharedName = /\/responses\/([^/]+)$/.exec(r.ref.pointer);
          const isShared = sharedName !== null && !r.ref.pointer.startsWith('/paths/') && !r.ref.pointer.startsWith('/webhooks/');
          const label = opLabel(op);
          pending.push({
            key,
            report: () =>
              ctx.report({
                node: r.ref,
                messageId: isShared ? 'shared' : 'missing',
                data: isShared ? { name: sharedName[1].replace(/~1/g, '/').replace(/~0/g, '~') } : { op: label },
                evidence: `used by ${label}${entry.count > 1 ? ` and ${entry.count - 1} more operation${entry.count > 2 ? 's' : ''}` : ''}`,
              }),
          });
        }
      },
      done() {
        for (const p of pending) p.report();
      },
    };
  },
});

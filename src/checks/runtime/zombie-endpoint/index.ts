import { defineInventoryCheck } from '../../../engines/runtime/inventory/types.ts';
import { newerDocumented, versionOf } from '../../../engines/runtime/inventory/versions.ts';

const plural = (n: number) => `${n} request${n === 1 ? '' : 's'}`;

export default defineInventoryCheck({
  id: 'zombie-endpoint',
  title: 'Zombie endpoint: an old API version or a deprecated operation still in use',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API9:2023'],
  cwe: ['CWE-1059', 'CWE-477'],
  needsDefinitions: true,
  messages: {
    olderVersion:
      '{{method}} {{path}} of API version {{old}} still answers ({{answered}} of {{requests}}{{last}}) while the definitions document version {{new}}{{successor}}.',
    deprecated: 'Deprecated operation {{method}} {{path}} is still called: {{requests}}{{last}}{{clients}}.',
  },
  defaultOptions: {},
  docs: {
    description:
      'Reports endpoints of an older API version (`/v1/...` while `/v2/...` is documented) that still answer requests although the definitions no longer document them or mark them deprecated, and operations marked `deprecated: true` that traffic still calls.',
    attack:
      'Old versions keep the flaws that newer ones fixed (missing authorization, excessive data exposure, weak rate limits) and nobody watches them any more; attackers downgrade from /v2 to /v1 to bypass the fixes (OWASP API9, improper inventory management).',
    fix: 'Retire old versions on a published schedule: tell the remaining clients (the traffic names them), then make the old routes answer 410 Gone or remove them. Until then, keep them in the definition, patched and monitored like the current version.',
  },
  run(ctx) {
    for (const ep of ctx.endpoints) {
      if (!ep.inScope || ep.answered === 0) continue;
      const last = ep.lastSeen ? `, last at ${ep.lastSeen}` : '';
      if (ep.documented?.deprecated) {
        ctx.report({
          method: ep.method,
          path: ep.path,
          endpoint: ep,
          operation: ctx.operations.find((o) => o.file === ep.documented?.file && o.line === ep.documented?.line),
          messageId: 'deprecated',
          data: {
            method: ep.method,
            path: ep.path,
            requests: plural(ep.count),
            last,
            clients: ep.hosts.length ? ` on ${ep.hosts.join(', ')}` : '',
          },
        });
        continue;
      }
      if (ep.documented) continue;
      const newer = newerDocumented(ep, ctx.operations);
      if (!newer) continue;
      const old = versionOf(ep.path)?.label ?? '?';
      ctx.report({
        method: ep.method,
        path: ep.path,
        endpoint: ep,
        operation: newer.successor?.op,
        messageId: 'olderVersion',
        severity: (ep.status['2xx'] ?? 0) > 0 ? 'high' : undefined,
        data: {
          method: ep.method,
          path: ep.path,
          old,
          new: newer.newest,
          answered: ep.answered,
          requests: plural(ep.count),
          last,
          successor: newer.successor ? `; its successor is ${newer.successor.op.method} ${newer.successor.template}` : '',
        },
      });
    }
  },
});

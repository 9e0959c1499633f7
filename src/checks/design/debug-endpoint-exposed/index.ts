import type { Severity } from '../../../core/index.ts';
import { defineDesignCheck, type Obj } from '../../../engines/design/types.ts';
import type { Operation } from '../../../formats/openapi/model.ts';
import { parentOf } from '../_shared/net-servers.ts';
import { nodeKey } from '../_shared/nodes.ts';
import { opLabel } from '../_shared/operations.ts';

interface Rule {
  what: string;
  severity: Severity;
  /** any: the segment is suspicious wherever it appears; root: only as the first segment after api/version prefixes. */
  where: 'any' | 'root';
  /** For words that are also business resources: what the operation must show to count. */
  confirm?: (op: Operation) => boolean;
}

/** Prometheus / OpenMetrics exposition, as opposed to a business "metrics" resource. */
const operationalMetrics = (op: Operation) =>
  op.responses.some((r) => r.content.some((mt) => mt.type.startsWith('text/plain') || mt.type.includes('openmetrics'))) ||
  /prometheus|openmetrics|exposition|scrape/i.test(`${op.summary ?? ''} ${op.description ?? ''} ${op.operationId ?? ''}`);

const DEBUG: Rule = { what: 'a debug endpoint', severity: 'high', where: 'any' };
const ACTUATOR: Rule = { what: 'a Spring Boot Actuator management endpoint', severity: 'high', where: 'any' };
const DUMP: Rule = { what: 'a memory or thread dump endpoint', severity: 'high', where: 'any' };
const SERVER_INFO: Rule = { what: 'a server information page', severity: 'high', where: 'any' };
const FILES: Rule = { what: 'a configuration or source-control file', severity: 'high', where: 'any' };
const CONSOLE: Rule = { what: 'a database or administration console', severity: 'high', where: 'any' };
const INTERNAL: Rule = { what: 'an internal endpoint', severity: 'medium', where: 'any' };
const ROOT_ENV: Rule = { what: 'an environment, dump or shutdown endpoint', severity: 'high', where: 'root' };
const ROOT_MGMT: Rule = { what: 'a management endpoint', severity: 'medium', where: 'root' };
const ROOT_TEST: Rule = { what: 'a test endpoint', severity: 'medium', where: 'root' };
const ROOT_CONSOLE: Rule = { what: 'an administration console', severity: 'medium', where: 'root' };
const ROOT_METRICS: Rule = { what: 'an operational metrics endpoint', severity: 'medium', where: 'root', confirm: operationalMetrics };
const PROMETHEUS: Rule = { what: 'an operational metrics endpoint', severity: 'medium', where: 'root' };

/** Whole path segments, lowercased. Words that are ordinary resources elsewhere only count at the root. */
const SEGMENTS = new Map<string, Rule>([
  ['debug', DEBUG],
  ['_debug', DEBUG],
  ['__debug__', DEBUG],
  ['pprof', DEBUG],
  ['_profiler', DEBUG],
  ['_ignition', DEBUG],
  ['__clockwork', DEBUG],
  ['elmah.axd', DEBUG],
  ['trace.axd', DEBUG],
  ['actuator', ACTUATOR],
  ['jolokia', ACTUATOR],
  ['heapdump', DUMP],
  ['threaddump', DUMP],
  ['phpinfo', SERVER_INFO],
  ['phpinfo.php', SERVER_INFO],
  ['server-status', SERVER_INFO],
  ['server-info', SERVER_INFO],
  ['.env', FILES],
  ['.git', FILES],
  ['h2-console', CONSOLE],
  ['internal', INTERNAL],
  ['_internal', INTERNAL],
  ['__internal', INTERNAL],
  ['env', ROOT_ENV],
  ['dump', ROOT_ENV],
  ['shutdown', ROOT_ENV],
  ['configprops', ROOT_MGMT],
  ['mappings', ROOT_MGMT],
  ['beans', ROOT_MGMT],
  ['autoconfig', ROOT_MGMT],
  ['auditevents', ROOT_MGMT],
  ['loggers', ROOT_MGMT],
  ['trace', ROOT_MGMT],
  ['test', ROOT_TEST],
  ['_test', ROOT_TEST],
  ['console', ROOT_CONSOLE],
  ['metrics', ROOT_METRICS],
  ['prometheus', PROMETHEUS],
]);

/** Leading segments that do not name a resource: `/api`, `/rest`, `/v1`, `/v1beta2`, `/2.0`, `/2010-04-01`. */
const PREFIX =
  /^(?:api|apis|rest|services?|v\d{1,4}(?:\.\d{1,4}){0,2}(?:alpha\d{0,3}|beta\d{0,3})?|\d{1,4}(?:\.\d{1,4}){1,2}|\d{4}-\d{2}-\d{2})$/i;
const INTERNAL_TAGS = new Set(['internal', 'debug', 'test', 'testing']);

/** The first suspicious segment of a path, if any. */
export function suspiciousSegment(path: string): { segment: string; rule: Rule } | undefined {
  let root = true;
  for (const raw of path.split('/')) {
    if (!raw) continue;
    const seg = raw.toLowerCase();
    if (root && PREFIX.test(seg)) continue;
    const rule = SEGMENTS.get(seg);
    if (rule && (rule.where === 'any' || root)) return { segment: raw, rule };
    root = false;
  }
  return undefined;
}

export default defineDesignCheck({
  id: 'debug-endpoint-exposed',
  title: 'Debug, test, internal or management endpoint in the definition',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API9:2023', 'API8:2023'],
  cwe: ['CWE-489', 'CWE-215'],
  messages: {
    path: 'Path "{{path}}" looks like {{what}} (segment "{{segment}}"): endpoints meant for developers and operators leak internals and widen the attack surface once published and reachable.',
    tag: '{{operation}} is tagged "{{tag}}": an operation meant for internal use or testing is published with the public API.',
    xInternal:
      '{{operation}} is marked `x-internal: true` but is still in the definition: make sure the published definition is built without it (and that the gateway does not route it).',
  },
  docs: {
    description:
      'Flags paths with a debug, diagnostics or management segment (/debug, /_profiler, /actuator, /heapdump, /jolokia, /phpinfo, /server-status, /.env, /h2-console, /internal ...), and, as the first segment after /api or version prefixes only, words that are ordinary resource names elsewhere (/env, /dump, /shutdown, /trace, /mappings, /test, /console, and /metrics when it serves Prometheus/OpenMetrics text rather than a business resource). Segments match whole (`/test-results` and `/webhooks/{id}/test` are not test endpoints). Also flags operations tagged internal/debug/test (medium) and operations or path items marked `x-internal: true` (low: they are usually stripped at publication, which is worth verifying).',
    attack:
      'Debug and management endpoints are built for trusted operators: they dump environment variables and secrets (/env, /.env), heap memory with session tokens (/heapdump), SQL consoles (/h2-console), or run arbitrary code (Jolokia, Werkzeug and Laravel Ignition debuggers). Test and internal endpoints skip the checks of the public ones. Once documented in a published definition, they are the first thing an attacker tries.',
    fix: 'Remove these endpoints from production builds or bind them to a management port that is not reachable from the internet, require strong authentication on them, and publish a definition that only describes the public API (strip `x-internal` operations at build time and verify the gateway does not route them).',
  },
  create(ctx) {
    const flaggedPaths = new Set<string>();
    return {
      operation(op) {
        if (op.kind !== 'path') return;
        const item = parentOf(op.ref);
        if (!item) return;
        const pathKey = nodeKey(item);
        if (flaggedPaths.has(pathKey)) return;
        const hit = suspiciousSegment(op.path);
        if (hit && (!hit.rule.confirm || hit.rule.confirm(op))) {
          flaggedPaths.add(pathKey);
          ctx.report({
            node: item,
            messageId: 'path',
            data: { path: op.path, what: hit.rule.what, segment: hit.segment },
            severity: hit.rule.severity,
          });
          return;
        }
        const tag = op.tags.find((t) => INTERNAL_TAGS.has(t.toLowerCase()));
        if (tag) {
          ctx.report({ node: op.ref, messageId: 'tag', data: { operation: opLabel(op), tag }, severity: 'medium' });
          return;
        }
        if (op.ref.value['x-internal'] === true || (item.value as Obj)['x-internal'] === true) {
          ctx.report({ node: op.ref, messageId: 'xInternal', data: { operation: opLabel(op) }, severity: 'low' });
        }
      },
    };
  },
});

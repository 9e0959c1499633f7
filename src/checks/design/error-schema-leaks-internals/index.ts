import { defineDesignCheck } from '../../../engines/design/types.ts';
import type { Operation } from '../../../formats/openapi/model.ts';
import { child, type NodeRef } from '../../../formats/openapi/refs.ts';
import { isObj, nodeKey, onlyOnce } from '../_shared/nodes.ts';
import { opLabel } from '../_shared/operations.ts';
import { isErrorStatus } from '../_shared/resp-status.ts';

type Obj = Record<string, unknown>;

/** Lowercase without `_` and `-`: `stack_trace`, `stackTrace` and `Stack-Trace` all read `stacktrace`. */
const squash = (name: string) => name.replace(/[_-]/g, '').toLowerCase();

type Kind = 'stack' | 'exception' | 'sql' | 'debug' | 'location' | 'query';
const WHAT: Record<Kind, string> = {
  stack: 'a stack trace',
  exception: 'exception details',
  sql: 'SQL',
  debug: 'debug data',
  location: 'source file and line',
  query: 'the query that failed',
};

/** Names that expose internals on their own. */
function strong(n: string): Kind | undefined {
  if (
    n === 'stack' ||
    n === 'stacktrace' ||
    n === 'traceback' ||
    n === 'backtrace' ||
    n === 'trace' ||
    n === 'callstack' ||
    n === 'stackframes'
  )
    return 'stack';
  if (n.startsWith('exception') || n === 'innerexception' || n === 'innerexceptions') return 'exception';
  if (n === 'sql' || n === 'sqlquery' || n === 'sqlstate' || n === 'sqlerror' || n === 'sqlstatement') return 'sql';
  if (n.startsWith('debug')) return 'debug';
  return undefined;
}

/** Names that are ordinary on their own (a CSV import error may name a line) but not beside another one. */
function weak(n: string): Kind | undefined {
  if (n === 'file' || n === 'filename' || n === 'line' || n === 'lineno' || n === 'linenumber') return 'location';
  if (n === 'query') return 'query';
  return undefined;
}

/** Property levels looked at: the error body and one wrapper (`{ error: { message, stack } }`). */
const MAX_LEVEL = 2;

export default defineDesignCheck({
  id: 'error-schema-leaks-internals',
  title: 'Error response schema exposes internals',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API8:2023'],
  cwe: ['CWE-209'],
  messages: {
    leak: 'Error response property "{{name}}" returns {{what}} to the client: error bodies must not carry implementation details that attackers use to map and exploit the server.',
  },
  docs: {
    description:
      'Looks at the schemas of 4xx, 5xx and default responses (the error body and one wrapper level, e.g. `{ error: { ... } }`) for properties that carry internals: stack traces (stack, stackTrace, stack_trace, trace, traceback, backtrace, callstack), exceptions (exception, exceptionType, innerException...), SQL (sql, sqlState...) and debug data (debug, debugInfo, debug_step...). Source locations (file, line) and `query` are reported only beside another such property, as a parse error may rightly name a line. Reported once per property, at its name.',
    attack:
      'Stack traces and exception details reveal the framework, library versions, class and file names and code paths; SQL fragments reveal table and column names and confirm injection points. Attackers provoke errors on purpose (malformed input, wrong types, huge values) to collect them, then aim known exploits at the exact versions and code paths they saw. A documented field is usually a populated field in production.',
    fix: 'Return a minimal, stable error body (an error code, a human-readable message, a correlation id; RFC 9457 problem details) and log the details server-side under that correlation id. If debug output is needed, enable it only in development builds and keep it out of the public contract.',
  },
  create(ctx) {
    const seen = new Set<string>();
    const firstReport = onlyOnce();
    const walk = (raw: NodeRef | undefined, level: number, op: Operation, status: string, depth: number) => {
      if (depth > 16) return;
      const ref = ctx.resolve<Obj>(raw);
      if (!ref || !isObj(ref.value)) return;
      const key = `${nodeKey(ref)}@${level}`;
      if (seen.has(key)) return;
      seen.add(key);
      const s = ref.value;
      const props = child<Obj>(ref, 'properties');
      if (props && isObj(props.value)) {
        const names = Object.keys(props.value);
        const listed = names.filter((n) => strong(squash(n)) ?? weak(squash(n))).length;
        for (const name of names) {
          const n = squash(name);
          const kind = strong(n) ?? (listed > 1 ? weak(n) : undefined);
          if (!kind) continue;
          const node = child(props, name) as NodeRef;
          if (!firstReport(node)) continue;
          ctx.report({ node, messageId: 'leak', data: { name, what: WHAT[kind] }, evidence: `${status} response of ${opLabel(op)}` });
        }
        if (level < MAX_LEVEL) for (const name of names) walk(child(props, name), level + 1, op, status, depth + 1);
      }
      for (const k of ['allOf', 'oneOf', 'anyOf'] as const) {
        const list = child(ref, k);
        if (list && Array.isArray(list.value))
          for (let i = 0; i < list.value.length; i++) walk(child(list, i), level, op, status, depth + 1);
      }
      if (isObj(s.items)) walk(child(ref, 'items'), level, op, status, depth + 1);
      if (isObj(s.additionalProperties)) walk(child(ref, 'additionalProperties'), level, op, status, depth + 1);
    };
    return {
      operation(op) {
        for (const r of op.responses) {
          if (!isErrorStatus(r.status)) continue;
          for (const mt of r.content) walk(mt.schema, 1, op, r.status, 0);
        }
      },
    };
  },
});

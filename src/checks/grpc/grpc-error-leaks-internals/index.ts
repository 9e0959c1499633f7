import { defineGrpcProbeCheck, type GrpcCall, statusName } from '../../../engines/grpc/probe/types.ts';
import { findLeak } from '../../probe/_inject/errors.ts';
import { callable, label } from '../_shared/calls.ts';

/** A harmless marker that breaks naive SQL and string handling: quotes and a backslash. */
export const QUOTE_MARKER = `rampart'"\\`;
/**
 * Absolute source paths of the server (`/app/src/db.js`, `/home/x/svc/main.go`, `C:\srv\app\x.cs`):
 * bounded repeats, no nesting, so long details cost linear time.
 */
const SOURCE_PATH =
  /(?:^|[\s("'=])((?:\/(?:home|usr|var|srv|opt|app|src|workspace|build|go|root|tmp)(?:\/[\w.@+-]{1,80}){1,20}|[A-Za-z]:\\(?:[\w.@+ -]{1,80}\\){1,20}[\w.@+-]{1,80})\.(?:js|mjs|cjs|ts|py|go|java|kt|rb|php|cs|rs|cpp|cc|c|scala|ex|exs))\b/;

interface Leak {
  kind: string;
  excerpt: string;
}

function leakIn(c: GrpcCall): Leak | undefined {
  if (c.code === undefined || c.code === 0) return undefined;
  const text = [c.details ?? '', ...Object.values(c.trailers)].join('\n');
  const l = findLeak(text);
  if (l) return { kind: `${l.kind} (${l.source})`, excerpt: l.excerpt };
  const p = SOURCE_PATH.exec(text);
  return p ? { kind: 'source file path', excerpt: p[1] as string } : undefined;
}

export default defineGrpcProbeCheck({
  id: 'grpc-error-leaks-internals',
  stage: 'probe',
  title: 'gRPC error leaks server internals',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-209'],
  phase: 'last',
  defaultOptions: { maxMethods: 50 },
  messages: {
    leak: 'Method {{method}} answered {{status}} with {{kind}} in its status message or details: "{{excerpt}}". Internals in errors map the code and database for an attacker.',
  },
  docs: {
    description:
      'Sends each unary method (at most `maxMethods`, never the destructive ones) an empty request and one whose string fields hold a harmless quote marker (`rampart\'"\\`), as the first configured identity, and reads the status message, the trailers and `grpc-status-details-bin` of every error the probe received: stack traces (Node.js, Java, Python, Go, .NET, PHP, Ruby), database errors (SQL syntax, driver names) and absolute source file paths are flagged.',
    attack:
      "Security misconfiguration (OWASP API8): a handler that puts `err.stack` or the driver's message into the status tells an attacker the language, libraries, file layout, the SQL it runs and where input reaches it: each error becomes a step towards injection or a known-vulnerable library.",
    fix: 'Map errors to a status code and a generic message in one place (a server interceptor or a wrapper around handlers): `INTERNAL`, "internal error", plus a correlation id; log the details on the server. Never copy `err.message` of database or runtime errors into `details` or `google.rpc.Status` details.',
  },
  async run(ctx) {
    const identity = ctx.identities[0]?.name;
    for (const m of callable(ctx.methods, Number(ctx.options.maxMethods))) {
      await ctx.anonymous(m);
      const strings = m.request.fieldsArray.filter((f) => f.type === 'string' && !f.repeated && !f.map);
      if (strings.length) await ctx.call(m, Object.fromEntries(strings.map((f) => [f.name, QUOTE_MARKER])), { identity });
    }
    for (const c of ctx.calls()) {
      const leak = leakIn(c);
      if (!leak) continue;
      ctx.report({
        path: c.method.path,
        messageId: 'leak',
        data: { method: label(c.method), status: statusName(c.code), kind: leak.kind, excerpt: leak.excerpt.slice(0, 120) },
        calls: [c],
      });
    }
  },
});

import { defineGrpcProbeCheck } from '../../../engines/grpc/probe/types.ts';
import { callable, label } from '../_shared/calls.ts';

export default defineGrpcProbeCheck({
  id: 'grpc-auth-not-enforced',
  stage: 'probe',
  title: 'gRPC method answers without credentials',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API2:2023'],
  cwe: ['CWE-306'],
  defaultOptions: { maxMethods: 50 },
  messages: {
    open: 'Method {{method}} {{answered}} to a call with no credentials at all (an empty request, no authorization metadata){{returned}}.',
  },
  docs: {
    description:
      'Calls every unary and server-streaming method of the server (from reflection or --proto; a stream is read to its first message; at most `maxMethods`, methods whose name says they delete, cancel, pay or send are never called) with an empty request and no metadata. A method that returns OK is flagged. Health and reflection services are left out; a method public on purpose can be accepted with a baseline.',
    attack:
      'Broken authentication (OWASP API2): a gRPC server authenticates in an interceptor or in each handler; a method registered outside the interceptor, or a handler that forgot the check, serves anyone who can reach the port, and grpcurl or reflection makes finding it trivial.',
    fix: 'Authenticate in one server interceptor that every method passes through and that denies by default: read `authorization` from the metadata, verify the token, and end the call with UNAUTHENTICATED when it is missing or invalid. List the few public methods explicitly in the interceptor.',
  },
  async run(ctx) {
    for (const m of callable(ctx.methods, Number(ctx.options.maxMethods))) {
      const c = await ctx.anonymous(m);
      if (c.code !== 0) continue;
      const data = c.responseJson && c.responseJson !== '{}' ? c.responseJson.slice(0, 120) : undefined;
      const returned = data ? (m.serverStreaming ? ` (first message: ${data})` : ` and returned data: ${data}`) : '';
      ctx.report({
        path: m.path,
        messageId: 'open',
        data: { method: label(m), answered: m.serverStreaming ? 'opened a stream' : 'returned OK', returned },
        calls: [c],
      });
    }
  },
});

import { defineGrpcProbeCheck } from '../../../engines/grpc/probe/types.ts';

export default defineGrpcProbeCheck({
  id: 'grpc-plaintext-accepted',
  stage: 'probe',
  title: 'gRPC server accepts plaintext connections',
  severity: 'high',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-319'],
  messages: {
    only: 'The gRPC server at {{target}} speaks plaintext HTTP/2 only (no TLS): {{where}}',
    both: 'The gRPC server at {{target}} accepts plaintext HTTP/2 beside TLS: a client that forgets TLS, or an attacker who downgrades it, talks in the clear. {{where}}',
  },
  docs: {
    description:
      'Connects to the server twice, once with TLS and once without, calling a method that exists nowhere (the answer, UNIMPLEMENTED, proves the transport works). A server that answers without TLS is flagged: high on a public address, medium on a private network, low on loopback (a local or test server, where plaintext is usual; the deployment must still use TLS).',
    attack:
      'Security misconfiguration, cleartext transmission (OWASP API8): gRPC metadata carries bearer tokens and API keys, and messages carry the data. Without TLS anyone on the path (a shared network, a compromised node, a sidecar-less hop in a cluster) reads and changes both, and replays the tokens.',
    fix: 'Serve with TLS only: `grpc.ServerCredentials.createSsl(...)` (grpc-js), `credentials.NewTLS` (Go), `ssl_server_credentials` (Python), or terminate TLS at a proxy or service mesh with mTLS and bind the plaintext port to loopback only. Do not open an insecure port beside the TLS one.',
  },
  async run(ctx) {
    const call = ctx.plaintext;
    if (!call) return;
    const where = ctx.loopback
      ? 'it listens on loopback, fine for local development and tests; make sure the deployed server uses TLS.'
      : ctx.privateNetwork
        ? 'on a private network the traffic, tokens included, is still readable by anything on that network.'
        : 'tokens and messages cross the network in the clear.';
    ctx.report({
      path: '/',
      messageId: ctx.tls ? 'both' : 'only',
      data: { target: ctx.target, where },
      severity: ctx.loopback ? 'low' : ctx.privateNetwork ? 'medium' : 'high',
      calls: [call],
      // Any answer proves the transport: a service list, or "server does not support the reflection API".
      reproducer: `grpcurl -plaintext ${ctx.target} list`,
    });
  },
});

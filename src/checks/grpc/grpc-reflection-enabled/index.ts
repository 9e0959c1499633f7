import { defineGrpcProbeCheck } from '../../../engines/grpc/probe/types.ts';

/** Services named in the message. */
const LISTED = 12;

export default defineGrpcProbeCheck({
  id: 'grpc-reflection-enabled',
  stage: 'probe',
  title: 'gRPC server reflection answers anonymous clients',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API9:2023', 'API8:2023'],
  cwe: ['CWE-200'],
  messages: {
    enabled:
      'Server reflection ({{version}}) answers without credentials and lists {{count}} services: {{services}}. Anyone can read every method and message of the server and call them with grpcurl.',
  },
  docs: {
    description:
      'Asks the server for its services through the reflection protocol (`grpc.reflection.v1.ServerReflection`, then `v1alpha`) without any credentials, and reads their descriptors. A server that answers is flagged with the services it listed.',
    attack:
      'Improper inventory management and misconfiguration (OWASP API9, API8): reflection hands out the complete schema, internal and admin services included, so an attacker does not need the .proto files to find and call every method (`grpcurl -plaintext host:port list`, `describe`, then calls). It is meant for development tools.',
    fix: 'Do not register the reflection service in production builds (e.g. only when `NODE_ENV=development`, or `reflection.Register` behind a flag in Go), or serve it on an internal port only, or require credentials for it in the auth interceptor. Publish .proto files to the clients that need them instead.',
  },
  async run(ctx) {
    const r = ctx.reflection;
    if (!r) return;
    const names = r.services.filter((s) => !s.startsWith('grpc.reflection.'));
    ctx.report({
      path: r.call.method.path,
      messageId: 'enabled',
      data: {
        version: r.version,
        count: names.length,
        services: names.length ? `${names.slice(0, LISTED).join(', ')}${names.length > LISTED ? ', …' : ''}` : '(only reflection itself)',
      },
      calls: [r.call],
      reproducer: `grpcurl ${ctx.transport === 'plaintext' ? '-plaintext' : '-insecure'} ${ctx.target} list`,
    });
  },
});

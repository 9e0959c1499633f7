import { defineGrpcDesignCheck } from '../../../engines/grpc/design.ts';
import { escapeSegment } from '../../../formats/pointer.ts';
import { HEALTH_SERVICES, REFLECTION_SERVICES } from '../_shared/proto.ts';

/** The framework's own definitions: importing one into the API's protos puts the service in its public surface. */
const IMPORTS: Record<string, 'reflection' | 'health'> = {
  'grpc/reflection/v1alpha/reflection.proto': 'reflection',
  'grpc/reflection/v1/reflection.proto': 'reflection',
  'reflection/grpc_reflection_v1alpha/reflection.proto': 'reflection',
  'grpc/health/v1/health.proto': 'health',
};

export default defineGrpcDesignCheck({
  id: 'grpc-reflection-service-declared',
  stage: 'design',
  title: 'Server reflection or health service in the public API definition',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API8:2023', 'API9:2023'],
  cwe: ['CWE-200'],
  messages: {
    reflection:
      "Service {{service}} is declared in the API's own protos: clients can list every service, method and message of the server, internal ones included.",
    health:
      "Service {{service}} is declared in the API's own protos: the health service tells anyone which services run and whether they are up.",
    importReflection: "The API's protos import {{path}}: the server reflection service becomes part of the public surface.",
    importHealth: "The API's protos import {{path}}: the health service becomes part of the public surface.",
    configReflection:
      'The service configuration serves {{service}} as one of its APIs: clients of the deployment can list every service, method and message.',
    configHealth:
      'The service configuration serves {{service}} as one of its APIs: anyone can ask which services run and whether they are up.',
  },
  docs: {
    description:
      "Flags the gRPC server reflection service (`grpc.reflection.v1alpha.ServerReflection`, `grpc.reflection.v1.ServerReflection`) (medium) and the health service (`grpc.health.v1.Health`) (low) when the project's own .proto files declare them or import their definitions, or a Google API service configuration (`type: google.api.Service`, as Cloud Endpoints and ESPv2 use) lists them under `apis`, which puts them in the API's public surface (generated clients, API gateways, published descriptors).",
    attack:
      'Improper inventory and security misconfiguration (OWASP API9, API8): reflection hands an attacker the complete schema of the server, including internal and admin services that no client was given, which turns a blind attack into a guided one (grpcurl lists and calls them). A public health service reveals which services run and when they fail.',
    fix: "Register reflection only in development builds or on an internal listener (a separate port bound to localhost or the service mesh), and keep its definition out of the API's protos; serve health checks on the internal port the load balancer uses. Verify with `rampart probe --grpc HOST:PORT` that the deployed server does not answer reflection.",
  },
  run(ctx) {
    const main = ctx.project.main;
    for (const svc of main.proto.services) {
      const kind = REFLECTION_SERVICES.has(svc.fullName) ? 'reflection' : HEALTH_SERVICES.has(svc.fullName) ? 'health' : undefined;
      if (!kind) continue;
      ctx.report({
        node: { file: main, span: svc.span, pointer: `/services/${escapeSegment(svc.fullName)}` },
        messageId: kind,
        severity: kind === 'health' ? 'low' : 'medium',
        data: { service: svc.fullName },
        evidence: `service ${svc.name}`,
      });
    }
    for (const imp of main.proto.imports) {
      const kind = IMPORTS[imp.path];
      if (!kind) continue;
      ctx.report({
        node: { file: main, span: imp.span, pointer: `/imports/${escapeSegment(imp.path)}` },
        messageId: kind === 'reflection' ? 'importReflection' : 'importHealth',
        severity: kind === 'health' ? 'low' : 'medium',
        data: { path: imp.path },
        evidence: `import "${imp.path}"`,
      });
    }
  },
  serviceConfig(ctx) {
    const apis = (ctx.doc.value as { apis?: unknown } | null)?.apis;
    if (!Array.isArray(apis)) return;
    apis.forEach((api: unknown, i) => {
      const name = (api as { name?: unknown } | null)?.name;
      if (typeof name !== 'string') return;
      const kind = REFLECTION_SERVICES.has(name) ? 'reflection' : HEALTH_SERVICES.has(name) ? 'health' : undefined;
      const at = kind && ctx.doc.locate(`/apis/${i}/name`, 'value');
      if (!kind || !at) return;
      ctx.report({
        node: {
          file: ctx.file,
          span: { line: at.startLine, column: at.startColumn, endLine: at.endLine, endColumn: at.endColumn },
          pointer: `/apis/${i}/name`,
        },
        messageId: kind === 'reflection' ? 'configReflection' : 'configHealth',
        severity: kind === 'health' ? 'low' : 'medium',
        data: { service: name },
        evidence: `apis: - name: ${name}`,
      });
    });
  },
});

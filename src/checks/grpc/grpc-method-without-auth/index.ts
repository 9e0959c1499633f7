import { defineGrpcDesignCheck } from '../../../engines/grpc/design.ts';
import { isAuthOption, isFrameworkService, methodLabel, methodPointer } from '../_shared/proto.ts';

/** Method name verbs that change state: a missing auth option there is worse. */
const WRITE_VERB =
  /^(?:Create|Update|Delete|Remove|Set|Put|Patch|Add|Insert|Upsert|Write|Modify|Change|Reset|Grant|Revoke|Assign|Approve|Cancel|Transfer|Pay|Refund|Import|Upload|Purge|Drop|Disable|Enable|Register|Send|Submit|Execute|Run)(?:[A-Z_]|$)/;

/** `extend google.protobuf.MethodOptions` / `ServiceOptions`: where a project declares its own auth option. */
const OPTION_TARGETS: ReadonlySet<string> = new Set(['google.protobuf.MethodOptions', 'google.protobuf.ServiceOptions']);

export default defineGrpcDesignCheck({
  id: 'grpc-method-without-auth',
  stage: 'design',
  title: 'gRPC method without the auth option the project uses',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API2:2023', 'API5:2023'],
  cwe: ['CWE-306', 'CWE-862'],
  messages: {
    missing:
      'Method {{method}} has no auth option, while {{declared}}: an interceptor that reads the option lets this method through, or a reviewer cannot tell it is meant to be public.',
  },
  docs: {
    description:
      'When a project marks its rpcs with an auth option, a custom method or service option whose name says auth, permission, scope, role, IAM, ACL or public (`option (auth.required) = true;`, `option (google.api.auth) = {...}`, `option (acme.iam.permission) = "orders.write"`), flags the methods of the audited file that carry none, neither on the method nor on its service. A project declares such an option by using it on some methods or by defining it with `extend google.protobuf.MethodOptions` (in the file or a file it imports). The framework\'s health and reflection services are left to their own check. State-changing methods (Create, Delete, Update...) are high, the others medium.',
    attack:
      'Broken authentication and function-level authorization (OWASP API2, API5): servers that drive authentication from method options (an interceptor reads the option from the descriptor) let every method without it through unauthenticated. A new method added without the option is an open door that looks exactly like the others in review.',
    fix: "Give every method an explicit decision: `option (auth.required) = true;` (or the project's option, with its scopes or roles), and mark the methods that are public on purpose with an explicit value (`option (auth.public) = true;`) so the interceptor can deny by default. A service-level option covers all of its methods.",
  },
  run(ctx) {
    const { project } = ctx;
    const main = project.main.proto;
    let declared: string | undefined;
    for (const f of project.files) {
      for (const svc of f.proto.services) {
        if (isFrameworkService(svc.fullName)) continue;
        const used = [...svc.options, ...svc.methods.flatMap((m) => m.options)].find(isAuthOption);
        if (used && !declared) declared = `other methods use ${used.name}${f === project.main ? '' : ` (in ${f.proto.file})`}`;
      }
    }
    if (!declared) {
      for (const f of project.files) {
        for (const ext of f.proto.extensions) {
          if (!OPTION_TARGETS.has(ext.target)) continue;
          const opt = ext.fields.find((x) => isAuthOption(x));
          if (opt && !declared) declared = `the project declares the option (${ext.package ? `${ext.package}.` : ''}${opt.name})`;
        }
      }
    }
    if (!declared) return;
    for (const svc of main.services) {
      if (isFrameworkService(svc.fullName) || svc.options.some(isAuthOption)) continue;
      for (const m of svc.methods) {
        if (m.options.some(isAuthOption)) continue;
        ctx.report({
          node: { file: project.main, span: m.span, pointer: methodPointer(svc, m) },
          messageId: 'missing',
          severity: WRITE_VERB.test(m.name) ? 'high' : 'medium',
          data: { method: methodLabel(svc, m), declared },
          evidence: `rpc ${m.name}(${m.clientStreaming ? 'stream ' : ''}${m.input}) returns (${m.serverStreaming ? 'stream ' : ''}${m.output})`,
        });
      }
    }
  },
});

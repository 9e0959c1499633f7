import type { ProtoNode } from '../../../engines/grpc/design.ts';
import type { ProtoField, ProtoMessage, ProtoMethod, ProtoOption, ProtoService } from '../../../engines/grpc/proto/model.ts';
import type { LoadedProto } from '../../../engines/grpc/proto/project.ts';
import { escapeSegment } from '../../../formats/pointer.ts';

/** Services gRPC frameworks provide: they are judged by their own check, not as the project's API. */
export const REFLECTION_SERVICES: ReadonlySet<string> = new Set([
  'grpc.reflection.v1alpha.ServerReflection',
  'grpc.reflection.v1.ServerReflection',
]);
export const HEALTH_SERVICES: ReadonlySet<string> = new Set(['grpc.health.v1.Health']);

export function isFrameworkService(fullName: string): boolean {
  return REFLECTION_SERVICES.has(fullName) || HEALTH_SERVICES.has(fullName);
}

/** Words of an option name that say it is about who may call: `(auth.required)`, `(google.api.auth)`, `(acl.roles)`. */
const AUTH_WORDS: ReadonlySet<string> = new Set([
  'auth',
  'authn',
  'authz',
  'authentication',
  'authorization',
  'authorize',
  'authorized',
  'authenticated',
  'unauthenticated',
  'permission',
  'permissions',
  'scope',
  'scopes',
  'role',
  'roles',
  'security',
  'iam',
  'acl',
  'anonymous',
  'public',
  'policy',
  'access',
]);

export function isAuthOption(o: { name: string }): boolean {
  return o.name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((w) => AUTH_WORDS.has(w));
}

export function methodPointer(svc: ProtoService, m: ProtoMethod): string {
  return `/services/${escapeSegment(svc.fullName)}/methods/${escapeSegment(m.name)}`;
}

export function fieldNode(file: LoadedProto, msg: ProtoMessage, f: ProtoField): ProtoNode {
  return { file, span: f.span, pointer: `/messages/${escapeSegment(msg.fullName)}/fields/${escapeSegment(f.name)}` };
}

/** `pkg.Svc/Method`, as gRPC names a method on the wire. */
export function methodLabel(svc: ProtoService, m: ProtoMethod): string {
  return `${svc.fullName}/${m.name}`;
}

/** Option text of a field, names and values, for rule lookups (`max_len`, `max_items`...). */
export function optionText(options: ProtoOption[]): string {
  return options.map((o) => `${o.name}=${o.value}`).join(' ');
}

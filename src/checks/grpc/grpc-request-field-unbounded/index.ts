import { defineGrpcDesignCheck } from '../../../engines/grpc/design.ts';
import type { ProtoField } from '../../../engines/grpc/proto/model.ts';
import { fieldNode, isFrameworkService, methodLabel, optionText } from '../_shared/proto.ts';

/**
 * Validation rules (protoc-gen-validate `(validate.rules)`, protovalidate `(buf.validate.field)`) that
 * bound a value's size. `in`/`const`/formats leave a value no room to grow; a CEL rule on `size(this)`
 * bounds it too.
 */
const STRING_BOUND =
  /\b(?:max_len|len|max_bytes|len_bytes|const|in|uuid|tuuid|ulid|ipv4|ipv6|ip|hostname|email|well_known_regex)\b|size\(this\)/;
const ITEMS_BOUND = /\bmax_items\b|size\(this\)/;
const PAIRS_BOUND = /\bmax_pairs\b|size\(this\)/;

type Kind = 'repeated' | 'map' | 'string' | 'bytes';

function unbounded(f: ProtoField): Kind | undefined {
  const text = optionText(f.options);
  if (f.mapKey) return PAIRS_BOUND.test(text) ? undefined : 'map';
  if (f.label === 'repeated') return ITEMS_BOUND.test(text) ? undefined : 'repeated';
  if (f.type === 'string' || f.type === 'bytes') return STRING_BOUND.test(text) ? undefined : f.type;
  return undefined;
}

const SEVERITY = { repeated: 'medium', map: 'medium', bytes: 'medium', string: 'low' } as const;

export default defineGrpcDesignCheck({
  id: 'grpc-request-field-unbounded',
  stage: 'design',
  title: 'Request field without a size limit',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API4:2023'],
  cwe: ['CWE-770'],
  messages: {
    repeated:
      'Repeated field "{{field}}" of request message {{message}} ({{method}}) has no max_items rule: a client may send any number of items.',
    map: 'Map field "{{field}}" of request message {{message}} ({{method}}) has no max_pairs rule: a client may send any number of entries.',
    string:
      'String field "{{field}}" of request message {{message}} ({{method}}) has no max_len rule: a client may send a string as long as the message limit allows.',
    bytes:
      'Bytes field "{{field}}" of request message {{message}} ({{method}}) has no max_len rule: a client may send a blob as large as the message limit allows.',
  },
  docs: {
    description:
      'Flags fields of request messages (the message an rpc takes, and every message nested in it) that no validation rule bounds: `repeated` fields without `max_items`, maps without `max_pairs` (medium), `bytes` (medium) and `string` (low) fields without `max_len`, `len`, `const`, `in` or a fixed format such as `uuid`. Rules of protoc-gen-validate (`(validate.rules)`) and protovalidate (`(buf.validate.field)`, including CEL rules on `size(this)`) count.',
    attack:
      'Unrestricted resource consumption (OWASP API4): one request with a million repeated items or a 4 MB string costs the server memory and CPU in decoding, validation, database queries and logging, and a few such requests in parallel exhaust it. The gRPC message limit (4 MB by default, often raised) caps the whole message, not a field the code loops over.',
    fix: "Declare a bound on every repeated, map, string and bytes field of a request and enforce it with protovalidate or protoc-gen-validate: `repeated string ids = 1 [(buf.validate.field).repeated.max_items = 100];`, `string name = 2 [(buf.validate.field).string.max_len = 200];`. Keep the server's maxReceiveMessageLength small too.",
  },
  run(ctx) {
    const { project } = ctx;
    for (const svc of project.main.proto.services) {
      if (isFrameworkService(svc.fullName)) continue;
      for (const m of svc.methods) {
        for (const { field, message } of project.reachable(svc, m, 'input')) {
          const kind = unbounded(field);
          if (!kind) continue;
          ctx.report({
            node: fieldNode(project.fileOf(message), message, field),
            messageId: kind,
            severity: SEVERITY[kind],
            data: { field: field.name, message: message.fullName, method: methodLabel(svc, m) },
            evidence: `${field.mapKey ? `map<${field.mapKey}, ${field.type}>` : `${field.label ? `${field.label} ` : ''}${field.type}`} ${field.name} = ${field.number}`,
          });
        }
      }
    }
  },
});

import { defineGrpcDesignCheck } from '../../../engines/grpc/design.ts';
import { NON_CREDENTIAL_TOKEN } from '../../design/_shared/credential-words.ts';
import { isFlagName } from '../../design/_shared/data-names.ts';
import { AUTH_CONTEXT, ISSUING_CONTEXT, SENSITIVE_FIELDS } from '../../design/_shared/data-words.ts';
import { stemmedWords } from '../../design/_shared/words.ts';
import { fieldNode, isFrameworkService, methodLabel } from '../_shared/proto.ts';

/** Scalar types that can carry a credential or personal data as a value. */
const VALUE_TYPES: ReadonlySet<string> = new Set(['string', 'bytes', 'int32', 'int64', 'uint32', 'uint64', 'fixed64', 'sint64']);

export default defineGrpcDesignCheck({
  id: 'grpc-sensitive-field-in-response',
  stage: 'design',
  title: 'Sensitive field returned in a gRPC response',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API3:2023'],
  cwe: ['CWE-200', 'CWE-359'],
  messages: {
    exposed: 'Field "{{field}}" of message {{message}} returns {{what}} to every caller of {{method}}{{via}}.',
  },
  docs: {
    description:
      'Flags fields of response messages (the message an rpc returns, and every message nested in it) whose whole-word name says they hold a credential or sensitive personal data: passwords and password hashes, secrets and private keys, card security codes (high); tokens, API keys, social security numbers, full card numbers, PINs, one-time codes and salts (medium). Flags (`is_secret`, `has_password`), cursors (`next_page_token`) and message-typed fields are skipped, as are tokens, keys and secrets returned by methods that issue credentials (Login, CreateToken, RotateApiKey...).',
    attack:
      'Excessive data exposure (OWASP API3): a gRPC client decodes every field of the message, whatever the UI shows. A password hash invites offline cracking, a returned API key or secret is a stolen credential, and card data or social security numbers in responses break PCI DSS and privacy law as soon as one account or one object-level authorization check fails.',
    fix: 'Remove the field from the response message and keep it in an internal message that never leaves the server (a separate `UserRecord` for storage, a `User` for the API). Return a generated secret once, from the method that creates it, and only a masked form (last four digits) afterwards. Use `reserved` for the removed field number.',
  },
  run(ctx) {
    const { project } = ctx;
    for (const svc of project.main.proto.services) {
      if (isFrameworkService(svc.fullName)) continue;
      for (const m of svc.methods) {
        const context = [...stemmedWords(m.name), ...stemmedWords(m.output.split('.').pop() ?? '')];
        for (const { field, message, via } of project.reachable(svc, m, 'output')) {
          if (!VALUE_TYPES.has(field.type) || field.mapKey) continue;
          const words = stemmedWords(field.name);
          if (isFlagName(words)) continue;
          const hit = SENSITIVE_FIELDS.match(words);
          if (!hit) continue;
          if (hit.tag.what === 'a token' && words.length > 1 && NON_CREDENTIAL_TOKEN.has(words[words.length - 2] as string)) continue;
          if (hit.tag.issued) {
            const issuing = hit.tag.issued === 'auth' ? AUTH_CONTEXT : ISSUING_CONTEXT;
            if (context.some((w) => issuing.has(w))) continue;
          }
          ctx.report({
            node: fieldNode(project.fileOf(message), message, field),
            messageId: 'exposed',
            severity: hit.tag.severity,
            data: {
              field: field.name,
              message: message.fullName,
              what: hit.tag.what,
              method: methodLabel(svc, m),
              via: via.length ? ` (through ${via.join('.')})` : '',
            },
            evidence: `returned by ${methodLabel(svc, m)}`,
          });
        }
      }
    }
  },
});

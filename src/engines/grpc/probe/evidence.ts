import type { Evidence } from '../../../core/index.ts';
import { EVIDENCE_BODY_BYTES, type Redactor, redactHeader, redactText, shellName, shellQuote } from '../../probe/evidence.ts';
import { type GrpcCall, type GrpcIdentity, statusName } from './types.ts';

/**
 * Evidence of a gRPC finding in the shape HTTP findings have (reporters parse it the same way): the
 * HTTP/2 request line, metadata as headers (credentials redacted) and the request as JSON; the status
 * and trailers; and a grpcurl command with credentials as shell variables.
 */

export interface EvidenceContext {
  target: string;
  plaintext: boolean;
  identities: GrpcIdentity[];
  redactor: Redactor;
  /** `-import-path`/`-proto` flags when the methods came from .proto files rather than reflection. */
  protoFlags: string[];
}

function cut(text: string): string {
  return text.length > EVIDENCE_BODY_BYTES ? `${text.slice(0, EVIDENCE_BODY_BYTES)}…` : text;
}

export function requestText(call: GrpcCall, ev: EvidenceContext): string {
  const head = [`POST ${call.method.path} HTTP/2`, 'content-type: application/grpc', 'te: trailers'];
  for (const [k, v] of Object.entries(call.metadata)) head.push(`${k}: ${redactHeader(k, v, ev.redactor)}`);
  return `${head.join('\n')}\n\n${cut(redactText(call.requestJson, ev.redactor))}`;
}

export function responseText(call: GrpcCall, ev: EvidenceContext): string {
  if (call.code === undefined) return `error: ${call.error ?? 'no response'}`;
  const head = [`HTTP/2 200 ${statusName(call.code)}`, `grpc-status: ${call.code}`];
  // A multi-line message (a stack trace) goes in the body; the header keeps its first line.
  const multiline = call.details?.includes('\n') === true;
  if (call.details) head.push(`grpc-message: ${redactText(multiline ? `${call.details.split('\n')[0]} …` : call.details, ev.redactor)}`);
  for (const [k, v] of Object.entries(call.trailers)) head.push(`${k}: ${redactHeader(k, v.replace(/\s*\n\s*/g, ' ⏎ '), ev.redactor)}`);
  const body = call.responseJson ?? (multiline ? call.details : undefined);
  return body === undefined ? head.join('\n') : `${head.join('\n')}\n\n${cut(redactText(body, ev.redactor))}`;
}

/** The shell variable of an identity's credential, named as the HTTP probe names it (`1st` → `_1ST`, not `$1`). */
function envName(identity: string): string {
  return `${shellName(identity)}_TOKEN`;
}

/** `dataWord`: the `-d` argument as a shell word, for requests too big to print (built by the shell). */
export function grpcurl(call: GrpcCall, ev: EvidenceContext, dataWord = shellQuote(call.requestJson)): string {
  const parts = ['grpcurl', ev.plaintext ? '-plaintext' : '-insecure', ...ev.protoFlags];
  const own = ev.identities.find((i) => i.name === call.identity)?.metadata ?? {};
  for (const [k, v] of Object.entries(call.metadata)) {
    if (own[k] === v) {
      // The identity's credential: a shell variable, never the value.
      const scheme = /^(Bearer|Basic)\s/i.exec(v)?.[1];
      parts.push('-H', `"${k}: ${scheme ? `${scheme} ` : ''}$${envName(call.identity as string)}"`);
    } else parts.push('-H', shellQuote(`${k}: ${redactText(v, ev.redactor)}`));
  }
  parts.push('-d', dataWord, ev.target, `${call.method.service}/${call.method.name}`);
  return parts.join(' ');
}

export function evidenceOf(call: GrpcCall, ev: EvidenceContext, reproducer?: string, dataWord?: string): Evidence {
  return {
    snippet: `${call.method.path} → ${call.code === undefined ? (call.error ?? 'no response') : statusName(call.code)}`,
    request: requestText(call, ev),
    response: responseText(call, ev),
    curl: reproducer ?? grpcurl(call, ev, dataWord),
    identities: call.identity ? [call.identity] : undefined,
  };
}

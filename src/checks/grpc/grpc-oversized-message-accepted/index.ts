import protobuf from 'protobufjs';
import { defineGrpcProbeCheck, type GrpcMethod, statusName } from '../../../engines/grpc/probe/types.ts';
import { callable, label, PROCESSED } from '../_shared/calls.ts';

/** Above the 4 MiB every gRPC implementation receives by default, so only a raised or removed limit lets it in. */
const DEFAULT_SIZE = 5 * 1024 * 1024;

/** The request: a string or bytes field filled up, else an unknown field (every parser reads and skips it). */
function bigRequest(m: GrpcMethod, size: number): { message: Record<string, unknown> | Buffer; field: string } {
  const f = m.request.fieldsArray.find((x) => (x.type === 'string' || x.type === 'bytes') && !x.repeated && !x.map && !x.partOf);
  if (f) return { message: { [f.name]: f.type === 'string' ? 'a'.repeat(size) : Buffer.alloc(size, 0x61) }, field: f.name };
  let n = 100_000;
  while (m.request.fieldsById[n]) n++;
  const w = protobuf.Writer.create();
  w.uint32(((n << 3) | 2) >>> 0).bytes(Buffer.alloc(size, 0x61));
  return { message: Buffer.from(w.finish()), field: `unknown field ${n}` };
}

export default defineGrpcProbeCheck({
  id: 'grpc-oversized-message-accepted',
  stage: 'probe',
  title: 'gRPC server accepts oversized messages',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-770'],
  defaultOptions: { sizeBytes: DEFAULT_SIZE },
  messages: {
    accepted:
      "Method {{method}} read a {{size}} request ({{field}}) and answered {{status}} instead of RESOURCE_EXHAUSTED: the server's receive limit is raised or removed.",
  },
  docs: {
    description:
      'Sends one request of `sizeBytes` (5 MiB by default, above the 4 MiB limit gRPC servers apply unless told otherwise) to one method, a reader when there is one, as the first configured identity: a string or bytes field filled with letters, or an unknown field the server must read and skip. A server that processes it (OK or an application error such as INVALID_ARGUMENT or NOT_FOUND) rather than answering RESOURCE_EXHAUSTED is flagged. One request per run.',
    attack:
      'Unrestricted resource consumption (OWASP API4): with the limit removed (`maxReceiveMessageLength: -1`) or raised to hundreds of MB, each call makes the server buffer and decode the whole message in memory; a few parallel clients exhaust its memory and CPU, and every downstream (logs, database) pays too.',
    fix: 'Keep the receive limit small and explicit, sized to the largest legitimate message: `new grpc.Server({ "grpc.max_receive_message_length": 256 * 1024 })` (grpc-js), `grpc.MaxRecvMsgSize` (Go), `grpc.max_receive_message_length` (Python). Move uploads to a client-streaming method with chunks and a total cap.',
  },
  async run(ctx) {
    const size = Number(ctx.options.sizeBytes);
    const m = callable(
      ctx.methods.filter((x) => !x.serverStreaming),
      ctx.methods.length,
    )[0];
    if (!m) return;
    const { message, field } = bigRequest(m, size);
    const c = await ctx.call(m, message, { identity: ctx.identities[0]?.name });
    if (c.code === undefined || !PROCESSED.has(c.code)) return;
    const mib = `${(size / (1024 * 1024)).toFixed(1)} MiB`;
    // grpcurl takes JSON only: the shell builds the big string; an unknown field cannot be sent with it.
    const dataWord = Buffer.isBuffer(message) ? undefined : `"{\\"${field}\\": \\"$(head -c ${size} /dev/zero | tr '\\0' a)\\"}"`;
    ctx.report({
      path: m.path,
      messageId: 'accepted',
      data: { method: label(m), size: mib, field, status: statusName(c.code) },
      calls: [c],
      dataWord,
    });
  },
});

import type { Obj } from '../../../engines/design/types.ts';
import { defineDesignCheck } from '../../../engines/design/types.ts';
import { capitalize, describe, isA, isInbound, isUpload, opOrWebhookLabel, placeOf } from '../_shared/data-schema.ts';
import { isFileMediaType } from '../_shared/media-types.ts';

/** Vendor extensions some teams use to state an upload limit (2.0 has no standard place for it). */
const SIZE_EXTENSIONS = ['x-max-size', 'x-max-file-size', 'x-maxLength', 'x-max-length', 'x-max-bytes', 'x-size-limit'];

function hasSizeLimit(s: Obj): boolean {
  return typeof s.maxLength === 'number' || SIZE_EXTENSIONS.some((k) => s[k] !== undefined);
}

export default defineDesignCheck({
  id: 'upload-without-size-limit',
  title: 'File upload without a size limit',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-400', 'CWE-770'],
  messages: {
    upload: '{{what}} {{isA}} without maxLength: nothing in the definition limits how large a client may make it.',
    file: '{{what}} is a file upload with no stated size limit: Swagger 2.0 file parameters cannot carry maxLength, so enforce a limit on the server and document it (e.g. `x-max-file-size`).',
    noSchema:
      'The {{mediaType}} request body of {{op}} has no schema, so nothing in the definition limits its size: a client can stream gigabytes.',
  },
  docs: {
    description:
      "Flags file uploads that declare no size limit: Swagger 2.0 `type: file` form parameters; in OpenAPI 3.x, strings with `format: binary`, `byte` or `base64` in multipart or binary bodies (application/octet-stream, image/*, application/pdf...) and binary bodies that are a bare string or have no schema at all; in 3.1, any request string with `contentMediaType` or `contentEncoding`. `maxLength` (bytes, or characters of the encoded form) is the limit; for 2.0, where file parameters cannot carry one, an `x-max-size`/`x-max-file-size`/`x-maxLength` extension is accepted as documentation of the server's limit.",
    attack:
      'Uploads are the cheapest way to exhaust an API: one client streams gigabytes into disk, memory or object storage, or sends decompression bombs and huge images that the server then processes (thumbnails, virus scans, OCR). Without a declared limit, gateways cannot reject the request early and every layer behind them pays for it (unrestricted resource consumption).',
    fix: 'Declare the largest accepted size with `maxLength` on the file property (for example `maxLength: 10485760` for 10 MB), enforce it in the gateway or web server (request body size limit) before the upload is buffered, and limit the number of files per request and per user.',
  },
  create(ctx) {
    return {
      schema(v) {
        if (!isInbound(v) || !isUpload(v) || hasSizeLimit(v.schema)) return;
        const what = describe(v);
        ctx.report({
          node: v.ref,
          messageId: v.schema.type === 'file' ? 'file' : 'upload',
          data: { what: capitalize(what), isA: isA(what, 'file upload') },
          evidence: `accepted by ${opOrWebhookLabel(v.operation)}`,
        });
      },
      operation(op) {
        if (op.kind !== 'path' || !op.requestBody) return;
        for (const mt of op.requestBody.content) {
          if (mt.schema || !isFileMediaType(mt.type) || mt.type.toLowerCase().startsWith('multipart/')) continue;
          const where = placeOf(mt.ref, op);
          ctx.report({
            node: mt.ref,
            messageId: 'noSchema',
            data: { mediaType: mt.type, op: where.startsWith('the request body of ') ? where.slice('the request body of '.length) : where },
            evidence: `accepted by ${opOrWebhookLabel(op)}`,
          });
        }
      },
    };
  },
});

import { describe, expect, it } from 'vitest';
import { findingAt, positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('upload-without-size-limit', () => {
  it('flags multipart files, binary bodies and schema-less binary bodies (OpenAPI 3.0)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    const multipart = '/paths/~1files/post/requestBody/content/multipart~1form-data/schema/properties';
    const content = '/paths/~1files~1{fileId}~1content/put/requestBody/content';
    expect(positions(findings)).toEqual([
      `13:17 ${multipart}/file`,
      `17:19 ${multipart}/attachments/items`,
      `27:13 ${content}/application~1octet-stream/schema`,
      `28:11 ${content}/image~1png`,
    ]);
    expect(findingAt(findings, `${multipart}/file`).message).toBe(
      'Property "file" of the request body of POST /files is a file upload without maxLength: nothing in the definition limits how large a client may make it.',
    );
    expect(findingAt(findings, `${multipart}/file`).location).toMatchObject({ endLine: 13, endColumn: 21 });
    expect(findingAt(findings, `${multipart}/attachments/items`).message).toContain('are file uploads without maxLength');
    expect(findingAt(findings, `${content}/application~1octet-stream/schema`).message).toMatch(
      /^The request body of PUT \/files\/\{fileId\}\/content is a file upload/,
    );
    expect(findingAt(findings, `${content}/image~1png`).message).toBe(
      'The image/png request body of PUT /files/{fileId}/content has no schema, so nothing in the definition limits its size: a client can stream gigabytes.',
    );
    expect(findings.every((f) => f.severity === 'medium')).toBe(true);
  });

  it('flags a 3.1 contentMediaType/contentEncoding string in a JSON body', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v31.yaml');
    expect(positions(findings)).toEqual(['13:17 /paths/~1documents/post/requestBody/content/application~1json/schema/properties/pdf']);
  });

  it('flags a Swagger 2.0 type: file parameter, pointing at the 2.0 way to document the limit', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['8:11 /paths/~1avatar/post/parameters/0']);
    expect(findings[0].message).toContain('Form parameter "picture" of POST /avatar is a file upload with no stated size limit');
    expect(findings[0].message).toContain('x-max-file-size');
  });

  it('accepts maxLength, a documented 2.0 limit, base64 fields of JSON bodies (string-unbounded covers them) and downloads', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});

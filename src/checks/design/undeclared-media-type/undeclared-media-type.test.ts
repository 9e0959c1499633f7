import { describe, expect, it } from 'vitest';
import { findingAt, positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('undeclared-media-type', () => {
  it('flags OpenAPI 3 request bodies keyed by a media range, and */* responses at info', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '8:11 /paths/~1files/post/requestBody/content/*~1*',
      '25:13 /paths/~1documents~1{id}/get/responses/200/content/*~1*',
      '31:9 /components/requestBodies/AnyDocument/content/application~1*',
    ]);
    const body = findingAt(findings, '/paths/~1files/post/requestBody/content/*~1*');
    expect(body.severity).toBe('low');
    expect(body.message).toBe(
      'The request body of POST /files accepts "*/*": any content type is accepted, so the server picks a parser from a header the client controls.',
    );
    expect(body.location.kind === 'file' && [body.location.endLine, body.location.endColumn]).toEqual([8, 16]);
    const response = findingAt(findings, '/paths/~1documents~1{id}/get/responses/200/content/*~1*');
    expect(response.severity).toBe('info');
    expect(response.message).toBe(
      'The 200 response of GET /documents/{id} is declared as "*/*": clients cannot tell what they receive, or parse it safely.',
    );
    const shared = findingAt(findings, '/components/requestBodies/AnyDocument/content/application~1*');
    expect(shared.message).toMatch(/^The shared request body #\/components\/requestBodies\/AnyDocument accepts "application\/\*"/);
    expect(shared.evidence?.snippet).toBe('used by PUT /documents/{id}');
  });

  it('flags Swagger 2.0 bodies without consumes, wildcard consumes, and a shared */* produces once', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['3:12 /produces/0', '6:5 /paths/~1notes/post', '13:41 /paths/~1files/post/consumes/1']);
    expect(findingAt(findings, '/produces/0').severity).toBe('info');
    expect(findingAt(findings, '/paths/~1notes/post').message).toBe(
      'POST /notes takes a request body but no `consumes` is declared on the operation or at the root: the accepted content types are unspecified.',
    );
    const consumes = findingAt(findings, '/paths/~1files/post/consumes/1');
    expect(consumes.severity).toBe('low');
    expect(consumes.message).toMatch(/^`consumes` of POST \/files lists "\*\/\*": any content type is accepted/);
    const produces = findingAt(findings, '/produces/0');
    expect(produces.message).toBe('`produces` at the root lists "*/*": clients cannot tell what they receive, or parse it safely.');
    expect(produces.evidence?.snippet).toBe('used by POST /files');
  });

  it('accepts exact media types, image/* responses, and wildcards on operations without a body', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('remote-ref-cleartext', () => {
  it('flags http $refs once per remote document, in the root file and in referenced files', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['4:9 /items/$ref', '7:17 /paths/~1users/get/parameters/0/$ref']);
    const [nested, root] = findings.sort((a, b) =>
      a.location.kind === 'file' && b.location.kind === 'file' ? a.location.startLine - b.location.startLine : 0,
    );
    expect(nested.location).toMatchObject({ file: expect.stringMatching(/fixtures\/schemas\/user-list\.yaml$/), endColumn: 45 });
    expect(nested.message).toContain('from 203.0.113.7');
    expect(root.location).toMatchObject({ endLine: 7, endColumn: 75 });
    expect(root.message).toBe(
      '$ref "http://schemas.example.com/common.yaml" loads part of the definition over cleartext HTTP from schemas.example.com: anyone on the network path can rewrite the schemas, security requirements or servers that tools build from it.',
    );
    // The upper-case HTTP:// reference is the same document: counted, not reported twice.
    expect(root.evidence?.snippet).toMatch(/^2 references to http:\/\/schemas\.example\.com\/common\.yaml in /);
  });

  it('flags a remote http $ref in a Swagger 2.0 definition', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['8:61 /paths/~1pets/get/responses/200/schema/$ref']);
  });

  it('leaves local, https, loopback and example $refs alone', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeFiltered from './fixtures/unsafe-filtered.ts';
import check from './index.ts';

const up = (s: string) => s.repeat(12);

describe('path-traversal', () => {
  it('reads /etc/passwd through a query parameter joined to the docs folder, confirmed by etc/./passwd', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /help']);
    const f = findings[0];
    expect(f?.message).toMatch(
      new RegExp(
        `^query parameter "page" of GET /help is used as a file path: the value "${up('\\.\\./')}etc/passwd" \\(\\.\\./ sequence\\) returned the server's /etc/passwd \\("root:[^"]*:0:0:[^"]*"\\), and so did another path to it\\. Anyone can read any file the API process can: configuration, keys, credentials, source code\\. Never build a file path from input`,
      ),
    );
    expect(f).toMatchObject({ ruleId: 'path-traversal', severity: 'high', owasp: ['API8:2023'], cwe: ['CWE-22'] });
    expect(f?.evidence?.request).toMatch(/^GET \/help\?page=(?:\.\.%2F){12}etc%2Fpasswd HTTP\/1.1\n/);
    expect(f?.evidence?.response).toMatch(/^HTTP\/1.1 200 OK\n[\s\S]*root:/);
    expect(f?.evidence?.identities).toBeUndefined();
  });

  it('gets past a filter that strips "../" once, in a path parameter, with "....//"', async () => {
    const findings = await runProbeCheck(check, unsafeFiltered);
    expect(probePositions(findings)).toEqual(['GET /attachments/{name}']);
    expect(findings[0]?.message).toContain(
      `path parameter "name" of GET /attachments/{name} is used as a file path: the value "${up('....//')}etc/passwd" (....// (a "../" filter applied once)) returned the server's /etc/passwd`,
    );
    expect(findings[0]?.evidence?.identities).toEqual(['alice']);
  });

  it('reports nothing for an allow-list of pages and for names reduced to their last segment', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeForm from './fixtures/unsafe-form.ts';
import unsafeSniffed from './fixtures/unsafe-sniffed.ts';
import check from './index.ts';

describe('reflected-xss', () => {
  it('proves a query parameter written raw into a text/html page, quotes and element intact, twice', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /search/page']);
    const f = findings[0];
    expect(f?.message).toMatch(
      /^query parameter "q" of GET \/search\/page is written unescaped into an HTML answer \(text\/html; charset=utf-8\): the value "lamp'\\"<(rmp[0-9a-f]{10})>" came back with its element <\1> intact and its quotes unescaped \(attributes can be broken out of too\), twice\. A crafted link or form that puts <script> or an event handler in this value runs the attacker's code in your origin/,
    );
    expect(f).toMatchObject({ ruleId: 'reflected-xss', severity: 'high', owasp: ['API8:2023'], cwe: ['CWE-79'] });
    expect(f?.evidence?.request).toMatch(/^GET \/search\/page\?q=lamp%27%22%3Crmp[0-9a-f]{10}%3E HTTP\/1.1\n/);
    expect(f?.evidence?.response).toMatch(/^HTTP\/1.1 200 OK\n[\s\S]*Results for "lamp'"<rmp[0-9a-f]{10}>"/);
    expect(f?.evidence?.identities).toBeUndefined();
  });

  it('counts markup without a content type (sniffed as HTML) reflecting a path parameter', async () => {
    const findings = await runProbeCheck(check, unsafeSniffed);
    expect(probePositions(findings)).toEqual(['GET /newsletter/{email}/unsubscribe']);
    expect(findings[0]?.message).toContain(
      'path parameter "email" of GET /newsletter/{email}/unsubscribe is written unescaped into an HTML answer (no content type)',
    );
  });

  it('proves a posted form field reflected into HTML (a cross-site form can post it)', async () => {
    const findings = await runProbeCheck(check, unsafeForm);
    expect(probePositions(findings)).toEqual(['POST /contact']);
    expect(findings[0]?.message).toContain('form field "name" of POST /contact is written unescaped into an HTML answer');
    expect(findings[0]?.severity).toBe('high');
    expect(findings[0]?.evidence?.request).toMatch(/^POST \/contact HTTP\/1.1\n[\s\S]*\n\nname=Ann%27%22%3Crmp[0-9a-f]{10}%3E&message=/);
  });

  it('reports nothing for escaped HTML, JSON echoes or plain text with nosniff', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });
});

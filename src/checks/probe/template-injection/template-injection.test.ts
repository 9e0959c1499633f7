import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import { productPattern } from '../_inject/template.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeErb from './fixtures/unsafe-erb.ts';
import check from './index.ts';

describe('template-injection', () => {
  it('proves a JSON body field rendered as a {{ }} template: 1337*1337 comes back as 1787569, random factors too', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['POST /greetings/preview']);
    const f = findings[0];
    expect(f?.message).toBe(
      'JSON body field "message" of POST /greetings/preview is evaluated as a template: 1337*1337 appended as a double-brace expression (Jinja2, Twig, Nunjucks and similar) came back as 1787569, and other factors gave their product too. Template expressions reach the engine\'s objects, so anyone can usually read the server\'s environment and run code on it. Never let input become template source: pass it to a fixed template as data (a variable the engine escapes), never concatenate it into a template string or compile templates that users write. If users must write templates, use a logic-less engine in sandbox mode (Mustache, Liquid) that only substitutes named values.',
    );
    expect(f).toMatchObject({ ruleId: 'template-injection', severity: 'critical', owasp: ['API8:2023'], cwe: ['CWE-1336', 'CWE-94'] });
    expect(f?.evidence?.request).toMatch(/^POST \/greetings\/preview HTTP\/1.1\n[\s\S]*\{\{1337\*1337\}\}/);
    expect(f?.evidence?.response).toMatch(/^HTTP\/1.1 200 OK\n[\s\S]*Happy birthday Sam!1787569/);
    expect(f?.evidence?.identities).toEqual(['alice']);
  });

  it('proves an ERB-style <%= %> expression in a query parameter', async () => {
    const findings = await runProbeCheck(check, unsafeErb);
    expect(probePositions(findings)).toEqual(['GET /labels/{orderId}']);
    expect(findings[0]?.message).toContain(
      'query parameter "footer" of GET /labels/{orderId} is evaluated as a template: 1337*1337 appended as a <%= %> expression (ERB, EJS) came back as 1787569',
    );
    expect(findings[0]?.evidence?.request).toMatch(
      /^GET \/labels\/A-1001\?footer=Handle\+with\+care%3C%25%3D\+1337\*1337\+%25%3E HTTP\/1.1\n/,
    );
  });

  it('reports nothing when placeholders are names looked up in data, or input is data in a fixed template', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });

  it('matches the product plain or with thousands separators, never inside a longer number', () => {
    const re = productPattern(1337, 1337);
    expect(['1787569', 'total 1,787,569.', '1.787.569', '1 787 569'].map((s) => re.test(s))).toEqual([true, true, true, true]);
    expect(['17875690', '21787569'].map((s) => re.test(s))).toEqual([false, false]);
  });
});

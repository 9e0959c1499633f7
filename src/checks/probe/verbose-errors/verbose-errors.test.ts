import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import { findLeak } from '../_inject/errors.ts';
import { findError, SQL_SYNTAX_ERRORS } from '../_inject/sql.ts';
import { productPattern } from '../_inject/template.ts';
import { FILE_SIGNATURES } from '../_inject/traversal.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafePassive from './fixtures/unsafe-passive.ts';
import check from './index.ts';

const TAIL =
  'Log the details on the server, and answer clients with a generic message and a correlation id (for example application/problem+json with a "detail" that names no internals).';

describe('verbose-errors', () => {
  it('sends a malformed JSON body and reports the stack trace it gets back', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['POST /orders']);
    const f = findings[0];
    expect(f?.message).toMatch(
      /^POST \/orders answers a malformed JSON body with HTTP 500 and a stack trace \(Node\.js: "at [^"]*verbose-errors\/fixtures\/unsafe\.ts:\d+:\d+\)"\)\. It maps the code for an attacker/,
    );
    expect(f?.message.endsWith(TAIL)).toBe(true);
    expect(f).toMatchObject({ ruleId: 'verbose-errors', severity: 'medium', owasp: ['API8:2023'], cwe: ['CWE-209', 'CWE-215'] });
    expect(f?.evidence?.request).toMatch(/^POST \/orders HTTP\/1.1\n[\s\S]*\n\n\{"rampart": $/);
    expect(f?.evidence?.response).toMatch(/^HTTP\/1.1 500 Internal Server Error\n[\s\S]*"stack":"SyntaxError/);
    expect(f?.evidence?.identities).toEqual(['alice']);
  });

  it('reads every answer of the run: a database error and a Python traceback of ordinary requests', async () => {
    const findings = await runProbeCheck(check, unsafePassive);
    expect(probePositions(findings)).toEqual(['GET /invoices/export', 'GET /reports/{year}']);
    const msg = (p: string) => findings.find((f) => f.location.kind === 'http' && f.location.path === p)?.message;
    expect(msg('/reports/{year}')).toBe(
      `GET /reports/{year} answers a request with HTTP 500 and a database error (SQLite: "no such table: reports_2024"). It reveals the database, its tables and the query, which makes injection and data discovery much easier. ${TAIL}`,
    );
    expect(msg('/invoices/export')).toContain(
      'answers a request with HTTP 500 and a stack trace (Python: "Traceback (most recent call last):")',
    );
  });

  it('reports nothing for generic errors, a plain 400 on malformed JSON, or a help article quoting a trace', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });

  it('recognises traces and debug pages of common stacks, and not prose', () => {
    const kinds = [
      'java.lang.NullPointerException\n\tat com.shop.orders.OrderService.place(OrderService.java:88)\n\tat com.shop.api.OrderController.create(OrderController.java:41)',
      'Exception: boom\n   at Shop.Orders.Place(Int32 id) in C:\\src\\Orders.cs:line 42',
      '<b>Fatal error</b>: Uncaught Error: x in /var/www/html/index.php on line 12',
      "app/models/order.rb:12:in `total'\napp/controllers/orders_controller.rb:8:in `create'",
      'panic: runtime error\n\ngoroutine 1 [running]:\nmain.main()',
      "<p>You're seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>",
      'pq: syntax error at or near "WHERE"',
    ].map((t) => findLeak(t)?.source);
    expect(kinds).toEqual(['Java', '.NET', 'PHP', 'Ruby', 'Go', 'Django', 'PostgreSQL']);
    expect(findLeak('Meet us at the Paris office (10:30:00) or at Berlin (2:3:4).')).toBeUndefined();
  });

  it('keeps every pattern of the injection checks fast on 1 MiB hostile bodies', () => {
    const MiB = 1024 * 1024;
    const fill = (s: string) => s.repeat(Math.ceil(MiB / s.length)).slice(0, MiB);
    const bodies = [
      'at aaaaaaaaaaaaaaaaaaaaaaa ',
      'at /a',
      'at a (',
      'a.',
      'x',
      'File "x", line 1, in ',
      'near "',
      'Warning: a in b.php on line ',
      'a.rb:1:in ',
      'root:x:0:0',
      '1787',
      '\n    at ',
    ];
    for (const b of bodies) {
      const text = fill(b);
      const t = performance.now();
      findLeak(text);
      findError(SQL_SYNTAX_ERRORS, text);
      FILE_SIGNATURES.unix.re.test(text);
      FILE_SIGNATURES.windows.re.test(text);
      productPattern(1337, 1337).test(text);
      expect(performance.now() - t, JSON.stringify(b)).toBeLessThan(400);
    }
  });
});

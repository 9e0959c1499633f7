import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeBlind from './fixtures/unsafe-blind.ts';
import check from './index.ts';

describe('command-injection', () => {
  it('proves a shell runs a query parameter: the sum of an echoed arithmetic comes back, twice', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /diagnostics/ping']);
    const f = findings[0];
    expect(f?.message).toMatch(
      /^query parameter "host" of GET \/diagnostics\/ping is run by a shell: the value "shop\.example\.com;echo rmp[0-9a-f]{10}\$\(\(\d{4}\+\d{4}\)\)" made the server print the result of the shell arithmetic it carries, twice with other numbers\. Anyone can run any command on the server with its rights: read secrets, pivot into the network, take it over\. Do not build shell command lines from input: call the program directly with an argument array and no shell/,
    );
    expect(f).toMatchObject({ ruleId: 'command-injection', severity: 'critical', owasp: ['API8:2023'], cwe: ['CWE-78'] });
    const [, tag, a, b] = /echo (rmp[0-9a-f]{10})\$\(\((\d{4})\+(\d{4})\)\)/.exec(f?.message ?? '') ?? [];
    expect(f?.evidence?.request).toMatch(/^GET \/diagnostics\/ping\?host=shop\.example\.com%3Becho\+rmp/);
    expect(f?.evidence?.response).toContain(`${tag}${Number(a) + Number(b)}`);
    expect(f?.evidence?.identities).toEqual(['alice']);
  });

  it('proves a blind injection in a JSON body field with sleep 2 against sleep 0, twice', { timeout: 30_000 }, async () => {
    const findings = await runProbeCheck(check, unsafeBlind);
    expect(probePositions(findings)).toEqual(['POST /exports']);
    expect(findings[0]?.message).toMatch(
      /^JSON body field "filename" of POST \/exports is run by a shell: "orders-2024\.csv;sleep 2" delayed the answer by \d{4} ms and again by \d{4} ms over the \d+ ms of the valid value, and "sleep 0" did not\./,
    );
    expect(findings[0]?.evidence?.request).toMatch(/^POST \/exports HTTP\/1.1\n[\s\S]*"filename":"orders-2024\.csv;sleep 2"/);
  });

  it('reports nothing when the program runs without a shell, even though the value is echoed back', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeQuery from './fixtures/unsafe-query.ts';
import check from './index.ts';

describe('nosql-injection', () => {
  it('proves a login bypass with {"$ne": x} against {"$eq": x}, confirmed by $nin/$in', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['POST /login']);
    const f = findings[0];
    expect(f?.message).toMatch(
      /^JSON body field "password" of POST \/login reaches a database query as an operator: \{"\$ne":"rmp[0-9a-f]{10}"\} \(HTTP 200, 54 bytes\) and its opposite \{"\$eq":"rmp[0-9a-f]{10}"\} \(HTTP 401, 40 bytes\) get different answers, and \$nin\/\$in confirm it\. Anyone can match records without knowing their values: log in without a password, list other users' records\. Accept only the type/,
    );
    expect(f).toMatchObject({ ruleId: 'nosql-injection', severity: 'high', owasp: ['API8:2023', 'API2:2023'], cwe: ['CWE-943'] });
    expect(f?.evidence?.request).toMatch(/^POST \/login HTTP\/1.1\n[\s\S]*"password":\{"\$ne":"rmp[0-9a-f]{10}"\}/);
    expect(f?.evidence?.response).toMatch(/^HTTP\/1.1 200 OK\n/);
    expect(f?.evidence?.identities).toBeUndefined();
  });

  it('proves operators in the query string bracket syntax (role[$ne]=x)', async () => {
    const findings = await runProbeCheck(check, unsafeQuery);
    expect(probePositions(findings)).toEqual(['GET /directory']);
    expect(findings[0]?.message).toMatch(
      /^query parameter "role" of GET \/directory reaches a database query as an operator: role\[\$ne\]=rmp[0-9a-f]{10} \(HTTP 200, 93 bytes\) and its opposite role\[\$eq\]=rmp[0-9a-f]{10} \(HTTP 200, 12 bytes\)/,
    );
    expect(findings[0]?.evidence?.request).toMatch(/^GET \/directory\?role%5B%24ne%5D=rmp[0-9a-f]{10} HTTP\/1.1\n/);
    expect(findings[0]?.evidence?.identities).toEqual(['alice']);
  });

  it('reports nothing when values must be strings and operator parameters are ignored (even when echoed)', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });
});

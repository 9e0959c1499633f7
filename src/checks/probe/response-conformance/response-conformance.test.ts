import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeFormat from './fixtures/unsafe-format.ts';
import check from './index.ts';

const TAIL =
  'Clients generated from the definition crash or misread this field, and the drift shows the definition no longer describes what the code does. Make the response match the schema (or correct the schema) and add a contract test that validates responses against the definition.';

describe('response-conformance', () => {
  it('names the JSON pointer of the first mismatch, undocumented success statuses and non-JSON bodies', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /orders/{orderId}', 'GET /reports/daily', 'GET /users/{userId}', 'POST /orders']);
    const at = (p: string) => findings.find((f) => f.location.kind === 'http' && `${f.location.method} ${f.location.path}` === p);
    const order = at('GET /orders/{orderId}');
    expect(order?.message).toBe(`The 200 answer breaks the documented response schema at /total: must be number, got "12.50". ${TAIL}`);
    // The order alice created (POST /orders answered id o-2) is the one read back.
    expect(order?.evidence?.request).toMatch(/^GET \/orders\/o-2 HTTP\/1.1\n/);
    expect(order?.evidence?.response).toContain('"total":"12.50"');
    expect(order?.evidence?.identities).toEqual(['alice']);
    expect(at('GET /users/{userId}')?.message).toBe(
      `The 200 answer breaks the documented response schema at /password_hash: a property the schema does not allow (additionalProperties: false), got "$2b$10…" (29 characters). ${TAIL}`,
    );
    expect(at('POST /orders')?.message).toBe(
      'The endpoint answered 200, a success status the definition does not document (it documents 201): clients built from the definition treat it as unexpected, and it shows the implementation drifted from the contract. Return a documented status, or document this one with its schema.',
    );
    expect(at('POST /orders')?.evidence?.request).toMatch(/^POST \/orders HTTP\/1.1\n/);
    expect(at('GET /reports/daily')?.message).toBe(
      'The 200 answer (text/csv) is not valid JSON although the definition documents a JSON body: clients parsing it fail. Return the documented JSON (with a JSON content type) or correct the definition.',
    );
  });

  it('reports enum and format mismatches and missing required properties, not write-only ones', async () => {
    const findings = await runProbeCheck(check, unsafeFormat);
    expect(probePositions(findings)).toEqual(['GET /orders/{orderId}', 'GET /users/{userId}', 'POST /orders']);
    const messages = findings.map((f) => f.message.slice(0, f.message.indexOf(' Clients')));
    expect(messages).toContain(
      'The 200 answer breaks the documented response schema at /status: must be one of ["open","paid","shipped"], got "cancelled".',
    );
    expect(messages).toContain(
      'The 201 answer breaks the documented response schema at /status: must be one of ["open","paid","shipped"], got "cancelled".',
    );
    expect(messages).toContain('The 200 answer breaks the documented response schema at /name: a required property is missing.');
  });

  it('accepts answers that match the definition, and leaves error bodies alone by default', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });

  it('validates error bodies with checkErrorBodies', async () => {
    const strict = await runProbeCheck(check, safe, { checkOptions: { checkErrorBodies: true } });
    expect(probePositions(strict)).toEqual(['GET /broken']);
    expect(strict[0]?.message).toMatch(/^The 400 answer breaks the documented response schema at \/: must be object, got "bad"\./);
  });
});

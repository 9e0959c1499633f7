import { describe, expect, it } from 'vitest';
import { findingAt, positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('number-unbounded', () => {
  it('flags request numbers missing a bound and says which (OpenAPI 3.0, boolean exclusiveMaximum)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    const body = '/paths/~1cart~1items/post/requestBody/content/application~1json/schema/properties';
    expect(positions(findings)).toEqual([`12:17 ${body}/quantity`, `13:17 ${body}/price`, `14:17 ${body}/discount`]);
    expect(findingAt(findings, `${body}/quantity`).message).toBe(
      'Property "quantity" of the request body of POST /cart/items is an integer without maximum (format "int32" is not a bound): a client can send any value, however large.',
    );
    expect(findingAt(findings, `${body}/quantity`).location).toMatchObject({ endLine: 12, endColumn: 25 });
    expect(findingAt(findings, `${body}/price`).message).toContain(
      'is a number without minimum and maximum: a client can send any value, negative or huge',
    );
    // `maximum` + 3.0 `exclusiveMaximum: true` is an upper bound; only the minimum is missing.
    expect(findingAt(findings, `${body}/discount`).message).toContain('is a number without minimum:');
  });

  it('flags a Swagger 2.0 integer query parameter; int64 is no bound', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['7:11 /paths/~1cart/get/parameters/0']);
    expect(findings[0].message).toContain('(format "int64" is not a bound)');
  });

  it('accepts both bounds, 3.1 numeric exclusive bounds, enums, readOnly, page sizes (another check) and responses', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});

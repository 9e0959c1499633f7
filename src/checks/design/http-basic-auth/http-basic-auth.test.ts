import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('http-basic-auth', () => {
  it('flags an OpenAPI 3 http/basic scheme at its name', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['6:5 /components/securitySchemes/basicAuth']);
    expect(findings[0].message).toContain('"basicAuth"');
  });
  it('flags a Swagger 2.0 basic scheme', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['6:5 /securityDefinitions/legacy']);
  });
  it('does not flag bearer tokens', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});

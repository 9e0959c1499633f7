import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('deprecated-oauth-flow', () => {
  it('flags OpenAPI 3 implicit and password flows at their keys', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '9:9 /components/securitySchemes/oauth/flows/implicit',
      '12:9 /components/securitySchemes/oauth/flows/password',
    ]);
    expect(findings[0].message).toContain('offers the implicit flow');
    expect(findings[1].message).toContain('resource owner password flow');
  });
  it('flags Swagger 2.0 `flow: password` and `flow: implicit` at the flow value', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['7:11 /securityDefinitions/legacy/flow', '12:11 /securityDefinitions/browser/flow']);
    expect(findings[0].message).toContain('"legacy" offers the resource owner password flow');
  });
  it('accepts authorization code and client credentials flows', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});

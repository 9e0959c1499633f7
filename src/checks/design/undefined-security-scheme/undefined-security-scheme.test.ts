import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('undefined-security-scheme', () => {
  it('flags undefined names in root and operation requirements, once each', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['4:5 /security/0/BearerAuth', '10:11 /paths/~1orders/get/security/1/partnerKey']);
    expect(findings.map((f) => f.message)).toEqual([
      'The root security requires the security scheme "BearerAuth", which is not defined in `components.securitySchemes`: tools cannot tell how clients authenticate, and gateways or generated middleware may enforce nothing.',
      'GET /orders requires the security scheme "partnerKey", which is not defined in `components.securitySchemes`: tools cannot tell how clients authenticate, and gateways or generated middleware may enforce nothing.',
    ]);
  });
  it('flags a Swagger 2.0 requirement naming a scheme missing from securityDefinitions', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['10:35 /paths/~1carts/delete/security/0/oauth']);
    expect(findings[0].message).toContain('not defined in `securityDefinitions`');
  });
  it('accepts requirements on defined schemes and the anonymous requirement', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});

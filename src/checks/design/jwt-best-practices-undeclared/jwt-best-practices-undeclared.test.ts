import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('jwt-best-practices-undeclared', () => {
  it('flags a JWT bearer scheme whose description does not cite RFC 8725', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['6:5 /components/securitySchemes/bearerAuth']);
    expect(findings[0].message).toBe(
      'Security scheme "bearerAuth" takes JWTs (`bearerFormat: JWT`) but its description does not say that tokens are issued and validated per RFC 8725 (JSON Web Token Best Current Practices).',
    );
    expect(findings[0].severity).toBe('info');
  });
  it('accepts a JWT scheme citing RFC 8725, opaque tokens and OAuth2', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});

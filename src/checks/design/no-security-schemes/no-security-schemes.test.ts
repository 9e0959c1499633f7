import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('no-security-schemes', () => {
  it('flags an OpenAPI 3 definition without securitySchemes at `components`', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['11:1 /components']);
    expect(findings[0].evidence?.snippet).toBe('2 path operation(s)');
    expect(findings[0].severity).toBe('high');
  });
  it('flags an empty Swagger 2.0 securityDefinitions at that section', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe-empty.v2.json');
    expect(positions(findings)).toEqual(['9:3 /securityDefinitions']);
    expect(findings[0].message).toContain('`securityDefinitions` is empty');
  });
  it('flags a Swagger 2.0 definition without securityDefinitions at its swagger field', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe-no-components.v2.yaml');
    expect(positions(findings)).toEqual(['1:1 /swagger']);
    expect(findings[0].evidence?.snippet).toBe('1 path operation(s)');
  });
  it('flags an OpenAPI 3 definition without components at its openapi field', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe-bare.yaml');
    expect(positions(findings)).toEqual(['1:1 /openapi']);
  });
  it('accepts a definition with a scheme', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
  it('ignores definitions with webhooks only (the API sends them, clients do not call them)', async () => {
    expect(await runCheck(check, import.meta.url, 'safe-webhooks-only.yaml')).toEqual([]);
  });
});

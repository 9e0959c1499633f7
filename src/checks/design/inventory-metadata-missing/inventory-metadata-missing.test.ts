import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('inventory-metadata-missing', () => {
  it('reports missing contact and terms at info, and servers of a list that do not state their environment', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '2:1 /info',
      '2:1 /info',
      '7:5 /servers/0',
      '9:5 /servers/2',
      '15:11 /paths/~1uploads/post/servers/0',
      '17:11 /paths/~1uploads/post/servers/1',
    ]);
    expect(findings.every((f) => f.severity === 'info')).toBe(true);
    const messages = findings.map((f) => f.message);
    expect(messages.filter((m) => m.includes('`info.contact`'))).toHaveLength(1);
    expect(messages.filter((m) => m.includes('`info.termsOfService`'))).toHaveLength(1);
    // The sandbox host names its environment; "Second cluster" does not; the lone /reports server is left alone.
    expect(messages.some((m) => m.includes('sandbox.example.com'))).toBe(false);
    expect(messages.some((m) => m.includes('reports.example.com'))).toBe(false);
    expect(messages).toContain(
      'Server "https://api2.example.com/v1" does not say which environment it is (production, staging, sandbox...): say it in its description or an `x-environment` extension, so that consumers and the inventory can tell environments apart.',
    );
  });

  it('reports a missing contact in Swagger 2.0 (terms of service are there)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['3:3 /info']);
    expect(findings[0].message).toContain('`info.contact`');
  });

  it('accepts contact, license and environments stated by description, extension, variable or host name', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});

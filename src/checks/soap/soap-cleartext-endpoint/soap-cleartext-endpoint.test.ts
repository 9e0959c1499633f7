import { describe, expect, it } from 'vitest';
import { runWsdlCheck, wsdlPositions } from '../../../engines/soap/testing.ts';
import check from './index.ts';

describe('soap-cleartext-endpoint', () => {
  it('flags WSDL 1.1 soap:address and soap12:address over http, not localhost or https', async () => {
    const findings = await runWsdlCheck(check, import.meta.url, 'unsafe.wsdl');
    expect(wsdlPositions(findings)).toEqual([
      '18:7 /definitions/service[@name="StockService"]/port[@name="StockSoap"]/address',
      '21:7 /definitions/service[@name="StockService"]/port[@name="StockSoap12"]/address',
    ]);
    expect(findings[0]?.location).toMatchObject({ endLine: 18, endColumn: 67 });
    expect(findings[1]?.location).toMatchObject({ endLine: 22, endColumn: 64 });
    expect(findings[0]?.message).toContain('"http://stock.example.com/ws/stock"');
  });

  it('flags WSDL 2.0 endpoint addresses over http', async () => {
    const findings = await runWsdlCheck(check, import.meta.url, 'unsafe.v2.wsdl');
    expect(wsdlPositions(findings)).toEqual(['11:5 /description/service[@name="StockService"]/endpoint[@name="StockEndpoint"]']);
    expect(findings[0]?.message).toContain('Port "StockEndpoint" of service "StockService"');
  });

  it('leaves https and loopback addresses alone', async () => {
    expect(await runWsdlCheck(check, import.meta.url, 'safe.wsdl')).toEqual([]);
    expect(await runWsdlCheck(check, import.meta.url, 'safe.v2.wsdl')).toEqual([]);
  });
});

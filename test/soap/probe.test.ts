/**
 * `rampart probe --wsdl`: the whole vulnerable stock service (every planted flaw found), its hardened
 * twin (nothing at medium or above), scope and budget limits, a service built with the `soap` library,
 * and the command line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as soap from 'soap';
import { afterAll, describe, expect, it } from 'vitest';
import { type Finding, locationLabel, type RunResult, SEVERITIES } from '../../src/core/index.ts';
import { probeWsdl } from '../../src/engines/soap/probe.ts';
import { ALL_FLAWS, runSoapProbe, startStockServer, stockWsdl } from '../../src/engines/soap/testing.ts';
import { rampart as run } from '../cli/helpers.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-soap-test-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const found = (r: RunResult) => r.findings.map((f: Finding) => `${f.ruleId} ${locationLabel(f.location)}`).sort();
const atLeastMedium = (r: RunResult) => r.findings.filter((f) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf('medium'));

describe('rampart probe --wsdl', () => {
  it('finds every planted flaw of the vulnerable service, WSDL fetched from its ?wsdl URL', { timeout: 60_000 }, async () => {
    const r = await runSoapProbe({ flaws: ALL_FLAWS }, { viaUrl: true });
    expect(r.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(r.scanned).toHaveLength(2);
    const expected = ['soap-xxe', 'soap-xml-bomb', 'soap-action-spoofing', 'soap-verbose-fault'].flatMap((id) => [
      `${id} POST /ws/stock`,
      `${id} POST /ws/stock12`,
    ]);
    expected.push('soap-wsdl-exposed GET /ws/stock', 'soap-wsdl-exposed GET /ws/stock12');
    expect(found(r)).toEqual(expected.sort());
    for (const f of r.findings) expect(f.evidence?.request, f.ruleId).toBeTruthy();
  });

  it('reports nothing at medium or above on the hardened twin (probed from the WSDL file)', { timeout: 60_000 }, async () => {
    const r = await runSoapProbe({ flaws: {} });
    expect(r.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(r.scanned).toHaveLength(2);
    expect(atLeastMedium(r)).toEqual([]);
    expect(r.findings).toEqual([]);
  });

  it('probes the SOAP 1.2 endpoint a WSDL 2.0 description declares', { timeout: 60_000 }, async () => {
    const srv = await startStockServer(ALL_FLAWS);
    try {
      const schema = /<wsdl:types>[\s\S]*<\/wsdl:types>/.exec(srv.wsdl)?.[0].replace(/wsdl:types/g, 'types') ?? '';
      const ops = ['GetQuote', 'GetPortfolio', 'DeletePortfolio'];
      const wsdl2 = `<?xml version="1.0"?>
<description xmlns="http://www.w3.org/ns/wsdl" xmlns:wsoap="http://www.w3.org/ns/wsdl/soap" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="urn:example:stock" targetNamespace="urn:example:stock">
  ${schema}
  <interface name="Stock">
${ops.map((o) => `    <operation name="${o}" pattern="http://www.w3.org/ns/wsdl/in-out"><input element="tns:${o}"/><output element="tns:${o}Response"/></operation>`).join('\n')}
  </interface>
  <binding name="StockSoap12" interface="tns:Stock" type="http://www.w3.org/ns/wsdl/soap" wsoap:protocol="http://www.w3.org/2003/05/soap/bindings/HTTP/">
${ops.map((o) => `    <operation ref="tns:${o}" wsoap:action="urn:example:stock#${o}"/>`).join('\n')}
  </binding>
  <service name="StockService" interface="tns:Stock">
    <endpoint name="Stock12" binding="tns:StockSoap12" address="${srv.origin}/ws/stock12"/>
  </service>
</description>`;
      const dir = tempWith({ 'stock.wsdl': wsdl2 });
      const r = await probeWsdl({ target: 'stock.wsdl', config: {}, cwd: dir, identities: [], run: {} });
      expect(r.diagnostics).toEqual([]);
      expect(found(r)).toEqual([
        'soap-action-spoofing POST /ws/stock12',
        'soap-verbose-fault POST /ws/stock12',
        'soap-wsdl-exposed GET /ws/stock12',
        'soap-xml-bomb POST /ws/stock12',
        'soap-xxe POST /ws/stock12',
      ]);
    } finally {
      await srv.close();
    }
  });

  it('contacts only the scope: --target of another origin refuses the WSDL, foreign addresses are skipped', {
    timeout: 30_000,
  }, async () => {
    const srv = await startStockServer(ALL_FLAWS);
    try {
      const foreign = srv.wsdl.replace(`${srv.origin}/ws/stock12`, 'http://soap.example.invalid/ws/stock12');
      const dir = tempWith({ 'stock.wsdl': foreign });
      const base = { config: {}, cwd: dir, identities: [], run: {}, rules: ['soap-wsdl-exposed'] };
      const refused = await probeWsdl({ ...base, target: 'stock.wsdl', scope: 'http://127.0.0.1:1/' });
      expect(refused.scanned).toEqual([]);
      expect(refused.diagnostics.map((d) => d.message).join('\n')).toContain('no SOAP endpoint to probe within http://127.0.0.1:1');
      const r = await probeWsdl({ ...base, target: 'stock.wsdl' });
      expect(r.scanned).toEqual([`${srv.origin}/ws/stock`]);
      expect(r.diagnostics.find((d) => d.level === 'warning')?.message).toContain(
        '"http://soap.example.invalid/ws/stock12" is outside the probe\'s scope',
      );
      const url = await probeWsdl({ ...base, target: `${srv.origin}/ws/stock?wsdl`, scope: 'http://127.0.0.1:1' });
      expect(url.diagnostics[0]?.message).toContain('is outside --target http://127.0.0.1:1');
    } finally {
      await srv.close();
    }
  });

  it('signs requests as the first identity of the config and never shows its password', { timeout: 60_000 }, async () => {
    const basicAuth = { username: 'alice', password: 'alice-soap-password-42' };
    const identities = [{ name: 'alice', basic: basicAuth }];
    const r = await runSoapProbe({ flaws: ALL_FLAWS, basicAuth }, { identities, rules: ['soap-xxe', 'soap-verbose-fault'] });
    expect(found(r)).toEqual([
      'soap-verbose-fault POST /ws/stock',
      'soap-verbose-fault POST /ws/stock12',
      'soap-xxe POST /ws/stock',
      'soap-xxe POST /ws/stock12',
    ]);
    const b64 = Buffer.from('alice:alice-soap-password-42').toString('base64');
    for (const f of r.findings) {
      const text = JSON.stringify(f);
      expect(text).not.toContain(b64);
      expect(text).not.toContain(basicAuth.password);
      expect(f.evidence?.curl).toContain('"$ALICE_BASIC"');
      expect(f.evidence?.identities).toEqual(['alice']);
    }
    // Without the identity every call is refused: nothing is proven.
    const anonymous = await runSoapProbe({ flaws: ALL_FLAWS, basicAuth }, { rules: ['soap-xxe', 'soap-verbose-fault'] });
    expect(anonymous.findings).toEqual([]);
  });

  it('stops at the request budget', { timeout: 30_000 }, async () => {
    const r = await runSoapProbe({ flaws: ALL_FLAWS }, { run: { budget: 3 } });
    expect(r.diagnostics.map((d) => d.message)).toContain('stopped sending: request budget exhausted');
  });

  it('reports an unreachable endpoint and a missing file as errors, not crashes', async () => {
    const dir = tempWith({ 'down.wsdl': stockWsdl('http://127.0.0.1:9') });
    const down = await probeWsdl({ target: 'down.wsdl', config: {}, cwd: dir, identities: [], run: { timeoutMs: 2000 } });
    expect(down.scanned).toEqual([]);
    expect(down.diagnostics.filter((d) => d.level === 'error').map((d) => d.message)).toContain(
      'no answer from the SOAP endpoint http://127.0.0.1:9/ws/stock',
    );
    const missing = await probeWsdl({ target: 'nope.wsdl', config: {}, cwd: dir, identities: [], run: {} });
    expect(missing.diagnostics).toEqual([{ level: 'error', message: 'no such file', file: 'nope.wsdl' }]);
  });
});

describe('a service built with the soap library', () => {
  it('is called with requests it accepts, and its public ?wsdl is found', { timeout: 60_000 }, async () => {
    const server = createServer();
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The SOAP 1.1 port only: one listener path.
    const wsdl = stockWsdl(origin).replace(/\s*<wsdl:port name="StockSoap12"[^\n]*/, '');
    const calls: string[] = [];
    const ops = {
      GetQuote: (a: { symbol: string }) => {
        calls.push(`GetQuote ${a.symbol}`);
        return { symbol: a.symbol, price: 42 };
      },
      GetPortfolio: (a: { owner: string }) => {
        calls.push(`GetPortfolio ${a.owner}`);
        return { owner: a.owner };
      },
      DeletePortfolio: () => {
        calls.push('DeletePortfolio');
        return { deleted: false };
      },
    };
    soap.listen(server, '/ws/stock', { StockService: { StockSoap: ops, StockSoap12: ops } }, wsdl);
    try {
      const r = await probeWsdl({ target: `${origin}/ws/stock?wsdl`, config: {}, cwd: tmpdir(), identities: [], run: {} });
      expect(r.scanned).toEqual([`${origin}/ws/stock`]);
      expect(found(r)).toContain('soap-wsdl-exposed GET /ws/stock');
      // The requests built from the WSDL were valid for a real SOAP stack; nothing destructive ran.
      expect(calls).toContain('GetQuote rampart');
      expect(calls).not.toContain('DeletePortfolio');
      expect(found(r).filter((f) => /soap-xxe|soap-xml-bomb/.test(f))).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });
});

describe('the command line', () => {
  const rampart = (argv: string[], cwd: string) => run(argv, { cwd });

  it('probes through `rampart probe --wsdl URL` with the shared report and exit code', { timeout: 60_000 }, async () => {
    const srv = await startStockServer(ALL_FLAWS);
    try {
      const r = await rampart(
        ['probe', '--wsdl', `${srv.origin}/ws/stock?wsdl`, '--format', 'json', '--rule', 'soap-xxe', '--rule', 'soap-wsdl-exposed'],
        tmpdir(),
      );
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as { findings: { ruleId: string; evidence: { curl: string } }[] };
      expect(new Set(report.findings.map((f) => f.ruleId))).toEqual(new Set(['soap-xxe', 'soap-wsdl-exposed']));
      expect(report.findings[0]?.evidence.curl).toMatch(/^curl /);
    } finally {
      await srv.close();
    }
  });

  it('exits 0 on the hardened twin, and 2 when the WSDL is outside --target', { timeout: 60_000 }, async () => {
    const srv = await startStockServer({});
    try {
      const dir = tempWith({ 'stock.wsdl': srv.wsdl });
      const ok = await rampart(['probe', '--wsdl', 'stock.wsdl', '--target', srv.origin, '--format', 'json'], dir);
      expect(ok.code).toBe(0);
      expect((JSON.parse(ok.stdout) as { findings: unknown[] }).findings).toEqual([]);
      const refused = await rampart(['probe', '--wsdl', 'stock.wsdl', '--target', 'http://127.0.0.1:1'], dir);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('no SOAP endpoint to probe within http://127.0.0.1:1');
    } finally {
      await srv.close();
    }
  });
});

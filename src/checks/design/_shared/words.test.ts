import { describe, expect, it } from 'vitest';
import { stem, stemmedWords, words } from './words.ts';

describe('words', () => {
  it.each([
    ['nextPageToken', ['next', 'page', 'token']],
    ['X-API-Key', ['x', 'api', 'key']],
    ['APIKey', ['api', 'key']],
    ['client_secret', ['client', 'secret']],
    ['sessionID', ['session', 'id']],
    ['oauth2', ['oauth2']],
    ['admin.apps.approve', ['admin', 'apps', 'approve']],
    ['', []],
    // operationIds, paths and summaries
    ['buyMuseumTickets', ['buy', 'museum', 'tickets']],
    ['Buy museum tickets', ['buy', 'museum', 'tickets']],
    ['/v1/payment_intents/{intent}', ['v1', 'payment', 'intents', 'intent']],
    // "OAuth" is one word
    ['PostOAuthToken', ['post', 'oauth', 'token']],
    ['OAuth2Error', ['oauth2', 'error']],
    ['XOAuth', ['x', 'oauth']],
    ['OAUTH_TOKEN', ['oauth', 'token']],
    // digits
    ['verify-2FA', ['verify', '2fa']],
    ['2Step', ['2', 'step']],
    ['oauth2Token', ['oauth2', 'token']],
    ['getCoreV1APIResources', ['get', 'core', 'v1', 'api', 'resources']],
    ['v1beta1', ['v1beta1']],
    ['sha256', ['sha256']],
  ])('%s', (name, expected) => {
    expect(words(name)).toEqual(expected);
  });
});

describe('stemmedWords', () => {
  it.each([
    ['isAdmin', ['is', 'admin']],
    ['created_at', ['created', 'at']],
    ['X-Callback-URL', ['x', 'callback', 'url']],
    ['userID', ['user', 'id']],
    ['APIKey', ['api', 'key']],
    ['cvv2', ['cvv']],
    ['$top', ['top']],
    ['_id', ['id']],
    ['page-size', ['page', 'size']],
    ['2fa', ['2fa']],
    ['', []],
    ['oauth2_token', ['oauth', 'token']],
    ['password2', ['password']],
  ])('%s', (name, expected) => {
    expect(stemmedWords(name)).toEqual(expected);
  });
});

describe('stem', () => {
  it.each([
    ['password2', 'password'],
    ['oauth2', 'oauth'],
    ['v1beta1', 'v1beta'],
    ['2fa', '2fa'],
    ['2010', '2010'],
    ['token', 'token'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

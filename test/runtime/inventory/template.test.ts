import { describe, expect, it } from 'vitest';
import { classifySegment, parseHint, templatePaths } from '../../../src/engines/runtime/inventory/template.ts';

/** Each case: paths seen together → the template of each, in order. */
const CASES: [string, string[], string[]][] = [
  ['integers', ['/users/123', '/users/456'], ['/users/{userId}', '/users/{userId}']],
  ['negative and decimal numbers', ['/temps/-5', '/prices/19.99'], ['/temps/{tempId}', '/prices/{price}']],
  [
    'UUIDs, braces and no dashes too',
    [
      '/orders/550e8400-e29b-41d4-a716-446655440000',
      '/carts/{550E8400-E29B-41D4-A716-446655440000}',
      '/items/550e8400e29b41d4a716446655440000',
    ],
    ['/orders/{orderId}', '/carts/{cartId}', '/items/{itemId}'],
  ],
  ['Mongo ObjectIds', ['/v2/items/5f1c9a2b3c4d5e6f7a8b9c0d'], ['/v2/items/{itemId}']],
  [
    'hashes: MD5, SHA-1, SHA-256',
    [
      '/files/d41d8cd98f00b204e9800998ecf8427e',
      '/commits/da39a3ee5e6b4b0d3255bfef95601890afd80709',
      '/blobs/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ],
    ['/files/{fileId}', '/commits/{commitId}', '/blobs/{blobId}'],
  ],
  [
    'dates and date-times',
    ['/reports/2023-10-17', '/events/2024-02', '/logs/2024-02-01T10:00:00Z'],
    ['/reports/{reportDate}', '/events/{eventDate}', '/logs/{logDate}'],
  ],
  ['emails and IPs', ['/users/jane@example.com/prefs', '/hosts/10.0.0.12'], ['/users/{email}/prefs', '/hosts/{ip}']],
  [
    'opaque tokens: Stripe ids, ULIDs, random keys, codes',
    ['/customers/cus_NffrFeUfNV2Hib', '/jobs/01ARZ3NDEKTSV4RRFFQ69G5FAV', '/shares/aZ9kQ2xLmP', '/invoices/INV-2024001'],
    ['/customers/{customerId}', '/jobs/{jobId}', '/shares/{shareId}', '/invoices/{invoiceId}'],
  ],
  ['slugs with digits or many words', ['/blog/hello-world-2023', '/blog/how-to-rotate-api-keys'], ['/blog/{blogSlug}', '/blog/{blogSlug}']],
  [
    'a slug-shaped sibling of a slug parameter',
    ['/blog/hello-world-2023', '/blog/my-first-post'],
    ['/blog/{blogSlug}', '/blog/{blogSlug}'],
  ],
  [
    'file names with an id stem keep their extension',
    ['/statuses/1234.json', '/1/statuses/user_timeline.json'],
    ['/statuses/{statusId}.json', '/1/statuses/user_timeline.json'],
  ],
  ['dimensions', ['/image/60844/productModel/200x200'], ['/image/{imageId}/productModel/{size}']],
  [
    'dictionary words stay, beside parameters too',
    ['/users/me', '/users/search', '/users/42', '/auth/callback', '/orders/export'],
    ['/users/me', '/users/search', '/users/{userId}', '/auth/callback', '/orders/export'],
  ],
  [
    'version segments stay: v2, v1.1, v2beta1, dates after api, a first 1',
    ['/api/v2/users', '/v1.1/things', '/apis/v2beta1/pods', '/api/2023-10-17/charges', '/2023-10-17/charges', '/1/statuses'],
    ['/api/v2/users', '/v1.1/things', '/apis/v2beta1/pods', '/api/2023-10-17/charges', '/2023-10-17/charges', '/1/statuses'],
  ],
  [
    'technical words with digits stay',
    ['/auth/oauth2/token', '/keys/sha256', '/media/h264'],
    ['/auth/oauth2/token', '/keys/sha256', '/media/h264'],
  ],
  [
    'many literal siblings become one parameter',
    ['rust', 'go', 'python', 'java', 'kotlin', 'swift', 'ruby', 'perl', 'haskell', 'scala', 'elixir', 'zig'].map((t) => `/tags/${t}`),
    Array(12).fill('/tags/{tagId}'),
  ],
  ['a few word siblings stay literal', ['/docs/intro', '/docs/install', '/docs/faq'], ['/docs/intro', '/docs/install', '/docs/faq']],
  [
    'siblings with the same children are one parameter',
    ['/posts/abc/comments', '/posts/xyz/comments', '/posts/qqq/comments'],
    ['/posts/{postId}/comments', '/posts/{postId}/comments', '/posts/{postId}/comments'],
  ],
  ['mixed kinds at one place merge', ['/users/123', '/users/550e8400-e29b-41d4-a716-446655440000'], ['/users/{userId}', '/users/{userId}']],
  ['two parameters in a row get distinct names', ['/repos/12/34'], ['/repos/{repoId}/{id}']],
  [
    'percent-encoding is decoded; a trailing slash does not matter',
    ['/users/42/', '/search%2Dhistory/7'],
    ['/users/{userId}', '/search-history/{searchHistoryId}'],
  ],
  [
    'short prefixes are not merged into a parameter; a short first number is a version',
    ['/m/products/1', '/12/products/1', '/en/products/1'],
    ['/m/products/{productId}', '/12/products/{productId}', '/en/products/{productId}'],
  ],
  ['free text is a parameter', ['/search/red%20shoes%2C%20size%2042'], ['/search/{searchId}']],
  ['the root', ['/'], ['/']],
];

describe('path templating', () => {
  it.each(CASES)('%s', (_, paths, want) => {
    const got = templatePaths(paths);
    expect(paths.map((p) => got.get(p))).toEqual(want);
  });

  it('lets the definitions win: their templates and parameter names', () => {
    const got = templatePaths(['/api/users/7', '/api/users/me', '/api/users/7/avatar', '/api/files/report.pdf'], {
      documented: ['/api/users/{id}', '/api/users/me', '/api/files/{name}.pdf'],
    });
    expect([...got.values()]).toEqual(['/api/users/{id}', '/api/users/me', '/api/users/{userId}/avatar', '/api/files/{name}.pdf']);
  });

  it('hints force a parameter (/post/{slug}) or keep a segment literal (/post/^); * leaves it to guessing', () => {
    expect([...templatePaths(['/post/hello', '/post/world'], { hints: [parseHint('/post/{slug}')] }).values()]).toEqual([
      '/post/{slug}',
      '/post/{slug}',
    ]);
    const kept = templatePaths(['/post/123', '/post/2024-01-01', '/post/abc/comments/9'], { hints: [parseHint('/post/^')] });
    expect([...kept.values()]).toEqual(['/post/123', '/post/2024-01-01', '/post/abc/comments/{commentId}']);
    expect([...templatePaths(['/a/1/b'], { hints: [parseHint('/a/*/b')] }).values()]).toEqual(['/a/{aId}/b']);
  });

  it('rejects malformed hints with a message naming them', () => {
    expect(() => parseHint('post/{id}')).toThrow('hint "post/{id}" must start with /');
    expect(() => parseHint('/post/x{id}')).toThrow('segment "x{id}" must be a literal, {name}, ^ (keep literal) or * (any)');
    expect(() => parseHint('/')).toThrow('has no segment');
  });

  it('classifies single segments', () => {
    expect(classifySegment('v2')).toEqual({ param: false, version: true });
    expect(classifySegment('2023-10-17', 'api', 1)).toEqual({ param: false, version: true });
    expect(classifySegment('2023-10-17', 'reports', 1)).toEqual({ param: true, type: 'date' });
    expect(classifySegment('2023-13-45', 'reports', 1)).toEqual({ param: true, type: 'slug' });
    expect(classifySegment('users')).toEqual({ param: false });
    expect(classifySegment('42', 'users', 1)).toEqual({ param: true, type: 'integer' });
  });

  it('keeps memory by shape: a million ids make one pre-template', () => {
    const paths = Array.from({ length: 5000 }, (_, i) => `/users/${i}/orders/${i * 7}`);
    const got = new Set(templatePaths(paths).values());
    expect([...got]).toEqual(['/users/{userId}/orders/{orderId}']);
  });
});

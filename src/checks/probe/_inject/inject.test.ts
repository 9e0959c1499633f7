import { describe, expect, it } from 'vitest';
import type { Endpoint, ProbeResponse } from '../../../engines/probe/types.ts';
import { readableText, shapeOf } from './compare.ts';
import { describePoint, pointsOf } from './points.ts';

const endpoint: Endpoint = {
  method: 'PUT',
  path: '/shops/{shopId}/orders/{orderId}',
  source: 'openapi',
  parameters: [
    { name: 'shopId', in: 'path', required: true },
    { name: 'orderId', in: 'path', required: true },
    { name: 'expand', in: 'query', required: false, schema: { type: 'string', enum: ['items'] } },
    { name: 'dryRun', in: 'query', required: true, schema: { type: 'boolean' } },
    { name: 'X-Tenant', in: 'header', required: true },
    { name: 'Authorization', in: 'header', required: true },
  ],
  responses: [],
  auth: 'required',
  scopes: [],
  admin: false,
  deprecated: false,
  tags: [],
};

const res = (body: string, type = 'application/json', status = 200): ProbeResponse => ({
  status,
  headers: { 'content-type': type },
  body,
  truncated: false,
  timeMs: 1,
});

describe('injection points', () => {
  it('lists query, path and header parameters, then JSON string fields (nested, first array item), bounded', () => {
    const base = {
      method: 'PUT',
      path: '/shops/s%201/orders/42?dryRun=false',
      headers: { 'x-tenant': 'acme' },
      json: { note: 'gift', qty: 2, address: { city: 'Lyon', zip: 69001 }, tags: ['a', 'b'] },
    };
    const points = pointsOf(endpoint, base, 12);
    expect(points.map((p) => `${describePoint(p)}=${p.original}${p.inBase ? '' : ' (made up)'}`)).toEqual([
      'query parameter "expand"=items (made up)',
      'query parameter "dryRun"=false',
      'path parameter "shopId"=s 1',
      'path parameter "orderId"=42',
      'header parameter "X-Tenant"=acme',
      'JSON body field "note"=gift',
      'JSON body field "address.city"=Lyon',
      'JSON body field "tags.0"=a',
    ]);
    expect(pointsOf(endpoint, base, 3)).toHaveLength(3);
  });

  it('lists form fields', () => {
    const e = { ...endpoint, parameters: [] };
    expect(pointsOf(e, { method: 'POST', path: '/x', form: { name: 'Ann', msg: 'hi' } }, 12).map(describePoint)).toEqual([
      'form field "name"',
      'form field "msg"',
    ]);
  });
});

describe('answer shapes', () => {
  it('ignores string contents and $-keys, keeps array lengths, numbers and booleans', () => {
    expect(shapeOf(res('{"items":[{"id":1,"name":"a"}],"q":"x\' AND 1"}'))).toBe(shapeOf(res('{"items":[{"name":"b","id":1}],"q":"y"}')));
    expect(shapeOf(res('{"items":[]}'))).not.toBe(shapeOf(res('{"items":[{"id":1}]}')));
    expect(shapeOf(res('{"found":true}'))).not.toBe(shapeOf(res('{"found":false}')));
    expect(shapeOf(res('{"echo":{"$ne":"x"}}'))).toBe(shapeOf(res('{"echo":{"$eq":"x"}}')));
    expect(shapeOf(res('{"a":1}', 'application/json', 200))).not.toBe(shapeOf(res('{"a":1}', 'application/json', 401)));
  });

  it('blanks the payload (and its escapes), digits and long tokens out of text answers', () => {
    const page = (q: string, n: number) =>
      res(`<h1>Results for ${q}</h1><p>${n} found</p><input value="${'t'.repeat(20)}${n}">`, 'text/html');
    expect(shapeOf(page("a' AND '2'&gt;'1", 0), ["a' AND '2'>'1"])).toBe(shapeOf(page("a' AND '1'&gt;'2", 0), ["a' AND '1'>'2"]));
    expect(shapeOf(page('x', 3), ['x'])).toBe(shapeOf(page('x', 4), ['x']));
  });

  it('reads JSON string values decoded, so escaped quotes and newlines match as written', () => {
    expect(readableText(res('{"error":"near \\"x\\": syntax error\\n  at f (/a.js:1:2)"}'))).toContain(
      'near "x": syntax error\n  at f (/a.js:1:2)',
    );
    expect(readableText(res('plain <b>text</b>', 'text/html'))).toBe('plain <b>text</b>');
  });
});

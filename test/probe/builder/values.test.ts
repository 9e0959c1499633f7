import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { generateFromPattern, paramString, valueFor } from '../../../src/engines/probe/values.ts';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

const S = (s: Record<string, unknown>) => s;

/** Schemas whose generated values must validate. */
const TABLE: [string, Record<string, unknown>, string?][] = [
  ['plain string', S({ type: 'string' })],
  ['email format', S({ type: 'string', format: 'email' })],
  ['uuid format', S({ type: 'string', format: 'uuid' })],
  ['date format', S({ type: 'string', format: 'date' })],
  ['date-time format', S({ type: 'string', format: 'date-time' })],
  ['uri format', S({ type: 'string', format: 'uri' })],
  ['ipv4 format', S({ type: 'string', format: 'ipv4' })],
  ['ipv6 format', S({ type: 'string', format: 'ipv6' })],
  ['hostname format', S({ type: 'string', format: 'hostname' })],
  ['password format', S({ type: 'string', format: 'password', minLength: 12 })],
  ['byte format', S({ type: 'string', format: 'byte' })],
  ['minLength', S({ type: 'string', minLength: 40 })],
  ['maxLength', S({ type: 'string', maxLength: 3 })],
  ['min = max length', S({ type: 'string', minLength: 5, maxLength: 5 })],
  ['pattern digits', S({ type: 'string', pattern: '^\\d{4}-\\d{2}$' })],
  ['pattern class', S({ type: 'string', pattern: '^[A-Z]{2}[0-9]{3,5}$' })],
  ['pattern alternation', S({ type: 'string', pattern: '^(draft|published)-[a-f0-9]{8}$' })],
  ['pattern sku', S({ type: 'string', pattern: '^SKU-[A-Z0-9]+$' }), 'sku'],
  ['pattern with length', S({ type: 'string', pattern: '^[a-z]+$', minLength: 10, maxLength: 12 })],
  ['pattern phone', S({ type: 'string', pattern: '^\\+?[1-9]\\d{7,14}$' }), 'phone'],
  ['unanchored pattern', S({ type: 'string', pattern: '[0-9]' })],
  ['enum', S({ type: 'string', enum: ['a', 'b'] })],
  ['const', S({ const: 42 })],
  ['nullable enum', S({ type: ['string', 'null'], enum: [null, 'x'] })],
  ['integer', S({ type: 'integer' })],
  ['integer min', S({ type: 'integer', minimum: 100 })],
  ['integer max', S({ type: 'integer', maximum: -5 })],
  ['integer exclusive', S({ type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 2 })],
  ['integer multipleOf', S({ type: 'integer', minimum: 7, multipleOf: 5 })],
  ['number multipleOf 0.01', S({ type: 'number', multipleOf: 0.01, minimum: 0.5 }), 'price'],
  ['number range', S({ type: 'number', minimum: 0.1, maximum: 0.2 })],
  ['number exclusive', S({ type: 'number', exclusiveMinimum: 1, exclusiveMaximum: 1.5 })],
  ['quantity', S({ type: 'integer', minimum: 1, maximum: 100 }), 'quantity'],
  ['boolean', S({ type: 'boolean' })],
  ['array minItems', S({ type: 'array', items: { type: 'string' }, minItems: 3 })],
  ['array unique enum', S({ type: 'array', items: { type: 'integer', minimum: 1, maximum: 5 }, minItems: 3, uniqueItems: true })],
  ['array maxItems 0', S({ type: 'array', items: { type: 'string' }, maxItems: 0 })],
  ['tuple', S({ type: 'array', prefixItems: [{ type: 'integer' }, { type: 'string', format: 'email' }] })],
  [
    'object',
    S({
      type: 'object',
      required: ['email', 'name', 'quantity'],
      properties: {
        email: { type: 'string' },
        name: { type: 'string', maxLength: 80 },
        quantity: { type: 'integer', minimum: 1 },
        url: { type: 'string', format: 'uri' },
        tags: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
    }),
  ],
  ['object minProperties', S({ type: 'object', minProperties: 2, additionalProperties: { type: 'integer' } })],
  [
    'nested object',
    S({ type: 'object', required: ['a'], properties: { a: { type: 'object', required: ['b'], properties: { b: { type: 'number' } } } } }),
  ],
  [
    'oneOf',
    S({
      oneOf: [
        { type: 'integer', minimum: 3 },
        { type: 'string', format: 'email' },
      ],
    }),
  ],
  ['anyOf with null', S({ anyOf: [{ type: 'null' }, { type: 'string', format: 'date' }] })],
  [
    'allOf',
    S({
      allOf: [
        { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
        { required: ['name'], properties: { name: { type: 'string' } } },
      ],
    }),
  ],
  ['no type, properties', S({ required: ['x'], properties: { x: { type: 'integer', minimum: 2 } } })],
  ['type array', S({ type: ['integer', 'null'], minimum: 5 })],
  ['example wins', S({ type: 'string', example: 'hello' })],
  ['default', S({ type: 'integer', default: 7 })],
];

describe('valueFor: values valid against their schema', () => {
  for (const [label, schema, name] of TABLE) {
    it(label, () => {
      const v = valueFor(schema, { name, mode: 'response' });
      const validate = ajv.compile(schema);
      expect(validate(v), `${JSON.stringify(v)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      // Several seeds: still valid.
      for (const seed of ['a', 'b', 7]) {
        const w = valueFor(schema, { name, seed, mode: 'response' });
        expect(validate(w), `${JSON.stringify(w)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    });
  }
});

describe('valueFor: preferences and hints', () => {
  it('prefers example, then default, enum, const', () => {
    expect(valueFor({ type: 'string', example: 'ex', default: 'def', enum: ['e'] })).toBe('ex');
    expect(valueFor({ type: 'string', default: 'def', enum: ['e'] })).toBe('def');
    expect(valueFor({ type: 'string', enum: ['e', 'f'] })).toBe('e');
    expect(valueFor({ const: 'c' })).toBe('c');
    expect(valueFor({ type: 'string', examples: ['x1', 'x2'] })).toBe('x1');
  });

  it('uses names as hints', () => {
    expect(valueFor({ type: 'string' }, { name: 'email' })).toMatch(/^probe-[0-9a-f]+@example\.com$/);
    expect(valueFor({ type: 'string' }, { name: 'contactEmail' })).toMatch(/@example\.com$/);
    expect(valueFor({ type: 'string' }, { name: 'website_url' })).toMatch(/^https:\/\/example\.com\//);
    expect(valueFor({ type: 'string' }, { name: 'phone' })).toMatch(/^\+1555555\d{4}$/);
    expect(valueFor({ type: 'string' }, { name: 'username' })).toMatch(/^probe_[0-9a-f]+$/);
    expect(valueFor({ type: 'string' }, { name: 'password' })).toMatch(/^Rampart-/);
    expect(valueFor({ type: 'integer' }, { name: 'quantity' })).toBe(1);
    expect(valueFor({ type: 'integer' }, { name: 'limit' })).toBe(10);
    expect(valueFor({ type: 'boolean' }, { name: 'is_admin' })).toBe(false);
    expect(valueFor({ type: 'boolean' }, { name: 'active' })).toBe(true);
  });

  it('is deterministic, and a seed varies free-form values', () => {
    const s = {
      type: 'object',
      required: ['username', 'id'],
      properties: { username: { type: 'string' }, id: { type: 'string', format: 'uuid' } },
    };
    expect(valueFor(s, { seed: 1 })).toEqual(valueFor(s, { seed: 1 }));
    expect(valueFor(s, { seed: 1 })).not.toEqual(valueFor(s, { seed: 2 }));
  });

  it('leaves readOnly properties out of requests and writeOnly ones out of responses', () => {
    const s = {
      type: 'object',
      properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string' }, password: { type: 'string', writeOnly: true } },
    };
    expect(Object.keys(valueFor(s) as object).sort()).toEqual(['name', 'password']);
    expect(Object.keys(valueFor(s, { mode: 'response' }) as object).sort()).toEqual(['id', 'name']);
  });

  it('adds at most `optional` optional properties besides the required ones', () => {
    const props = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, { type: 'string' }]));
    expect(Object.keys(valueFor({ type: 'object', required: ['f'], properties: props }) as object)).toEqual(['a', 'b', 'c', 'f']);
    expect(Object.keys(valueFor({ type: 'object', required: ['f'], properties: props }, { optional: 0 }) as object)).toEqual(['f']);
  });

  it('stops at recursive depth', () => {
    const node: Record<string, unknown> = { type: 'object', required: ['child'], properties: {} };
    (node.properties as Record<string, unknown>).child = node;
    expect(() => JSON.stringify(valueFor(node))).not.toThrow();
  });

  it('generates strings from simple patterns and gives up on complex ones', () => {
    expect(generateFromPattern('^[a-z]{3}-\\d{2}$')).toMatch(/^[a-z]{3}-\d{2}$/);
    expect(generateFromPattern('^(?=.*\\d)abc$')).toBeUndefined();
    expect(generateFromPattern('(a)\\1')).toBeUndefined();
  });

  it('parameter strings', () => {
    expect(paramString({ type: 'array', items: { type: 'integer', enum: [3] }, minItems: 2 })).toBe('3,3');
    expect(paramString({ type: 'integer', minimum: 4 })).toMatch(/^\d+$/);
  });
});

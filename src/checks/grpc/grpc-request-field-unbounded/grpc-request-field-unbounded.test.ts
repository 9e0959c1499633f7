import { describe, expect, it } from 'vitest';
import { protoPositions, runProtoCheck } from '../../../engines/grpc/testing.ts';

const ID = 'grpc-request-field-unbounded';

describe(ID, () => {
  it('flags repeated, map, string and bytes fields of request messages without a size rule', async () => {
    const findings = await runProtoCheck(ID, import.meta.url, 'unsafe.proto');
    expect(protoPositions(findings)).toEqual([
      '14:21 /messages/acme.orders.v1.CreateOrderRequest/fields/items',
      '15:10 /messages/acme.orders.v1.CreateOrderRequest/fields/note',
      '16:9 /messages/acme.orders.v1.CreateOrderRequest/fields/attachment',
      '17:23 /messages/acme.orders.v1.CreateOrderRequest/fields/labels',
      '24:19 /messages/acme.orders.v1.LineItem/fields/tags',
    ]);
    const items = findings.find((f) => f.location.kind === 'file' && f.location.pointer?.endsWith('/items'));
    expect(items?.message).toBe(
      'Repeated field "items" of request message acme.orders.v1.CreateOrderRequest (acme.orders.v1.Orders/CreateOrder) has no max_items rule: a client may send any number of items.',
    );
    expect(items?.evidence?.snippet).toBe('repeated LineItem items = 2');
    expect(items?.severity).toBe('medium');
    expect(findings.find((f) => f.message.includes('"note"'))?.severity).toBe('low');
    expect(findings.find((f) => f.message.includes('"labels"'))?.message).toContain('has no max_pairs rule');
  });

  it('accepts fields bounded by protovalidate or protoc-gen-validate rules, enums, numbers and responses', async () => {
    expect(await runProtoCheck(ID, import.meta.url, 'safe.proto')).toEqual([]);
  });
});

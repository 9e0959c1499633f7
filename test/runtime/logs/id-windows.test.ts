// The enumeration windows' table (id-windows.ts): every pair found again after the table grows, none
// after a clear; and the attack windows that use it: a client walking ids is reported, unless the
// tables were cleared (more clients than maxKeys) in between. And the facts the windows keep per path:
// two paths of one cache slot apart, endpoint numbers asked again after a clear.

import { expect, it } from 'vitest';
import { AttackDetector, pathSlot } from '../../../src/engines/runtime/logs/attacks.ts';
import { IdWindows } from '../../../src/engines/runtime/logs/id-windows.ts';

it('finds each pair it holds, through growth; no pair it does not hold; nothing after a clear', () => {
  const w = new IdWindows();
  const slots = new Map<string, number>();
  // 60 clients x 100 endpoints: the arrays grow several times, and many pairs share a bucket's neighbours.
  for (let c = 0; c < 60; c++)
    for (let e = 0; e < 100; e++) {
      expect(w.find(c, e)).toBe(-1);
      slots.set(`${c},${e}`, w.add(c, e, `id${c}-${e}`, c * 1000 + e, (c + e) % 2));
    }
  expect(w.count).toBe(6000);
  for (const [k, s] of slots) {
    const [c, e] = k.split(',').map(Number);
    expect(w.find(c, e)).toBe(s);
    // What was stored before the arrays grew is still there.
    expect([w.firstId[s], w.firstTime[s], w.oldest[s], w.denied[s], w.total[s], w.reported[s]]).toEqual([
      `id${c}-${e}`,
      c * 1000 + e,
      c * 1000 + e,
      (c + e) % 2,
      1,
      0,
    ]);
  }
  expect(w.find(60, 0)).toBe(-1);
  expect(w.find(0, 100)).toBe(-1);
  w.clear();
  expect(w.count).toBe(0);
  expect(w.find(3, 7)).toBe(-1);
  expect(w.add(3, 7, 'again', 1, 0)).toBe(0);
  expect(w.find(3, 7)).toBe(0);
});

const rec = (ip: string, line: number, path: string, status: number) => ({
  source: 's',
  line,
  method: 'GET',
  path,
  status,
  time: line * 1000,
  clientIp: ip,
});

it('enumeration: reported after 20 ids, each client and endpoint apart', () => {
  const d = new AttackDetector();
  let line = 0;
  for (let i = 0; i < 20; i++) {
    d.add(rec('10.0.0.1', line++, `/orders/${i}`, 404));
    // Another client on the same endpoint, and the same client on another: neither adds to the count.
    d.add(rec('10.0.0.2', line++, `/orders/${i}`, 404));
    if (i < 19) d.add(rec('10.0.0.1', line++, `/users/${i}`, 404));
  }
  const hits = d.hits.filter((h) => h.kind === 'enumeration');
  expect(hits.map((h) => [h.key, h.detail])).toEqual([
    ['ip 10.0.0.1', '20 ids of GET /orders/{id}, 20 of 20 answered 403/404'],
    ['ip 10.0.0.2', '20 ids of GET /orders/{id}, 20 of 20 answered 403/404'],
  ]);
});

it('enumeration: the windows start over when more clients than maxKeys came in between', () => {
  const run = (others: number) => {
    const d = new AttackDetector({ maxKeys: 50 });
    let line = 0;
    for (let i = 0; i < 20; i++) {
      d.add(rec('10.0.0.1', line++, `/orders/${i}`, 404));
      if (i === 10) for (let k = 0; k < others; k++) d.add(rec(`10.1.0.${k}`, line++, '/', 200));
    }
    return d.hits.filter((h) => h.kind === 'enumeration').length;
  };
  expect(run(40)).toBe(1);
  expect(run(60)).toBe(0);
});

it("enumeration: a client made after the tables were cleared does not inherit an old client's ids", () => {
  const d = new AttackDetector({ maxKeys: 50 });
  let line = 0;
  // Client A walks 15 ids; 50 more clients fill the tables; client B (the first after they are
  // cleared, so numbered as A was) asks for 5 more ids of the same endpoint: 5 ids, not 20.
  for (let i = 0; i < 15; i++) d.add(rec('10.0.0.1', line++, `/orders/${i}`, 404));
  for (let k = 0; k < 50; k++) d.add(rec(`10.1.0.${k}`, line++, '/', 200));
  for (let i = 15; i < 20; i++) d.add(rec('10.0.0.2', line++, `/orders/${i}`, 404));
  expect(d.hits.filter((h) => h.kind === 'enumeration')).toEqual([]);
});

it('paths kept by the attack windows: two paths of one slot are each judged on their own', () => {
  // Same length and the same characters where the slot is picked: they share a slot. The first probes
  // for a scanner's target, the second does not.
  const probe = '/api/wp-login.php';
  const plain = '/api/wp-loxin.php';
  expect(pathSlot(plain)).toBe(pathSlot(probe));
  const d = new AttackDetector();
  for (const [i, p] of [probe, plain, probe, plain].entries()) d.add(rec('10.0.0.1', i + 1, p, 200));
  expect(d.hits.map((h) => [h.kind, h.line])).toEqual([
    ['scanner', 1],
    ['scanner', 3],
  ]);
});

it('paths kept by the attack windows: their endpoint numbers are asked again after the tables are cleared', () => {
  const d = new AttackDetector({ maxKeys: 50 });
  let line = 0;
  // Client A's paths are kept with /orders/{id} numbered 0; 50 clients clear the tables; client B's first
  // endpoint (/x/{id}) is numbered 0 now. B then asks for A's paths: /orders/{id} must get a new number,
  // not share the windows of /x/{id} (12 + 10 ids would make 22).
  for (let i = 1; i <= 10; i++) d.add(rec('10.0.0.1', line++, `/orders/${i}`, 404));
  for (let k = 0; k < 50; k++) d.add(rec(`10.1.0.${k}`, line++, '/', 200));
  for (let i = 101; i <= 112; i++) d.add(rec('10.0.0.2', line++, `/x/${i}`, 404));
  for (let i = 1; i <= 10; i++) d.add(rec('10.0.0.2', line++, `/orders/${i}`, 404));
  expect(d.hits.filter((h) => h.kind === 'enumeration')).toEqual([]);
});

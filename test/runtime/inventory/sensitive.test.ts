import { describe, expect, it } from 'vitest';
import {
  cardIssuer,
  findSensitive,
  ibanValid,
  luhnValid,
  maskSensitive,
  SENSITIVE_KINDS,
  type SensitiveKind,
  sensitiveKindsIn,
  ssnValid,
} from '../../../src/engines/runtime/sensitive.ts';

/** Labelled samples: text with exactly one value of the kind (true), or none of it (false). */
const SAMPLES: Record<SensitiveKind, { yes: string[]; no: string[] }> = {
  card: {
    yes: [
      'card=4111111111111111',
      '"pan": "4111 1111 1111 1111"',
      'mc 5555-5555-5555-4444 ok',
      'amex 378282246310005',
      'amex 3782 822463 10005',
      'discover 6011111111111117',
      'jcb 3530111333300000',
      'visa13 4222222222222',
      'unionpay 6200000000000005',
    ],
    no: [
      'order 4111111111111112',
      'ts=1712790000123456',
      'id 1234567890123456',
      '4111-1111 1111-1111',
      'ean 0000000000000000',
      'ip 4111.1111.1111.1111',
      'version 4.111111111111111',
      'tracking 12345678901234567890123',
    ],
  },
  iban: {
    yes: ['IBAN DE89370400440532013000', 'to GB82 WEST 1234 5698 7654 32 please', 'FR1420041010050500013M02606', 'NL91ABNA0417164300'],
    no: ['DE89370400440532013001', 'GB82WEST12345698765433', 'XX89370400440532013000', 'DE8937040044053201300', 'SKU AB12345678901234'],
  },
  email: {
    yes: ['contact jane.doe@example.com now', 'to=a.b+tag@sub.example.co.uk', 'x "user@mail.example.org"'],
    no: ['logo@2x.png', 'no at sign here', 'user@localhost', '@handle', 'a@b'],
  },
  jwt: {
    yes: [
      'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
    ],
    no: ['eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiJ4In0.c2ln', 'eyJhbGciOi.broken', 'plain.text.value'],
  },
  'us-ssn': {
    yes: ['ssn 123-45-6789', 'SSN: 509-12-3456,', 'tax id 001-01-0001'],
    no: [
      '000-12-3456',
      '666-12-3456',
      '912-34-5678',
      '123-00-4567',
      '123-45-0000',
      '078-05-1120',
      '2023-10-17',
      'part 123-45-67890',
      '555-123-4567',
    ],
  },
  phone: {
    yes: ['call +1 415 555 2671', 'tel +44 20 7946 0958', 'phone: (415) 555-2671', 'mobile 415-555-2671', '+4915112345678'],
    no: ['2023-10-17', 'v1.2.3', '192.168.1.10', 'id 123456', '+12', 'build 1234.5678.9012'],
  },
};

function score(kind: SensitiveKind): { tp: number; fp: number; fn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const t of SAMPLES[kind].yes) {
    const hits = findSensitive(t, [kind]);
    if (hits.length === 1) tp++;
    else fn++;
  }
  for (const t of SAMPLES[kind].no) if (findSensitive(t, [kind]).length) fp++;
  return { tp, fp, fn };
}

describe('sensitive data detectors', () => {
  it.each(SENSITIVE_KINDS)('%s: every labelled sample is judged right (precision and recall 1.0)', (kind) => {
    const wrong = [
      ...SAMPLES[kind].yes.filter((t) => findSensitive(t, [kind]).length !== 1).map((t) => `missed: ${t}`),
      ...SAMPLES[kind].no.filter((t) => findSensitive(t, [kind]).length).map((t) => `false alarm: ${t}`),
    ];
    expect(wrong).toEqual([]);
    const s = score(kind);
    expect(s.tp / (s.tp + s.fp)).toBe(1);
    expect(s.tp / (s.tp + s.fn)).toBe(1);
  });

  it('validators', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(cardIssuer('378282246310005')).toBe('amex');
    expect(cardIssuer('1234567890123452')).toBeUndefined();
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(ssnValid('123', '45', '6789')).toBe(true);
    expect(ssnValid('666', '45', '6789')).toBe(false);
  });

  it('reports kinds once, positions exactly, and a card is not also a phone', () => {
    const text = '{"email":"jane@example.com","card":"4111 1111 1111 1111","phone":"+1 415 555 2671"}';
    expect([...sensitiveKindsIn(text)].sort()).toEqual(['card', 'email', 'phone']);
    const m = findSensitive(text);
    expect(m.map((x) => [x.kind, text.slice(x.start, x.end)])).toEqual([
      ['email', 'jane@example.com'],
      ['card', '4111 1111 1111 1111'],
      ['phone', '+1 415 555 2671'],
    ]);
    expect([...sensitiveKindsIn('card 4111111111111111')]).toEqual(['card']);
  });

  it('masks values so evidence never carries them', () => {
    expect(maskSensitive('mail jane@example.com card 4111111111111111 ssn 123-45-6789')).toBe(
      'mail j***@example.com card 4111…1111 ssn [us-ssn]',
    );
  });
});

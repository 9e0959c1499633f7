import { describe, expect, it } from 'vitest';
import { probePositions, runProbeCheck } from '../../../engines/probe/testing.ts';
import safe from './fixtures/safe.ts';
import safeLookalikes from './fixtures/safe-lookalikes.ts';
import unsafe from './fixtures/unsafe.ts';
import unsafeValues from './fixtures/unsafe-values.ts';
import check, { isCardNumber, isSsn } from './index.ts';

describe('excessive-data-exposure', () => {
  it('flags a user profile that returns the password hash and API key', async () => {
    const findings = await runProbeCheck(check, unsafe);
    expect(probePositions(findings)).toEqual(['GET /users/{userId}']);
    const [f] = findings;
    expect(f.message).toBe(
      'GET /users/{userId} returns password_hash (a password hash), api_key (an API key) (seen in the answer to alice). Anyone who can call it, or who takes over one account, collects credentials and personal data the client never needs, to crack, replay or sell. Build the response from an allow-list of fields (a response DTO), never by serialising a database row or internal object, and show secrets at most once, masked afterwards.',
    );
    expect(f).toMatchObject({ severity: 'high', confidence: 'high', owasp: ['API3:2023'] });
    expect(f.evidence?.identities).toEqual(['alice']);
    expect(f.evidence?.request).toMatch(/^GET \/users\/1 HTTP\/1\.1\n/);
    expect(f.evidence?.response).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*"password_hash":"\$2b\$…\(60 chars\)","api_key":"ak_l…\(40 chars\)"/);
  });

  it('flags card numbers (Luhn), SSNs and hashes by value, and undocumented properties at low severity', async () => {
    const findings = await runProbeCheck(check, unsafeValues);
    expect(probePositions(findings)).toEqual(['GET /account', 'GET /payments/{paymentId}']);
    const payment = findings.find((f) => f.message.startsWith('GET /payments'));
    expect(payment?.message).toMatch(
      /^GET \/payments\/\{paymentId\} returns card_number \(a full card number\), customer\.ssn \(a social security number\), audit\[\]\.legacy_digest \(a password hash\) \(seen in the answer to alice\)\. /,
    );
    expect(payment?.severity).toBe('high');
    const account = findings.find((f) => f.message.startsWith('GET /account'));
    expect(account?.message).toBe(
      'GET /account returns 1 property its response schema does not document: internal_notes. Undocumented data in a response is usually an internal object serialised whole, and nobody reviewing the definition knows it leaves the server. Return only the documented properties (a response DTO), or document them if they are meant to be public.',
    );
    expect(account).toMatchObject({ severity: 'low', confidence: 'medium' });
    expect(account?.evidence?.response).toContain('"internal_notes"');
  });

  it('accepts DTOs, issued and documented tokens, masked cards, non-Luhn numbers, flags and open schemas', async () => {
    expect(await runProbeCheck(check, safe)).toEqual([]);
    expect(await runProbeCheck(check, safeLookalikes)).toEqual([]);
  });

  it('recognises card numbers and SSNs', () => {
    // A Visa prefix with the last digit off by one fails the Luhn checksum.
    expect(isCardNumber('4111111111111111')).toBe(true);
    expect(isCardNumber('4111111111111112')).toBe(false);
    expect(isCardNumber('4111 1111 1111 1111')).toBe(true);
    expect(isCardNumber('378282246310005')).toBe(true);
    expect(isCardNumber('1234567812345670')).toBe(false);
    expect(isCardNumber('0000000000000000')).toBe(false);
    expect(isSsn('078-05-1120')).toBe(true);
    expect(isSsn('666-12-3456')).toBe(false);
    expect(isSsn('123-00-4567')).toBe(false);
    expect(isSsn('078051120')).toBe(false);
    expect(isSsn('078051120', false)).toBe(true);
  });
});

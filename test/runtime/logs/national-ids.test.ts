// National ids beyond the US SSN: each kind's validity rule, true and false examples, context words,
// and what `rampart logs` reports and masks.

import { describe, expect, it } from 'vitest';
import { scanLogs } from '../../../src/engines/runtime/logs/engine.ts';
import {
  aadhaarValid,
  bsnValid,
  cpfValid,
  dniValid,
  findNationalIds,
  fiscalCodeValid,
  type NationalIdKind,
  ninoValid,
  nirValid,
  sinValid,
} from '../../../src/engines/runtime/national-ids.ts';

describe('validity rules', () => {
  it('UK NINO: prefix rules and suffix', () => {
    expect(ninoValid('AB123456C')).toBe(true);
    expect(ninoValid('AB 12 34 56 C')).toBe(true);
    for (const bad of ['DA123456A', 'AD123456A', 'BG123456A', 'GB123456A', 'ZZ123456A', 'AB123456E', 'AO123456A'])
      expect(ninoValid(bad), bad).toBe(false);
  });
  it('Canadian SIN: Luhn, first digit assigned', () => {
    expect(sinValid('130692544')).toBe(true);
    expect(sinValid('271456329')).toBe(true);
    expect(sinValid('130692545')).toBe(false);
    expect(sinValid('046454286')).toBe(false); // Luhn-valid, but no SIN starts with 0
  });
  it('French NIR: mod-97 key, Corsica', () => {
    expect(nirValid('185057800608491')).toBe(true);
    expect(nirValid('1 85 05 78 006 084 91')).toBe(true);
    expect(nirValid('185057800608492')).toBe(false);
    expect(nirValid('185137800608491')).toBe(false); // month 13
    expect(nirValid('185052A00608435')).toBe(true); // Corsica: 2A counts as 19
    expect(nirValid('185052A00608436')).toBe(false);
  });
  it('Spanish DNI and NIE: check letter', () => {
    expect(dniValid('12345678Z')).toBe(true);
    expect(dniValid('X1234567L')).toBe(true);
    expect(dniValid('Y7654321G')).toBe(true);
    expect(dniValid('12345678A')).toBe(false);
    expect(dniValid('X1234567A')).toBe(false);
  });
  it('Italian codice fiscale: check character', () => {
    expect(fiscalCodeValid('RSSMRA85T10A562S')).toBe(true);
    expect(fiscalCodeValid('RSSMRA85T10A562T')).toBe(false);
  });
  it('Dutch BSN: 11-proof', () => {
    expect(bsnValid('111222333')).toBe(true);
    expect(bsnValid('123456782')).toBe(true);
    expect(bsnValid('111222334')).toBe(false);
    expect(bsnValid('000000000')).toBe(false);
  });
  it('Indian Aadhaar: Verhoeff, no leading 0 or 1', () => {
    expect(aadhaarValid('234567890124')).toBe(true);
    expect(aadhaarValid('498712345679')).toBe(true);
    expect(aadhaarValid('234567890125')).toBe(false);
    expect(aadhaarValid('123456789012')).toBe(false);
  });
  it('Brazilian CPF: two mod-11 digits', () => {
    expect(cpfValid('52998224725')).toBe(true);
    expect(cpfValid('52998224726')).toBe(false);
    expect(cpfValid('11111111111')).toBe(false);
  });
});

/** Per kind: lines where that kind must be found, lines where no national id may be found. */
const EXAMPLES: Record<NationalIdKind, { tp: string[]; fp: string[] }> = {
  'uk-nino': {
    tp: ['payroll: employee NINO AB 12 34 56 C updated', 'ni=AB123456C', 'record JG103759A saved'],
    fp: ['ni=BG123456A', 'ni=DA123456A', 'build AB123456E', 'ref XAB123456CX'],
  },
  'ca-sin': {
    tp: ['applicant 130-692-544 approved', 'sin=130692544', 'SIN: 271 456 329'],
    fp: ['applicant 130-692-545', 'order=130692544 shipped', 'sin=046454286', 'took 130692544 ns'],
  },
  'fr-nir': {
    tp: ['assuré 1 85 05 78 006 084 91', 'nir=185057800608491', 'numéro de sécu: 269029934173285'],
    fp: ['nir=185057800608492', 'id 185057800608491 loaded', 'assuré 1 85 13 78 006 084 91'],
  },
  'es-dni': {
    tp: ['cliente DNI 12345678Z', 'nie=X1234567L', 'doc Y7654321G ok'],
    fp: ['cliente DNI 12345678A', 'nie=X1234567A', 'v12345678Z', '2024-01-15T101010Z'],
  },
  'it-fiscal-code': {
    tp: ['codice fiscale RSSMRA85T10A562S', 'cf=RSSMRA85T10A562S'],
    fp: ['cf=RSSMRA85T10A562T', 'token RSSMRA85T10A562SX'],
  },
  'nl-bsn': {
    tp: ['bsn=111222333', 'burgerservicenummer: 123456782', 'BSN 1112.22.333'],
    fp: ['bsn=111222334', 'order 111222333 shipped', 'sin=111222333'],
  },
  'in-aadhaar': {
    tp: ['kyc ok 2345 6789 0124', 'aadhaar=498712345679', 'uid 4987-1234-5679 aadhaar'],
    fp: ['kyc ok 2345 6789 0125', 'ts=498712345679', 'card 4111 1111 1111 1111'],
  },
  'br-cpf': {
    tp: ['cliente 529.982.247-25', 'cpf=52998224725', '{"cpf":"529.982.247-25"}'],
    fp: ['cliente 529.982.247-26', 'id=52998224725', 'cpf=11111111111'],
  },
};

describe('findNationalIds: true and false examples per kind', () => {
  for (const [kind, { tp, fp }] of Object.entries(EXAMPLES) as [NationalIdKind, { tp: string[]; fp: string[] }][]) {
    it(kind, () => {
      for (const line of tp)
        expect(
          findNationalIds(line).map((m) => m.kind),
          line,
        ).toContain(kind);
      for (const line of fp) expect(findNationalIds(line), line).toEqual([]);
    });
  }

  it('context words raise confidence; the value is the whole id', () => {
    const [a] = findNationalIds('applicant 130-692-544 approved');
    const [b] = findNationalIds('SIN: 130-692-544');
    expect(a.context).toBe(false);
    expect(b.context).toBe(true);
    expect(b.value).toBe('130-692-544');
  });

  it('the same digits: the kind the context names wins', () => {
    expect(findNationalIds('bsn 111222333').map((m) => m.kind)).toEqual(['nl-bsn']);
  });
});

describe('rampart logs: national ids', () => {
  it('one logs-national-id finding per kind, masked in --redact', async () => {
    const lines = ['boot', 'cpf=52998224725', 'cliente DNI 12345678Z', 'bsn=111222334', 'cpf=52998224725'];
    const out: string[] = [];
    async function* one(): AsyncGenerator<string> {
      yield `${lines.join('\n')}\n`;
    }
    const result = await scanLogs([{ source: 'app.log', chunks: one() }], { onRedactedLine: (l) => out.push(l) });
    const f = result.findings.filter((x) => x.ruleId === 'logs-national-id');
    expect(f.map((x) => x.message).sort()).toEqual([
      'Brazilian CPF in app.log: 2 time(s), lines 2, 5',
      'Spanish DNI/NIE in app.log: 1 time(s), line 3',
    ]);
    expect(f.find((x) => x.message.startsWith('Brazilian'))?.confidence).toBe('high');
    expect(out[1]).toBe('cpf=[REDACTED:br-cpf]');
    expect(out[3]).toBe('bsn=111222334');
    expect(JSON.stringify(result.findings)).not.toContain('52998224725');
  });
});

/**
 * National identity numbers beyond the US SSN, each validated by its own rule: UK National Insurance
 * number (prefix rules), Canadian SIN (Luhn), French NIR (mod-97 key), Spanish DNI and NIE (check
 * letter), Italian codice fiscale (check character), Dutch BSN (11-proof), Indian Aadhaar (Verhoeff)
 * and Brazilian CPF (two mod-11 digits). A number that fails its check is never reported.
 *
 * A bare run of digits is everywhere in logs (ids, timestamps, byte counts) and one in ten passes a
 * Luhn or Verhoeff check by chance: bare digit forms count only next to a word that names the id
 * (`sin`, `bsn`, `cpf`, `aadhaar`...). The written forms (`046 454 286`, `123.456.789-09`,
 * `AB 12 34 56 C`, `12345678Z`) count alone; a context word raises their confidence.
 */
import { luhnValid } from './sensitive.ts';

export const NATIONAL_ID_KINDS = ['uk-nino', 'ca-sin', 'fr-nir', 'es-dni', 'it-fiscal-code', 'nl-bsn', 'in-aadhaar', 'br-cpf'] as const;
export type NationalIdKind = (typeof NATIONAL_ID_KINDS)[number];

export const NATIONAL_ID_LABELS: Record<NationalIdKind, string> = {
  'uk-nino': 'UK National Insurance number',
  'ca-sin': 'Canadian social insurance number',
  'fr-nir': 'French social security number (NIR)',
  'es-dni': 'Spanish DNI/NIE',
  'it-fiscal-code': 'Italian codice fiscale',
  'nl-bsn': 'Dutch BSN',
  'in-aadhaar': 'Indian Aadhaar number',
  'br-cpf': 'Brazilian CPF',
};

export interface NationalIdMatch {
  kind: NationalIdKind;
  start: number;
  end: number;
  value: string;
  /** A word naming the id stands just before it. */
  context: boolean;
}

// ------------------------------------------------------------------------------------------- validators

/** UK NINO: no D, F, I, Q, U, V first; no D, F, I, O, Q, U, V second; not BG, GB, KN, NK, NT, TN, ZZ; suffix A-D. */
export function ninoValid(nino: string): boolean {
  const s = nino.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{6}[A-D]$/.test(s)) return false;
  if ('DFIQUV'.includes(s[0]) || 'DFIOQUV'.includes(s[1])) return false;
  return !['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(s.slice(0, 2));
}

/** Canadian SIN: nine digits, Luhn, first digit assigned (not 0 or 8). */
export function sinValid(digits: string): boolean {
  return /^[1-79]\d{8}$/.test(digits) && luhnValid(digits);
}

/** French NIR: sex, year, month, department (2A/2B for Corsica), commune, order, then 97 - (number mod 97). */
export function nirValid(nir: string): boolean {
  const s = nir.replace(/ /g, '').toUpperCase();
  const m = /^([1-478])(\d{2})(0[1-9]|1[0-2]|[2-4]\d|[5-9]\d)(\d{2}|2[AB])(\d{3})(\d{3})(\d{2})$/.exec(s);
  if (!m) return false;
  const body = s.slice(0, 13).replace('2A', '19').replace('2B', '18');
  return 97 - Number(BigInt(body) % 97n) === Number(m[7]);
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter): the letter is the number mod 23. */
export function dniValid(id: string): boolean {
  const s = id.replace(/-/g, '').toUpperCase();
  const m = /^([XYZ]?)(\d{7,8})([A-Z])$/.exec(s);
  if (!m || (m[1] ? m[2].length !== 7 : m[2].length !== 8)) return false;
  const n = Number(`${m[1] ? 'XYZ'.indexOf(m[1]) : ''}${m[2]}`);
  return DNI_LETTERS[n % 23] === m[3];
}

// Values of the characters in odd positions (1st, 3rd...), digits and letters alike (0 = A, 1 = B...).
const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

/** Italian codice fiscale: 16 characters, the last a check letter over the first 15. */
export function fiscalCodeValid(code: string): boolean {
  const s = code.toUpperCase();
  if (!/^[A-Z]{6}[0-9LMNP-V]{2}[ABCDEHLMPRST][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = s.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 65;
    sum += i % 2 === 0 ? CF_ODD[v] : v;
  }
  return String.fromCharCode(65 + (sum % 26)) === s[15];
}

/** Dutch BSN: nine digits, 9·d1 + 8·d2 + … + 2·d8 − d9 divisible by 11 (the "11-proof"). */
export function bsnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (digits.charCodeAt(i) - 48);
  sum -= digits.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** Verhoeff checksum over a string of digits (the last one the check digit). */
export function verhoeffValid(digits: string): boolean {
  let c = 0;
  for (let i = 0; i < digits.length; i++) c = VERHOEFF_D[c][VERHOEFF_P[i % 8][digits.charCodeAt(digits.length - 1 - i) - 48]];
  return c === 0;
}

/** Indian Aadhaar: twelve digits, not starting with 0 or 1, Verhoeff. */
export function aadhaarValid(digits: string): boolean {
  return /^[2-9]\d{11}$/.test(digits) && verhoeffValid(digits);
}

/** Brazilian CPF: nine digits and two mod-11 check digits; eleven equal digits are not a CPF. */
export function cpfValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  for (const n of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (n + 1 - i) * (digits.charCodeAt(i) - 48);
    const check = ((sum * 10) % 11) % 10;
    if (check !== digits.charCodeAt(n) - 48) return false;
  }
  return true;
}

// ------------------------------------------------------------------------------------------- finding

/** Words that name a national id, looked for just before a value. */
export const NATIONAL_CONTEXT =
  /(?<![a-z])(?:sin|social[ _-]?insurance|nas|nir|insee|s[eé]cu(?:rit[eé][ _-]?sociale)?|dni|nie|nif|codice[ _-]?fiscale|cod[ _-]?fisc|fiscal[ _-]?code|cf|bsn|burgerservicenummer|sofi|aadhaa?r|uidai|cpf|nino|national[ _-]?insurance|ni[ _-]?number)(?![a-z])/i;

/** The written forms, any of which makes a line worth looking at without a context word. */
export const NATIONAL_SHAPES =
  /\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b|\d{3}[ -]\d{3}[ -]\d{3}|\b[1-478] \d{2} \d{2} |\b\d{8}-?[A-Z]\b|\b[XYZ]-?\d{7}-?[A-Z]\b|[A-Z]{6}[0-9LMNP-V]{2}[A-Z]|\d{4}[ -]\d{4}[ -]\d{4}|\d{3}\.\d{3}\.\d{3}-\d{2}/;

interface Pattern {
  kind: NationalIdKind;
  re: RegExp;
  valid: (value: string) => boolean;
  /** Whether this written form counts without a context word. */
  alone: (value: string) => boolean;
}

const digitsOnly = (v: string) => v.replace(/\D/g, '');
const hasSeparator = (v: string) => /[ .-]/.test(v);

// Not inside a longer run of digits or letters and digits.
const PATTERNS: Pattern[] = [
  {
    kind: 'uk-nino',
    re: /(?<![A-Za-z0-9])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/g,
    valid: ninoValid,
    alone: () => true,
  },
  {
    kind: 'fr-nir',
    re: /(?<![\w-])[1-478] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}(?![\w-])/g,
    valid: nirValid,
    alone: hasSeparator,
  },
  {
    kind: 'it-fiscal-code',
    re: /(?<![A-Za-z0-9])[A-Z]{6}[0-9LMNP-V]{2}[ABCDEHLMPRST][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z](?![A-Za-z0-9])/g,
    valid: fiscalCodeValid,
    alone: () => true,
  },
  {
    kind: 'es-dni',
    re: /(?<![A-Za-z0-9-])(?:[XYZ]-?\d{7}|\d{8})-?[A-Z](?![A-Za-z0-9])/g,
    valid: dniValid,
    alone: () => true,
  },
  {
    kind: 'br-cpf',
    re: /(?<![\w.-])(?:\d{3}\.\d{3}\.\d{3}-\d{2}|\d{11})(?![\w-]|\.\d)/g,
    valid: (v) => cpfValid(digitsOnly(v)),
    alone: hasSeparator,
  },
  {
    kind: 'in-aadhaar',
    re: /(?<![\w.-])(?:\d{4} \d{4} \d{4}|\d{4}-\d{4}-\d{4}|\d{12})(?![\w-]|[ .]\d)/g,
    valid: (v) => aadhaarValid(digitsOnly(v)),
    alone: hasSeparator,
  },
  {
    kind: 'ca-sin',
    re: /(?<![\w.-])(?:\d{3} \d{3} \d{3}|\d{3}-\d{3}-\d{3}|\d{9})(?![\w-]|[ .]\d)/g,
    valid: (v) => sinValid(digitsOnly(v)),
    alone: hasSeparator,
  },
  {
    kind: 'nl-bsn',
    re: /(?<![\w.-])(?:\d{4}\.\d{2}\.\d{3}|\d{9})(?![\w-]|\.\d)/g,
    valid: (v) => bsnValid(digitsOnly(v)),
    alone: () => false,
  },
];

/** Words that name each kind (a bare number needs one of its own kind's words before it). */
const KIND_WORDS: Record<NationalIdKind, RegExp> = {
  'uk-nino': /nino|national[ _-]?insurance|ni[ _-]?number/i,
  'ca-sin': /(?<![a-z])(?:sin|nas)(?![a-z])|social[ _-]?insurance/i,
  'fr-nir': /nir|insee|s[eé]cu/i,
  'es-dni': /dni|nie|nif/i,
  'it-fiscal-code': /codice|fisc|(?<![a-z])cf(?![a-z])/i,
  'nl-bsn': /bsn|burgerservice|sofi/i,
  'in-aadhaar': /aadhaa?r|uidai/i,
  'br-cpf': /cpf/i,
};

/** The 48 characters before `start` on its line: where context words are looked for. */
export function contextBefore(text: string, start: number): string {
  const s = text.slice(Math.max(0, start - 48), start);
  const nl = s.lastIndexOf('\n');
  return nl === -1 ? s : s.slice(nl + 1);
}

/**
 * Every valid national id in `text`. One value can fit several kinds: the kind its context word names
 * wins, else the first that validates in PATTERNS order.
 */
export function findNationalIds(text: string): NationalIdMatch[] {
  if (!NATIONAL_SHAPES.test(text) && !NATIONAL_CONTEXT.test(text)) return [];
  const out: NationalIdMatch[] = [];
  const taken = new Map<number, NationalIdMatch>();
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const value = m[0];
      if (!p.valid(value)) continue;
      // The word must name this kind: `bsn 046454286` is no SIN, even if its Luhn sum is right.
      const context = KIND_WORDS[p.kind].test(contextBefore(text, m.index));
      if (!context && !p.alone(value)) continue;
      const found: NationalIdMatch = { kind: p.kind, start: m.index, end: m.index + value.length, value, context };
      const prev = taken.get(m.index);
      if (prev) {
        // Same characters, two kinds: the one its context word names wins.
        if (context && !prev.context) {
          out[out.indexOf(prev)] = found;
          taken.set(m.index, found);
        }
        continue;
      }
      taken.set(m.index, found);
      out.push(found);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** `[uk-nino]`: what a report shows instead of the number. */
export function maskNationalId(m: NationalIdMatch): string {
  return `[${m.kind}]`;
}

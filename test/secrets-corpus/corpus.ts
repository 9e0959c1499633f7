// Building blocks of the labelled secrets corpus: the label format, a document builder that plants
// labelled values in realistic files and records the line each one lands on, and generators of
// format-valid FAKE secrets. Nothing generated here is, or was ever, anyone's credential.

import { createHash } from 'node:crypto';
import { crc32, makeCrc32Token } from '../../src/checks/secrets/_shared/checksum.ts';
import type { Drbg } from './keys.ts';

export interface Label {
  /** Path relative to test/secrets-corpus/data/files, forward slashes. */
  file: string;
  /** 1-based line where the value starts. */
  line: number;
  /** Last line of a value that spans lines (PEM blocks, a key file's id and key); absent for one-line values. */
  endLine?: number;
  /** What it is: a provider token kind (`github-pat`), a generic kind (`password`), or a negative kind. */
  kind: string;
  /** Where it sits: file type or structure (`env`, `postman-environment`, `notebook-output`...). */
  context: string;
  /** SHA-256 (hex) of the secret (or of the negative's value), never the value itself. */
  'secret-sha256': string;
  positive: boolean;
}

export const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');

interface Planted {
  value: string;
  secret: string;
  kind: string;
  positive: boolean;
  context?: string;
  linesBefore?: number;
}

const MARK = /@@M(\d+)@@/g;

/**
 * A file of the corpus. `p()` and `n()` return markers to put in the file's text; `render()` replaces
 * them by their values (JSON-escaped in JSON files) and computes each value's line.
 */
export class Doc {
  readonly path: string;
  readonly json: boolean;
  private readonly planted: Planted[] = [];

  constructor(path: string, json: boolean) {
    this.path = path;
    this.json = json;
  }

  /** A secret. `secret` is the part a scanner should report when `value` holds more (a password in a URL). */
  p = (kind: string, value: string, opts: { secret?: string; context?: string; linesBefore?: number } = {}): string => {
    this.planted.push({ value, secret: opts.secret ?? value, kind, positive: true, context: opts.context, linesBefore: opts.linesBefore });
    return `@@M${this.planted.length - 1}@@`;
  };

  /** A hard negative: looks like a secret, is not one. */
  n = (kind: string, value: string, opts: { context?: string } = {}): string => {
    this.planted.push({ value, secret: value, kind, positive: false, context: opts.context });
    return `@@M${this.planted.length - 1}@@`;
  };

  render(template: string, defaultContext: string): { text: string; labels: Label[] } {
    const labels: Label[] = [];
    let out = '';
    let line = 1;
    let last = 0;
    const seen = new Set<number>();
    for (const m of template.matchAll(MARK)) {
      const chunk = template.slice(last, m.index);
      out += chunk;
      line += countNewlines(chunk);
      const i = Number(m[1]);
      const p = this.planted[i];
      if (!p) throw new Error(`${this.path}: unknown marker ${m[0]}`);
      if (seen.has(i)) throw new Error(`${this.path}: marker ${m[0]} used twice`);
      seen.add(i);
      const value = this.json ? JSON.stringify(p.value).slice(1, -1) : p.value;
      if (p.positive && !value.includes(this.json ? JSON.stringify(p.secret).slice(1, -1) : p.secret)) {
        throw new Error(`${this.path}: secret not inside its value (${p.kind})`);
      }
      const span = countNewlines(value.replace(/\n$/, ''));
      const label: Label = {
        file: this.path,
        line: line - (p.linesBefore ?? 0),
        kind: p.kind,
        context: p.context ?? defaultContext,
        'secret-sha256': sha256hex(p.secret),
        positive: p.positive,
      };
      if (span > 0 || p.linesBefore) label.endLine = line + span;
      labels.push(label);
      out += value;
      line += countNewlines(value);
      last = (m.index ?? 0) + m[0].length;
    }
    out += template.slice(last);
    if (seen.size !== this.planted.length) throw new Error(`${this.path}: ${this.planted.length - seen.size} planted values not placed`);
    return { text: out, labels };
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Where a file's values sit, from its path. */
export function contextOf(path: string): string {
  const base = path.split('/').pop() ?? path;
  if (base.endsWith('.postman_environment.json') || base.endsWith('.postman_globals.json')) return 'postman-environment';
  if (base.endsWith('.postman_collection.json')) return 'postman-collection';
  if (path.includes('.github/workflows/')) return 'actions-workflow';
  if (/docker-compose|compose\.ya?ml$/.test(base)) return 'compose';
  if (base === 'Dockerfile' || base.endsWith('.Dockerfile')) return 'dockerfile';
  if (base.startsWith('.env')) return 'env';
  if (/(?:^|\/)k8s\//.test(path)) return 'kubernetes';
  if (base.endsWith('.ipynb')) return 'notebook';
  if (/\.tf(?:vars)?$/.test(base)) return 'terraform';
  if (/\.(?:pem|key|crt|asc)$/.test(base) || /^id_/.test(base)) return 'key-file';
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : base;
  return ext;
}

// --------------------------------------------------------------------------------- fake secrets

export const DIGITS = '0123456789';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const HEX = '0123456789abcdef';
export const B62 = DIGITS + UPPER + LOWER;
export const B64 = `${UPPER}${LOWER}${DIGITS}+/`;
export const B64URL = `${UPPER}${LOWER}${DIGITS}-_`;
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function bech32Polymod(values: number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((b >>> i) & 1) chk ^= gen[i];
  }
  return chk >>> 0;
}

function bech32Encode(hrp: string, data: Buffer): string {
  const words: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const byte of data) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      words.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) words.push((acc << (5 - bits)) & 31);
  const expand = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];
  const polymod = bech32Polymod([...expand, ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (polymod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...words, ...checksum].map((w) => BECH32[w]).join('')}`;
}

/** Generators of format-valid fake tokens, drawing from the corpus' seeded stream. */
export function fakes(r: Drbg) {
  /** `n` characters from `alphabet`, first and last alphanumeric (so `\b` holds at both ends). */
  const mid = (alphabet: string, n: number) => r.str(B62, 1) + r.str(alphabet, n - 2) + r.str(B62, 1);
  const digits = (n: number) => r.str('123456789', 1) + r.str(DIGITS, n - 1);
  return {
    str: (alphabet: string, n: number) => r.str(alphabet, n),
    mid,
    digits,
    hex: (n: number) => r.str(HEX, n),
    githubPat: () => makeCrc32Token('ghp', r.str(B62, 30)),
    githubOauth: () => makeCrc32Token('gho', r.str(B62, 30)),
    githubApp: () => makeCrc32Token('ghs', r.str(B62, 30)),
    githubUser: () => makeCrc32Token('ghu', r.str(B62, 30)),
    githubRefresh: () => makeCrc32Token('ghr', r.str(B62, 30)),
    githubFineGrained: () => `github_pat_11${r.str(UPPER + DIGITS, 8)}0${r.str(B62, 11)}_${r.str(B62, 59)}`,
    /** A GitHub-looking token whose CRC32 does not match. */
    githubBadChecksum: () => {
      const good = makeCrc32Token('ghp', r.str(B62, 30));
      const last = good.at(-1) === 'A' ? 'B' : 'A';
      return good.slice(0, -1) + last;
    },
    npm: () => makeCrc32Token('npm', r.str(B62, 30)),
    npmBadChecksum: () => {
      const good = makeCrc32Token('npm', r.str(B62, 30));
      return good.slice(0, -2) + (good.slice(-2) === 'zz' ? 'yy' : 'zz');
    },
    awsKeyId: (prefix = 'AKIA') => prefix + r.str('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16),
    awsSecret: () => mid(B64, 40),
    azureStorageKey: () => r.bytes(64).toString('base64'),
    azureAdClientSecret: () => `${r.str(B62, 3)}${r.str(DIGITS, 1)}Q~${mid(`${B62}_~.-`, 34)}`,
    gcpApiKey: () => `AIzaSy${mid(`${B62}_-`, 33)}`,
    slackBot: () => `xoxb-${digits(11)}-${digits(13)}-${r.str(B62, 24)}`,
    slackUser: () => `xoxp-${digits(11)}-${digits(11)}-${digits(13)}-${r.str(HEX, 32)}`,
    slackApp: () => `xapp-1-A${r.str(UPPER + DIGITS, 10)}-${digits(13)}-${r.str(HEX, 64)}`,
    slackWebhook: () => `https://hooks.slack.com/services/T${r.str(UPPER + DIGITS, 8)}/B${r.str(UPPER + DIGITS, 10)}/${r.str(B62, 24)}`,
    stripeLive: () => `sk_live_51${r.str(B62, 96)}`,
    stripeRestricted: () => `rk_live_51${r.str(B62, 96)}`,
    stripePublishable: () => `pk_live_51${r.str(B62, 96)}`,
    twilioApiKey: () => `SK${r.str(HEX, 32)}`,
    twilioAccountSid: () => `AC${r.str(HEX, 32)}`,
    sendgrid: () => `SG.${mid(`${B62}_-`, 22)}.${mid(`${B62}_-`, 43)}`,
    openaiLegacy: () => `sk-${r.str(B62, 20)}T3BlbkFJ${r.str(B62, 20)}`,
    openaiProject: () => `sk-proj-${mid(B64URL, 74)}T3BlbkFJ${mid(B64URL, 74)}`,
    anthropic: () => `sk-ant-api03-${mid(B64URL, 93)}AA`,
    huggingface: () => `hf_${r.str(UPPER + LOWER, 34)}`,
    postman: () => `PMAK-${r.str(HEX, 24)}-${r.str(HEX, 34)}`,
    shopifyAccess: () => `shpat_${r.str(HEX, 32)}`,
    shopifyShared: () => `shpss_${r.str(HEX, 32)}`,
    gitlabPat: () => `glpat-${mid(`${B62}_-`, 20)}`,
    gitlabTrigger: () => `glptt-${r.str(HEX, 40)}`,
    gitlabRunner: () => `glrt-${mid(`${B62}_-`, 20)}`,
    digitalocean: () => `dop_v1_${r.str(HEX, 64)}`,
    doppler: () => `dp.pt.${r.str(B62, 43)}`,
    linear: () => `lin_api_${r.str(B62, 40)}`,
    pypi: () => `pypi-AgEIcHlwaS5vcmc${mid(B64URL, 150)}`,
    databricks: () => `dapi${r.str(HEX, 32)}`,
    newrelic: () => `NRAK-${r.str(UPPER + DIGITS, 27)}`,
    telegram: () => `${digits(10)}:AA${mid(B64URL, 33)}`,
    grafana: () => `glsa_${r.str(B62, 32)}_${r.str(HEX, 8)}`,
    age: () => bech32Encode('age-secret-key-', r.bytes(32)).toUpperCase(),
    pulumi: () => `pul-${r.str(HEX, 40)}`,
    vault: () => `hvs.CAESI${mid(`${B62}_-`, 86)}`,
    alibaba: () => `LTAI${r.str(B62, 20)}`,
    mailgun: () => `key-${r.str(HEX, 32)}`,
    mailchimp: () => `${r.str(HEX, 32)}-us${r.str('123456789', 1)}${r.str(DIGITS, 1)}`,
    sendinblue: () => `xkeysib-${r.str(HEX, 64)}-${r.str(B62, 16)}`,
    planetscale: () => `pscale_tkn_${mid(`${B62}_`, 43)}`,
    dynatrace: () => `dt0c01.${r.str(UPPER + DIGITS, 24)}.${r.str(UPPER + DIGITS, 64)}`,
    /** Atlassian API tokens end in the CRC32 (8 uppercase hex digits) of everything before it. */
    atlassian: () => {
      const body = `ATATT3xFfGF0${mid(B64URL, 171)}=`;
      return `${body}${crc32(body).toString(16).toUpperCase().padStart(8, '0')}`;
    },
    heroku: () => `HRKU-AA${mid(`${B62}_-`, 58)}`,
    square: () => `EAAA${mid(B64URL, 60)}`,
    rubygems: () => `rubygems_${r.str(HEX, 48)}`,
    prefect: () => `pnu_${r.str(B62, 36)}`,
    easypost: () => `EZAK${r.str(B62, 54)}`,
    terraformCloud: () => `${r.str(LOWER + DIGITS, 14)}.atlasv1.${mid(`${B62}-_`, 67)}`,
    clojars: () => `CLOJARS_${r.str(LOWER + DIGITS, 60)}`,
    /** A strong random password: letters, digits and a few symbols, as password managers make them. */
    password: (n = 20) => {
      for (;;) {
        const s = r.str(`${B62}!#%^*_+-=.`, n);
        if (/[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s) && /^[A-Za-z0-9]/.test(s) && /[A-Za-z0-9]$/.test(s)) return s;
      }
    },
    /** A URL-safe random password (for connection strings: no characters that need escaping). */
    urlPassword: (n = 24) => {
      for (;;) {
        const s = r.str(B62, n);
        if (/[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s)) return s;
      }
    },
    uuid: () => {
      const h = r.str(HEX, 32).split('');
      h[12] = '4';
      h[16] = '89ab'[r.int(4)];
      const s = h.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
    base64: (bytes: number) => r.bytes(bytes).toString('base64'),
    base64url: (bytes: number) => r.bytes(bytes).toString('base64url'),
    pick: <T>(items: readonly T[]) => r.pick(items),
    int: (n: number) => r.int(n),
    bytes: (n: number) => r.bytes(n),
  };
}

export type Fakes = ReturnType<typeof fakes>;

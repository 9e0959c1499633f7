/**
 * Reading a private key block found by the private-key rules: its body must be real key material (a long
 * run of base64 with some entropy, not `...` or `<your key>`), and whether it is encrypted decides the
 * rule (an encrypted key still needs its passphrase: lower severity).
 */
import { entropy } from '../../../engines/secrets/redact.ts';

const B64 = /^[A-Za-z0-9+/=]*$/;

/** Armor/PEM headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: ...`, `Comment: ...`) are not key material. */
const HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]{1,40}:/;

export interface KeyBlock {
  kind: 'pem' | 'ppk';
  /** The base64 key material, without headers, whitespace, quotes or escaped newlines. */
  body: string;
  encrypted: boolean;
}

/** Text of the block with JSON/code escapes (`\n`, `\r`) turned back into line breaks. */
function unescapeBreaks(block: string): string {
  return block.includes('\\') ? block.replace(/\\r/g, '\r').replace(/\\n/g, '\n').replace(/\\\//g, '/') : block;
}

function pemBody(block: string): { body: string; headers: string[] } | undefined {
  const text = unescapeBreaks(block);
  const first = text.indexOf('-----', 5);
  const last = text.lastIndexOf('-----END');
  if (first < 0 || last < 0) return undefined;
  const headers: string[] = [];
  let body = '';
  for (const raw of text.slice(first + 5, last).split('\n')) {
    // Keys pasted into code as concatenated string literals: `"MIIE..." +`.
    const line = raw.replace(/^[\s"'`]+|[\s"'`+,;]+$/g, '');
    if (!line) continue;
    if (HEADER_LINE.test(line)) {
      headers.push(line);
      continue;
    }
    body += line;
  }
  return { body, headers };
}

/** The cipher an OpenSSH key (`openssh-key-v1`) names: `none` when the key is in clear. */
function opensshCipher(body: string): string | undefined {
  const bytes = Buffer.from(body, 'base64');
  const magic = 'openssh-key-v1\0';
  if (bytes.length < magic.length + 8 || bytes.toString('latin1', 0, magic.length) !== magic) return undefined;
  const len = bytes.readUInt32BE(magic.length);
  if (len > 64 || magic.length + 4 + len > bytes.length) return undefined;
  return bytes.toString('latin1', magic.length + 4, magic.length + 4 + len);
}

/**
 * Real key material: at least 60 base64 characters (an Ed25519 PKCS#8 key is 64) of base64 only, with
 * at least 4 bits of entropy per character (random key bytes give 5.5 to 6; a body of repeated or
 * sequential characters does not reach 4).
 */
function plausible(body: string): boolean {
  return body.length >= 60 && B64.test(body) && entropy(body) >= 4;
}

export function readKeyBlock(block: string): KeyBlock | undefined {
  if (block.startsWith('PuTTY-User-Key-File-')) {
    const text = unescapeBreaks(block);
    const enc = /\nEncryption: ([^\r\n]{1,40})/.exec(text)?.[1]?.trim();
    const priv = text.indexOf('Private-Lines:');
    if (!enc || priv < 0) return undefined;
    const body = text.slice(text.indexOf('\n', priv) + 1, text.lastIndexOf('Private-MAC:')).replace(/\s+/g, '');
    if (!plausible(body)) return undefined;
    return { kind: 'ppk', body, encrypted: enc !== 'none' };
  }
  const parsed = pemBody(block);
  if (!parsed || !plausible(parsed.body)) return undefined;
  const type = /-----BEGIN ([A-Z0-9 ]{0,40})-----/.exec(block)?.[1] ?? '';
  let encrypted = type.startsWith('ENCRYPTED') || parsed.headers.some((h) => /^Proc-Type:\s*4,\s*ENCRYPTED/i.test(h));
  if (type.startsWith('OPENSSH')) {
    // A body that does not decode to the openssh-key-v1 layout is still read as a key in clear.
    const cipher = opensshCipher(parsed.body);
    encrypted = cipher !== undefined && cipher !== 'none';
  }
  return { kind: 'pem', body: parsed.body, encrypted };
}

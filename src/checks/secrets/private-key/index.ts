import type { SecretRule } from '../../../engines/secrets/types.ts';
import { readKeyBlock } from './pem.ts';
import * as k from './samples.ts';

/**
 * Private keys: PEM blocks (PKCS#1 `RSA`, SEC1 `EC`, `DSA`, PKCS#8 `PRIVATE KEY` and `ENCRYPTED PRIVATE
 * KEY`, `OPENSSH PRIVATE KEY`; RFC 7468 and OpenSSH's PROTOCOL.key), PGP secret key blocks (RFC 4880
 * armor) and PuTTY `.ppk` files. Blocks span lines, and are also found inside JSON strings where line
 * breaks are `\n` escapes (Google service-account files, Postman variables). Public keys and
 * certificates do not match: the pattern requires `PRIVATE KEY`.
 *
 * The pattern runs only at a `-----BEGIN ... PRIVATE KEY-----` or `PuTTY-User-Key-File-` and stops at
 * the first matching END within 16 KB (an 8192-bit RSA key is about 6.3 KB). `readKeyBlock` then asks
 * for real key material and decides whether the key is encrypted.
 */
const PEM_OR_PPK =
  /(?<secret>-----BEGIN (?<kind>(?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?)PRIVATE KEY-----[\s\S]{40,16384}?-----END \k<kind>PRIVATE KEY-----|PuTTY-User-Key-File-[23]: [A-Za-z0-9@.-]{3,40}\r?\nEncryption: [a-z0-9-]{3,30}\r?\n[\s\S]{20,16384}?Private-MAC: [0-9a-fA-F]{40,64})/;

const rotateKey =
  'Treat the key as compromised: generate a new key pair, replace the public half wherever it is trusted (authorized_keys, the cloud console, the certificate authority), remove the old one, and load the private key from a secret manager or a file outside the repository.';

const jsonEscaped = (pem: string) => pem.replace(/\n/g, '\\n');

const placeholders = [
  '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
  '-----BEGIN PRIVATE KEY-----\n<your private key here, base64 encoded, several lines long>\n-----END PRIVATE KEY-----',
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC...\n-----END PRIVATE KEY-----',
  '-----BEGIN EC PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END EC PRIVATE KEY-----',
];

const rules: SecretRule[] = [
  {
    id: 'private-key',
    title: 'Private key (PEM, OpenSSH or PuTTY) in clear',
    provider: 'Private key',
    severity: 'critical',
    confidence: 'high',
    keywords: ['private key', 'putty-user-key-file'],
    pattern: PEM_OR_PPK,
    validate: (s) => readKeyBlock(s)?.encrypted === false,
    remediation: rotateKey,
    cwe: ['CWE-321', 'CWE-798'],
    samples: {
      tp: [
        { text: k.RSA_PKCS1, secret: k.RSA_PKCS1 },
        { text: `# deploy key\n${k.OPENSSH_ED25519}\n`, secret: k.OPENSSH_ED25519 },
        { text: `ssl:\n  key: |\n    ${k.EC_SEC1.replace(/\n/g, '\n    ')}\n`, secret: k.EC_SEC1.replace(/\n/g, '\n    ') },
        { text: k.DSA, secret: k.DSA },
        {
          text: `{"type": "service_account", "private_key_id": "3f1c", "private_key": "${jsonEscaped(k.PKCS8_ED25519)}\\n", "client_email": "svc@proj.iam.gserviceaccount.com"}`,
          secret: jsonEscaped(k.PKCS8_ED25519),
        },
        { text: k.PPK, secret: k.PPK },
      ],
      fp: [
        k.PUBLIC_KEY,
        k.CERTIFICATE,
        k.SSH_PUBLIC,
        ...placeholders,
        // Parsers and docs that name the markers without a key between them.
        "if (pem.startsWith('-----BEGIN PRIVATE KEY-----')) { return parse(pem) } // ... '-----END PRIVATE KEY-----'",
        // Encrypted keys belong to private-key-encrypted.
        k.PKCS8_ENCRYPTED,
        k.RSA_LEGACY_ENCRYPTED,
        k.OPENSSH_ENCRYPTED,
        k.PPK_ENCRYPTED,
      ],
    },
  },
  {
    id: 'private-key-encrypted',
    title: 'Passphrase-protected private key',
    provider: 'Private key',
    severity: 'medium',
    confidence: 'high',
    keywords: ['private key', 'putty-user-key-file'],
    pattern: PEM_OR_PPK,
    validate: (s) => readKeyBlock(s)?.encrypted === true,
    remediation:
      'The key is encrypted, but anyone with the file can try passphrases offline for as long as they like: rotate it if the passphrase is weak or was ever stored near it, and keep private keys out of the repository (a secret manager or a file outside the tree).',
    cwe: ['CWE-321'],
    samples: {
      tp: [
        { text: k.PKCS8_ENCRYPTED, secret: k.PKCS8_ENCRYPTED },
        { text: k.RSA_LEGACY_ENCRYPTED, secret: k.RSA_LEGACY_ENCRYPTED },
        { text: k.OPENSSH_ENCRYPTED, secret: k.OPENSSH_ENCRYPTED },
        { text: k.PPK_ENCRYPTED, secret: k.PPK_ENCRYPTED },
      ],
      fp: [k.RSA_PKCS1, k.OPENSSH_ED25519, k.PPK, k.PUBLIC_KEY, ...placeholders],
    },
  },
  {
    id: 'pgp-private-key',
    title: 'PGP private key block',
    provider: 'PGP',
    severity: 'critical',
    confidence: 'high',
    keywords: ['pgp private key block'],
    pattern: /(?<secret>-----BEGIN PGP PRIVATE KEY BLOCK-----[\s\S]{40,65536}?-----END PGP PRIVATE KEY BLOCK-----)/,
    validate: (s) => readKeyBlock(s) !== undefined,
    remediation:
      'Revoke the key (publish its revocation certificate to the keyservers and to everyone who trusts it), create a new key, and keep the secret key in a keyring or hardware token, never in the repository.',
    cwe: ['CWE-321', 'CWE-798'],
    samples: {
      tp: [
        { text: k.PGP, secret: k.PGP },
        { text: `"signing_key": "${jsonEscaped(k.PGP)}"`, secret: jsonEscaped(k.PGP) },
      ],
      fp: [
        k.PGP.replace(/PRIVATE KEY BLOCK/g, 'PUBLIC KEY BLOCK'),
        '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n[your exported key]\n-----END PGP PRIVATE KEY BLOCK-----',
      ],
    },
  },
];

export default rules;

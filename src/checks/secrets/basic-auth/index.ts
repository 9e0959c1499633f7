import { entropy } from '../../../engines/secrets/redact.ts';
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { isRealPassword } from '../_shared/passwords.ts';
import { at } from '../_shared/sample.ts';

/**
 * HTTP Basic credentials (RFC 7617): an `Authorization: Basic <base64(user:password)>` value, and the
 * same pair given to curl with `-u user:password` / `--user user:password`.
 *
 * A Basic value is reported only when it is strict base64 of printable text holding a colon, and the
 * pair is not a documentation sample: RFC 7617's `Aladdin:open sesame`, `user:password`, a password
 * equal to the user name, placeholders. With an empty password (`apikey:`, the form Stripe, Mailgun and
 * others use), the user name is the credential and must look random (16+ characters, 3.5+ bits each).
 */

// RFC 7617's Aladdin, RFC 6749's sample client (s6BhdRkqt3:gX1fBat3bV) and the usual stand-ins.
const DOC_PAIRS = new Set([
  'aladdin:open sesame',
  'aladdin:opensesame',
  's6bhdrkqt3:gx1fbat3bv',
  'username:password',
  'user:password',
  'user:pass',
  'login:password',
  'admin:password',
]);

function printable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0xfffd) return false;
  }
  return true;
}

/** The user and password of a credential pair, if it is one someone really uses. */
export function realPair(user: string, password: string): boolean {
  if (DOC_PAIRS.has(`${user}:${password}`.toLowerCase()) || DOC_PAIRS.has(`${user}:${password}`.toLowerCase().replace(/ /g, '')))
    return false;
  if (password === '') return user.length >= 16 && entropy(user) >= 3.5 && isRealPassword(user);
  if (password === user) return false;
  return isRealPassword(password);
}

export function decodeBasic(value: string): { user: string; password: string } | undefined {
  const buf = Buffer.from(value, 'base64');
  // Strict: the value must be exactly the base64 of what it decodes to.
  if (buf.toString('base64').replace(/=+$/, '') !== value.replace(/=+$/, '')) return undefined;
  const text = buf.toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0 || !printable(text)) return undefined;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

const revoke =
  'Change the password (or revoke the API key) in the header, and have the client read its credentials from the environment or a secret manager at run time: base64 is an encoding, not encryption.';

const rules: SecretRule[] = [
  {
    id: 'basic-auth-header',
    title: 'HTTP Basic credentials in an Authorization value',
    provider: 'HTTP Basic auth',
    severity: 'high',
    confidence: 'high',
    keywords: ['basic'],
    pattern: /(?<![A-Za-z0-9_-])[Bb][Aa][Ss][Ii][Cc][ \t]{1,4}(?<secret>[A-Za-z0-9+/]{6,400}={0,2})(?![A-Za-z0-9+/=_-])/,
    validate: (s) => {
      const pair = decodeBasic(s);
      return pair !== undefined && realPair(pair.user, pair.password);
    },
    remediation: revoke,
    cwe: ['CWE-798', 'CWE-522'],
    samples: {
      tp: [
        { text: `Authorization: Basic ${b64('svc-reports:Kq82!xWz0Lm')}`, secret: b64('svc-reports:Kq82!xWz0Lm') },
        { text: `headers: { Authorization: 'Basic ${b64('ops@acme.io:Tz9#wq4PmX')}' }`, secret: b64('ops@acme.io:Tz9#wq4PmX') },
        {
          text: `"Authorization": "basic ${b64('key-3f9a1c7e5b2d4a6f8e0c1b3d5f7a9c2e:')}"`,
          secret: b64('key-3f9a1c7e5b2d4a6f8e0c1b3d5f7a9c2e:'),
        },
      ],
      fp: [
        'Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
        `Authorization: Basic ${b64('username:password')}`,
        `Authorization: Basic ${b64('admin:admin')}`,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder being tested
        `Authorization: Basic ${b64('${USER}:${PASS}')}`,
        'WWW-Authenticate: Basic realm="api", charset="UTF-8"',
        'The API uses Basic authentication over TLS.',
        'Authorization: Basic <base64(user:password)>',
        'Authorization: Basic {{basicAuth}}',
        `Authorization: Basic ${b64('apikey:')}`,
      ],
    },
  },
  {
    id: 'curl-basic-auth',
    title: 'Password given to curl with -u user:password',
    provider: 'HTTP Basic auth',
    severity: 'high',
    confidence: 'high',
    keywords: ['curl'],
    // `curl`, then (on the same command, `\`-continued lines included) `-u`/`--user` and the pair.
    pattern:
      /\bcurl\b(?:[^\r\n]|\\\r?\n){0,600}?[\s'"](?:-u|--user)(?:[ \t]{1,4}|=)(?<q>["']?)(?<user>[^\s:'"]{1,128}):(?<secret>[^\s'"]{1,128})\k<q>(?=[\s;|&)]|$)/,
    validate: (s) => isRealPassword(s),
    remediation: revoke,
    cwe: ['CWE-798', 'CWE-522'],
    samples: {
      tp: [
        at('curl -s -u deploy:§ https://ci.acme.io/api/json', 'Wx7!pQ2zKm'),
        at('curl -X POST \\\n  --user "reporter:§" \\\n  https://api.acme.io/v1/reports', 'b8Tq3mZ1wR'),
        at("curl --user=ops:§ 'https://jenkins.acme.io/job/x/build'", 'N4f!k8Qz2w'),
      ],
      fp: [
        'curl -u user:password https://api.example.com',
        'curl -u "$API_USER:$API_PASSWORD" https://api.acme.io',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder being tested
        'curl -u ${USER}:${TOKEN} https://api.acme.io',
        'curl -u admin:admin http://localhost:8080',
        'curl -u <username>:<password> https://api.acme.io',
        'curl https://api.stripe.com/v1/charges -u sk_test_4eC39HqLyjWDarjtT1zdp7dc:',
        'mysql -u root:ignored -p',
      ],
    },
  },
];

export default rules;

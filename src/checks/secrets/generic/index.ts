import type { SecretRule } from '../../../engines/secrets/types.ts';
import { isRealPassword } from '../_shared/passwords.ts';
import { at } from '../_shared/sample.ts';
import { isGenericPassword, isGenericSecret, PASSWORD_MIN_ENTROPY, SECRET_MIN_ENTROPY } from './values.ts';

/**
 * Generic assignments: a value given to a credential-named key, in the syntaxes secrets are written in:
 * code (`API_TOKEN = "v"`, `apiKey: 'v'`, `token := "v"`, `String password = "v"`, `api_key: str = "v"`,
 * `getenv("API_TOKEN", "v")`, `headers['Authorization'] = 'Bearer v'`), JSON, YAML, `.env`, `.properties`,
 * `.ini`, XML elements and attributes (`<password>v</password>`, `<add key="ApiKey" value="v"/>`).
 *
 * Key and value must sit on the same line (structure-aware extractors bring split ones together). The
 * key names a credential, and names that hold something else are left out: hashes and digests
 * (`password_hash`, `token_sha256`), URLs, paths, names, types, lengths, policies and expiries
 * (`token_url`, `secret_name`, `password_min_length`), and tokens that are not credentials (pagination
 * cursors `next_token`/`page_token`, CSRF tokens, public and publishable keys, idempotency keys).
 *
 * The value must then look like something a person or a generator put there (values.ts): not code, a
 * variable reference (`process.env.X`, `os.environ[...]`, `${VAR}`, `${{ secrets.X }}`, `{{var}}`,
 * `{{vault:...}}`, `%(var)s`, `$VAR`), a placeholder, a UUID, an SRI or lockfile integrity value, a data:
 * URI, a boolean, a number, a path or a URL; with letters and digits and an entropy floor
 * (SECRET_MIN_ENTROPY = 3.2 bits per character for tokens and keys, PASSWORD_MIN_ENTROPY = 2.5 for
 * passwords, which people choose).
 */

/** `hash` -> `[Hh][Aa][Ss][Hh]`: a case-insensitive word inside a case-sensitive pattern. */
function ci(word: string): string {
  let out = '';
  for (const ch of word) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    out += lo === up ? ch : `[${up}${lo}]`;
  }
  return out;
}

const title = (w: string) => w[0].toUpperCase() + w.slice(1);

/**
 * A credential word in the casings names are written in, and only those: `api_key`, `apiKey`, `ApiKey`,
 * `APIKey`, `API_KEY`, `Api-Key`; never a mix such as `TokEn` (which is how `lastTokEnd` is not a token).
 * Words of several parts take an optional `_`, `-` or `.` between parts.
 */
function word(...parts: string[]): string {
  const sep = parts.length > 1 ? '[_.-]?' : '';
  const forms = new Set([
    parts.join(sep),
    `${parts.map((p) => p.toUpperCase()).join(sep)}(?![A-Z])`,
    parts.map(title).join(sep),
    [parts[0], ...parts.slice(1).map(title)].join(sep),
    [parts[0].toUpperCase(), ...parts.slice(1).map(title)].join(sep),
  ]);
  return `(?:${[...forms].join('|')})`;
}

/** A short word (`pwd`, `pass`, `auth`) only at the start of a name or of a camelCase part: not `oauth`, `bypass`. */
function shortWord(w: string): string {
  const up = `${w.toUpperCase()}(?![A-Z])`;
  return `(?:(?<![A-Za-z])(?:${w}|${title(w)}|${up})|(?<=[a-z0-9])(?:${title(w)}|${up}))`;
}

/** Names that hold something other than the credential itself, after the credential word. */
const NOT_CREDENTIAL_SUFFIX = [
  'hash',
  'hashed',
  'digest',
  'sha1',
  'sha256',
  'sha512',
  'sha',
  'md5',
  'checksum',
  'salt',
  'url',
  'uri',
  'endpoint',
  'host',
  'path',
  'file',
  'dir',
  'name',
  'type',
  'id',
  'ids',
  'len',
  'length',
  'size',
  'count',
  'min',
  'max',
  'field',
  'label',
  'placeholder',
  'hint',
  'prompt',
  'title',
  'text',
  'message',
  'msg',
  'error',
  'regex',
  'pattern',
  'prefix',
  'suffix',
  'header',
  'policy',
  'rule',
  'ttl',
  'timeout',
  'expiry',
  'expires',
  'expiration',
  'expire',
  'lifetime',
  'age',
  'format',
  'encoding',
  'encryption',
  'algorithm',
  'algo',
  'scheme',
  'cipher',
  'mechanism',
  'version',
  'enabled',
  'required',
  'mode',
  'method',
  'source',
  'store',
  'provider',
  'env',
  'var',
  'index',
  'column',
  'param',
  'attribute',
  'location',
  'ref',
  'arn',
  'keyid',
  'key_id',
  'manager',
  'strength',
  'validation',
  'confirm',
  'reset',
  'changed',
  'updated',
  'created',
]
  .map(ci)
  .join('|');

/** Tokens and keys that are not credentials, before the credential word. */
const NOT_CREDENTIAL_PREFIX = [
  'csrf',
  'xsrf',
  'next',
  'page',
  'pagination',
  'continuation',
  'cursor',
  'sync',
  'resume',
  'public',
  'publishable',
  'idempotency',
  'sort',
  'primary',
  'foreign',
]
  .map(ci)
  .join('|');

/**
 * Separators between key and value: `=`, `:=`, `:`, `=>`, `:` with a type (`: str =`), XML `>`,
 * ` value=` (XML attributes), and `, ` before a quoted value (call arguments: `getenv("TOKEN", "v")`).
 */
const SEP = `(?::[ \\t]{0,2}(?:str|string|String)\\??[ \\t]{0,2}=|[ \\t]{1,3}${ci('value')}[ \\t]{0,2}=|:=|=>|=|:|>|,(?=[ \\t]{0,3}["'\`]))`;

/** What may follow the value: a quote, white space, punctuation that ends it, an escaped newline, the end. */
const TERM = '(?=[\\s"\'`,;)}\\]<>&|#/]|\\\\[nrt]|$)';

/**
 * The value, quoted or not, with an optional `Bearer `/`Token ` scheme word before it. Brackets, `,`, `;`,
 * `<` and `>` belong to a quoted value only (Django's `SECRET_KEY = '...(...)...'`); unquoted, they end
 * it (code, YAML flow mappings). An `&` belongs to the value unless the next query parameter starts
 * there (`?key=v&cal=1`, `?key=v&flag`).
 */
const VALUE = `[ \\t]{0,16}(?<q>["'\`]?)(?:(?:${ci('bearer')}|${ci('token')})[ \\t]{1,3})?(?<secret>(?:[^\\s"'\`<>(){}\\[\\],;\\\\&]|(?<=(?:[=:>,]|=>)[ \\t]{0,16}["'\`][^\\s"'\`]{0,400})[<>(){}\\[\\],;]|&(?![A-Za-z_][\\w.-]{0,40}(?:[="'\\s]|$))){6,400})\\k<q>${TERM}`;

function assignment(keyword: string): RegExp {
  return new RegExp(
    `${keyword}(?![a-z])(?![\\w.-]{0,24}?(?:${NOT_CREDENTIAL_SUFFIX})s?["'\\]]{0,2}[ \\t]{0,40}${SEP})[\\w.-]{0,24}["'\\]]{0,2}[ \\t]{0,40}${SEP}${VALUE}`,
  );
}

const PASSWORD_KEY = `(?:${word('password')}|${word('passwd')}|${word('passphrase')}|${shortWord('pwd')}|${shortWord('pass')})`;
const CREDENTIAL_WORDS = [
  word('secret'),
  word('token'),
  word('api', 'key'),
  word('access', 'key'),
  word('private', 'key'),
  word('signing', 'key'),
  word('encryption', 'key'),
  word('master', 'key'),
  word('hmac', 'key'),
  word('session', 'key'),
  word('app', 'key'),
  word('credentials'),
  word('credential'),
  word('authorization'),
  shortWord('auth'),
];
const SECRET_KEY = `(?:${CREDENTIAL_WORDS.join('|')})(?<!(?:(?:${NOT_CREDENTIAL_PREFIX})[_.-]?|(?:${ci('csrf')}|${ci('xsrf')})[\\w.-]{0,24})(?:${CREDENTIAL_WORDS.slice(0, 12).join('|')}))`;

/** Words a Terraform variable holding a credential is named with. */
const TF_NAME = `[\\w-]{0,40}(?:${['password', 'passwd', 'secret', 'token', 'api_key', 'apikey', 'access_key', 'private_key', 'credential'].map(ci).join('|')})[\\w-]{0,30}`;

/** Command-line tools that take a password as an argument, and how each spells it. */
const CLI_PASSWORD_FLAGS = [
  '\\bsshpass[ \\t]+-p[ \\t]*',
  // mysql reads `-p secret` as "prompt, then database `secret`": only `-psecret` and `--password=secret`.
  '\\bmysql(?:dump|admin|import|sh)?\\b[^\\r\\n|;&]{0,120}?[ \\t](?:-p|--password=)',
  '\\b(?:docker|podman|nerdctl|buildah|skopeo|helm|oras)[ \\t]+(?:registry[ \\t]+)?login\\b[^\\r\\n|;&]{0,200}?[ \\t](?:-p[ \\t]{1,4}|--password(?:[ \\t]{1,4}|=))',
  '\\bredis-cli\\b[^\\r\\n|;&]{0,120}?[ \\t](?:-a[ \\t]{1,4}|--pass[ \\t]{1,4})',
  '\\bmongo(?:sh|dump|restore|import|export)?\\b[^\\r\\n|;&]{0,120}?[ \\t](?:-p[ \\t]{1,4}|--password(?:[ \\t]{1,4}|=))',
];
const REGISTRY_LOGIN = '(?:sudo[ \\t]+)?(?:docker|podman|nerdctl|buildah|skopeo|helm|oras)[ \\t]+(?:registry[ \\t]+)?login\\b';

const cliRemediation =
  'Change the password, and pass it without putting it on the command line, where shell history, CI logs and `ps` show it: an environment variable the tool reads (MYSQL_PWD, REDISCLI_AUTH, SSHPASS), `--password-stdin` fed from a secret store, or a credentials file outside the repository.';

const rules: SecretRule[] = [
  {
    id: 'generic-password',
    title: 'Hard-coded password',
    provider: 'Generic',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['pass', 'pwd'],
    pattern: assignment(PASSWORD_KEY),
    minEntropy: PASSWORD_MIN_ENTROPY,
    validate: isGenericPassword,
    remediation:
      'Change the password where it is used, then read it at run time from the environment or a secret manager (Vault, AWS Secrets Manager, Azure Key Vault, Kubernetes Secrets) instead of writing it into code or config.',
    cwe: ['CWE-798', 'CWE-259'],
    samples: {
      tp: [
        at('spring.datasource.password=§', 'Tr0ub4dor&3'),
        at('  password: §\n', 'Kp7#vQ2mWx'),
        at('DB_PASSWORD="§"', 'nX4!rT8zQw2'),
        at('String password = "§";', 'Summer2024!'),
        at('[database]\npasswd = §\n', 'hunter22'),
        at('<password>§</password>', 'W9x$kLp2Qz'),
        at('<add key="SmtpPassword" value="§" />', 'mQ7!zR2pXw'),
        at('{"username": "svc", "password": "§"}', 'Zk3$Lq9wPm'),
        at('MYSQL_ROOT_PASS=§', 'g8Tq2!mZrW'),
        at('db_pwd: "§"', 'Rx8vK2qmW4'),
        at('db_password          = "§"', 'uB1s4I6ZQ^^VzZ%W2W57'),
      ],
      fp: [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder being tested
        'password: ${DB_PASSWORD}',
        'password = os.environ["DB_PASSWORD"]',
        'const password = process.env.DB_PASSWORD;',
        'password: "{{ vault_db_password }}"',
        "password = '%(db_password)s'",
        'password: changeme',
        'password = "password123"',
        'password: "<your-password>"',
        'password: "********"',
        'password_hash = "$2b$12$KIXQJ8gZ3q5m1a2b3c4d5eO9pQrStUvWxYz0123456789abcdefgh"',
        'PASSWORD_MIN_LENGTH = 12',
        'password: string;',
        'password: z.string().min(8)',
        'def login(username, password=None):',
        'if (password === confirmPassword) {',
        '"passwordPlaceholder": "Enter your password",',
        '<string name="password">Passwort</string>',
        'password: !vault |',
        'password = ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)',
        'export DB_PASSWORD=$(cat /run/secrets/db_password)',
        'password = user.password',
        'bypass = 12345678',
        'password: P@ssw0rd',
        'password_file: /run/secrets/db.txt',
        'resetPasswordUrl: https://acme.io/reset',
      ],
    },
  },
  {
    id: 'generic-secret',
    title: 'Hard-coded secret, token or API key',
    provider: 'Generic',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['secret', 'token', 'key', 'auth', 'credential'],
    pattern: assignment(SECRET_KEY),
    minEntropy: SECRET_MIN_ENTROPY,
    validate: isGenericSecret,
    remediation:
      'Revoke the token or key with the service that issued it, create a new one, and read it at run time from the environment or a secret manager instead of writing it into code or config.',
    cwe: ['CWE-798'],
    samples: {
      tp: [
        at('API_KEY=§', '7f3e9a1c5b2d8e4f6a0c3b5d7e9f1a2c'),
        at("SECRET_KEY = '§'", '!s6)jbw2gjl)3i70i(26^#))vb^+d392g4+yfwe(5fg-qycmfk'),
        at('client_secret: "§"', 'q8Wz2LpX4mRt7VnK9sYb3cJd'),
        at("const apiKey = '§';", 'Zx81Lq0pWm3tKr72Nb5v'),
        at('"auth_token": "§",', 'a7F2kQ9zXm4Lp8Rw3Tn6Vb1c'),
        at('SECRET_KEY_BASE=§', 'c91f0d6e8b2a4f7d3e5c1b9a0f8e6d4c2b7a5f3e1d9c8b6a4f2e0d7c5b3a1f9e'),
        at("headers['Authorization'] = 'Bearer §'", 'mF83kQz1Lp0xW7tR5nV2bY9c'),
        at('token := "§"', 'e4Rk9Lq2Xz7mWp3Tn8Vb5c1Y'),
        at('HMAC_KEY=§', 'f92839ba6975ef3fe3406a192afd1b1ac504ba9b'),
        at('api_key: str = "§"', 'Pq7Xk2mZ9wL4rT8nV3bY6cJ1'),
        at('<add key="PaymentApiKey" value="§"/>', 'kR82mXq0ZpL5tW9nV3bY7cJ4'),
        at('os.getenv("SERVICE_TOKEN", "§")', 'Lm4Xq8Zk2pW7rT1nV5bY9cJ3'),
        at('_auth=§', 'ZGVwbG95OlE4dzJMcFg0bVJ0N1Zu'),
        at('-H "Authorization: Bearer §" \\', 'Wq2Lx9Zk4mP8rT3nV7bY1cJ6'),
      ],
      fp: [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder being tested
        'token: ${{ secrets.GITHUB_TOKEN }}',
        'API_KEY={{api_key}}',
        'api_key: "{{vault:secret/data/api#key}}"',
        'const apiKey = process.env.API_KEY;',
        'API_KEY=YOUR_API_KEY_HERE',
        'api_key = "xxxxxxxxxxxxxxxxxxxxxxxx"',
        'token = "<token>"',
        'secret_key = "sample-secret-key-1234"',
        'token_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"',
        'secret_hash: 5d41402abc4b2a76b9719d911017c592',
        '"integrity": "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXFgA0iGm9iWgHhxqTDaUlZf0Z6Rw=="',
        'api_key = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"',
        'token: data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk',
        'token_url: https://auth.acme.io/oauth/token',
        'secret_name: prod/billing/stripe-key-2',
        'next_token = "AAAAAQEBAwFhY2tub3dsZWRnZWQ5MjAyNA"',
        'csrf_token = "k8Wq2Lp9Xz4mRt7Vn3bY6cJ1"',
        'publishable_key: pk_live_51HxYzAbCdEfGhIjKl',
        'tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")',
        'auth: true',
        'author = "Jane Doe 1984"',
        'secretKeyRef: {name: db-secret, key: password}',
        'access_key_id: AKIAIOSFODNN7EXAMPLE',
        'token_type: bearer',
        'api_key: str',
        'secret = config.stripe.secret_key',
        'api_key: 1.2.3-beta.4',
        'accessKey: SOME_CONSTANT_NAME',
        'private_key_file = "~/.ssh/id_ed25519"',
        'token = "abc123abc123abc123"',
        'TOKEN_TTL_SECONDS=86400',
        'key: value',
        'secret: my-app-secret-v2',
        'Authorization: Bearer {{accessToken}}',
        'Authorization: Basic dXNlcjpwYXNzd29yZA==',
        'token = jwt.sign(payload, key)',
        'token = getAccessToken(client2)',
        '"print(engine.url.render_as_string(hide_password=False))"',
        'secret: {name: app-secret, key: k8Wq2Lp9Xz4m}',
        'jira_project_token: PLATFORMENGINEERINGTEAM1',
        'callback = "https://x.io/cb?access_token={{token}}&state=xyz"',
      ],
    },
  },
  {
    id: 'terraform-variable-default',
    title: 'Credential in the default of a Terraform variable',
    provider: 'Generic',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['variable'],
    // `variable "db_password" { ... default = "..." }`: the name and the value are lines apart.
    pattern: new RegExp(`\\bvariable[ \\t]+"${TF_NAME}"[ \\t]*\\{[^{}]{0,600}?\\bdefault[ \\t]*=[ \\t]*"(?<secret>[^"\\s$]{6,400})"`),
    validate: (v) => isGenericPassword(v) || isGenericSecret(v),
    remediation:
      'Change the credential, remove the default (mark the variable `sensitive = true` without one) and supply the value at plan time from a secret store: TF_VAR_ environment variables in CI, HCP Terraform workspace variables, or a data source such as aws_secretsmanager_secret_version.',
    cwe: ['CWE-798'],
    samples: {
      tp: [
        at(
          'variable "db_password" {\n  description = "Master password"\n  type        = string\n  sensitive   = true\n  default     = "§"\n}',
          'zRn0!G3WFlHBGEVPDDXFV^mJ',
        ),
        at('variable "datadog_api_key" {\n  default = "§"\n}', 'Kq8Wz2LpX4mRt7VnK9sYb3cJ'),
      ],
      fp: [
        'variable "db_password" {\n  type      = string\n  sensitive = true\n}',
        'variable "db_password" {\n  default = ""\n}',
        'variable "db_password_length" {\n  default = 24\n}',
        'variable "region" {\n  default = "eu-west-1"\n}\nvariable "api_token" {\n  type = string\n}',
        'variable "api_token" {\n  default = "changeme"\n}',
      ],
    },
  },
  {
    id: 'cli-password',
    title: 'Password given to a command-line tool as an argument',
    provider: 'Generic',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['sshpass', 'mysql', 'login', 'redis-cli', 'mongo'],
    pattern: new RegExp(`(?:${CLI_PASSWORD_FLAGS.join('|')})(?<q>["']?)(?<secret>[^\\s'"]{4,128})\\k<q>(?=[\\s;|&)]|$)`),
    validate: isRealPassword,
    remediation: cliRemediation,
    cwe: ['CWE-798', 'CWE-214'],
    samples: {
      tp: [
        at('docker login -u ci -p § registry.acme.io', 'Wq8!tZ3pLm2x'),
        at('mysql -h db -u root -p§ shop < dump.sql', 'Tr0ub4dor&3'),
        at("sshpass -p '§' ssh deploy@10.0.0.4", 'Xk9#mP2vLq'),
        at('redis-cli -h cache -a § ping', 'c2VjcmV0LXJlZGlz'),
        at('helm registry login ghcr.io --username bot --password=§', 'Nm4$zQ8wXr2p'),
      ],
      fp: [
        'mysql -u root -p shop',
        'mysql -u root -p$MYSQL_ROOT_PASSWORD',
        'docker login -u ci -p "$(cat /run/secrets/registry)" registry.acme.io',
        'docker login -u "$USER" --password "$TOKEN"',
        'sshpass -p password ssh root@host',
        'redis-cli -a <password> ping',
      ],
    },
  },
  {
    id: 'cli-password-stdin',
    title: 'Password echoed into a registry login',
    provider: 'Generic',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['password-stdin'],
    pattern: new RegExp(
      `\\becho[ \\t]+(?:-[ne][ \\t]+)?(?<q>["']?)(?<secret>[^\\s'"|;&]{4,128})\\k<q>[ \\t]*\\|[ \\t]*${REGISTRY_LOGIN}[^\\r\\n]{0,200}?--password-stdin`,
    ),
    validate: isRealPassword,
    remediation: cliRemediation,
    cwe: ['CWE-798'],
    samples: {
      tp: [at('run: echo "§" | docker login registry.acme.test -u ci --password-stdin # then push', 'yia.BimS9.K#WAlF#_kp')],
      fp: [
        'echo "$CR_PAT" | docker login ghcr.io -u USERNAME --password-stdin',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder being tested
        'echo ${{ secrets.REGISTRY_TOKEN }} | docker login -u bot --password-stdin',
        'echo "<token>" | podman login quay.io --password-stdin',
      ],
    },
  },
];

export default rules;

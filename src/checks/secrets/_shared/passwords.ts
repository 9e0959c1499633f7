/**
 * Is a password found in a URL, a connection string or a basic-auth header one someone really uses?
 * Shared by the connection-string, basic-auth and generic rules.
 */

/** Words that stand for a password in documentation, and defaults of local development images. */
const DOC_PASSWORDS = new Set(
  [
    'pass',
    'passwd',
    'passw0rd',
    'pwd',
    'pw',
    'password',
    'passwords',
    'secret',
    'changeme',
    'change_me',
    'change-me',
    'mypassword',
    'mypass',
    'yourpassword',
    'your_password',
    'your-password',
    'dbpassword',
    'db_password',
    'db-password',
    'dbpass',
    'userpassword',
    'user_password',
    'pass123',
    'password123',
    'password1',
    'p4ssw0rd',
    'xxx',
    'foo',
    'bar',
    'baz',
    'foobar',
    'abc',
    'abc123',
    'test',
    'test123',
    'testing',
    'example',
    'sample',
    'dummy',
    'default',
    'admin',
    'root',
    'toor',
    'guest',
    'postgres',
    'mysql',
    'redis',
    'mongo',
    'mongodb',
    'rabbitmq',
    'sa',
    'x-oauth-basic',
    'x',
    '1234',
    '12345',
    '123456',
  ].map((w) => w.toLowerCase()),
);

/**
 * Not a variable reference, a template, a masked or elided value, a port, or a word documentation and
 * local development images use for a password.
 */
export function isRealPassword(secret: string): boolean {
  if (secret.length < 4 || DOC_PASSWORDS.has(secret.toLowerCase())) return false;
  // Leetspeak spellings of the same words: `P@ssw0rd`, `s3cr3t`, `Adm1n`.
  const plain = secret
    .toLowerCase()
    .replace(/[@4]/g, 'a')
    .replace(/0/g, 'o')
    .replace(/[1!]/g, 'i')
    .replace(/3/g, 'e')
    .replace(/[5$]/g, 's')
    .replace(/7/g, 't');
  if (DOC_PASSWORDS.has(plain) || /^(?:passwords?|secret|admin|letmein|welcome)\d{0,4}$/.test(plain)) return false;
  // Variable references and templates: ${X}, $X, %s, %(x)s, {x}, {{x}}, <x>, [x], :x (named params).
  if (/^(?:\$|%|\{|<|\[|:|#\{)/.test(secret) || /\$\{|\{\{|%\(|%s/.test(secret)) return false;
  // Masked or elided.
  if (/^[*x.•·_-]+$/i.test(secret) || secret.includes('***') || secret.includes('...')) return false;
  // A second colon: `cvs://:pserver:anoncvs@host` names a protocol, and drivers split at the first one.
  if (secret.includes(':')) return false;
  // A port number where a host was expected (`http://host:8080@...` is no password).
  if (/^\d{1,5}$/.test(secret)) return false;
  // "my_password", "your-db-pass", "dbpass1": documentation words.
  if (/^(?:my|your|the|some|db|user|app|new|old)?[-_.]?(?:db|database)?[-_.]?(?:pass|passwd|pwd|password|secret)\d{0,3}$/i.test(secret))
    return false;
  return true;
}

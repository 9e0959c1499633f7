import type { SecretRule } from '../../../engines/secrets/types.ts';
import { isRealPassword } from '../_shared/passwords.ts';
import { at } from '../_shared/sample.ts';

/**
 * Passwords in connection strings and URLs: `scheme://user:password@host` (RFC 3986 userinfo, which
 * every database driver also accepts: libpq, MySQL Connector, MongoDB, Redis, AMQP, SQLAlchemy
 * `dialect+driver://`), key=value connection strings (JDBC URL properties, ADO.NET / ODBC `Server=...;
 * Password=...`, libpq `host=... password=...`).
 *
 * The password may contain `@` (drivers take the last one as the separator): the secret is taken
 * lazily up to the `@` that is followed by a host name and the end of the authority. The password is not
 * reported when it repeats the user name (`postgres:postgres@`, `guest:guest@`: local defaults), when it
 * is a variable reference (`${DB_PASSWORD}`, `$PASS`, `%s`, `{password}`, `<password>`), masked
 * (`****`), or one of the words documentation uses for a password (`password`, `pass`, `secret`,
 * `changeme`...).
 */

const DB_SCHEMES =
  'postgres(?:ql)?|mysql|mysqlx|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|cockroachdb|clickhouse|cassandra|couchbase|couchdb|neo4j(?:\\+s)?|bolt|nats|kafka|memcached|influxdb|ldaps?|s?ftps?|smtps?|imaps?|pop3s?';

const USERINFO =
  '(?<user>[^\\s:@/\'"<>{}()\\\\]{0,128}):(?!\\k<user>@)(?<secret>[^\\s/\'"<>\\\\]{1,128}?)@(?=[A-Za-z0-9\\[][A-Za-z0-9._\\-\\]:%]{0,100}(?:[/?#\\s\'"<>,;)\\]}`]|$))';

const rotate =
  'Change the password on the server now (it is in the repository history for good), then load the connection string from the environment or a secret manager (for example `DATABASE_URL`) and keep only a template with a placeholder in the code.';

const rules: SecretRule[] = [
  {
    id: 'connection-string-password',
    title: 'Password in a database or message broker connection URL',
    provider: 'Connection string',
    severity: 'high',
    confidence: 'high',
    // Keyword '@', not '://': every match holds both, and '@' is far rarer in logs (a log line's referer
    // and user agent hold '://' on most lines: the rule ran on every batch of `rampart logs`).
    keywords: ['@'],
    // Anchored on `://` (a literal V8 finds fast); the scheme is checked behind it.
    pattern: new RegExp(`(?<=(?<![A-Za-z0-9+.-])(?:jdbc:)?(?:${DB_SCHEMES})(?:\\+[a-z0-9]{1,20})?)://${USERINFO}`),
    validate: isRealPassword,
    remediation: rotate,
    cwe: ['CWE-798', 'CWE-259'],
    samples: {
      tp: [
        at('DATABASE_URL=postgres://billing:§@db.internal:5432/billing', 'Vq7pT2xWm9Ls'),
        at('url = "postgresql+psycopg2://app:§@10.0.3.7/app"', 'gH4!kz82qP'),
        at("MONGO_URI='mongodb+srv://ops:§@cluster0.x1yz2.mongodb.net/prod?retryWrites=true'", 'Zr81fKq0pLw3'),
        at('mysql://root:§@localhost:3306/shop', 'P@ssw0rd!2024'),
        at('REDIS_URL=redis://:§@cache.acme.io:6379/0', 'c2VjcmV0LXJlZGlz'),
        at('amqps://orders:§@mq.acme.io/vhost', 'T9w!mQ2rzX'),
        at('spring.ldap.urls=ldaps://cn=admin:§@ldap.acme.io:636', 'L9d4pW0rk'),
        at('ftp://deploy:§@files.acme.io/upload', 'Fq83mZp1'),
        at('EMAIL_URL=smtp://mailer%40acme.io:§@smtp.acme.io:587', 'u8Kx2nQ5wR'),
        at('sqlserver://sa:§@mssql:1433?database=app', 'Yb5t!Rw2q'),
      ],
      fp: [
        'postgres://user:password@localhost:5432/db',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder being tested
        'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app',
        'mongodb+srv://<username>:<password>@cluster0.mongodb.net/test',
        'redis://:****@cache:6379',
        'postgres://postgres:postgres@localhost/postgres',
        'amqp://guest:guest@localhost:5672/',
        'mysql://root:$MYSQL_ROOT_PASSWORD@db/app',
        "url = 'postgresql://%s:%s@%s/%s' % (user, pw, host, db)",
        'mysql://{user}:{password}@{host}/{db}',
        'postgres://db.acme.io:5432/app',
        'mongodb://admin:changeme@mongo:27017',
        'redis://localhost:6379',
        'postgres://user:pass@host/db',
        'postgresql://myuser:mypassword@localhost/mydb',
      ],
    },
  },
  {
    id: 'url-password',
    title: 'Password in a URL (user:password@host)',
    provider: 'URL',
    severity: 'high',
    confidence: 'medium',
    keywords: ['@'],
    pattern: new RegExp(
      `(?<=(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30})(?<!(?<![A-Za-z0-9+.-])(?:jdbc:)?(?:${DB_SCHEMES})(?:\\+[a-z0-9]{1,20})?)://${USERINFO}`,
    ),
    validate: isRealPassword,
    remediation:
      'Change the password (or revoke the token) used in the URL, then pass credentials separately from the URL (an Authorization header, a credential helper, the environment) so they do not end up in logs, shell history and the repository.',
    cwe: ['CWE-798', 'CWE-522'],
    samples: {
      tp: [
        at('proxy = "http://squid:§@proxy.acme.io:3128"', 'Hx82kQpz1'),
        at('git clone https://deploy-bot:§@git.acme.io/team/repo.git', 'Kq8wZ1nR5mXt'),
        at('ELASTIC_URL=https://elastic:§@es.acme.io:9200', '4fGk9QzLw2'),
        at('"registry": "https://ci:§@npm.acme.io/"', 'c7Tz!w9QmB'),
      ],
      fp: [
        'https://user:password@example.com',
        'https://username:pass@proxy.example.com:8080',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder being tested
        'https://oauth2:${CI_JOB_TOKEN}@gitlab.com/group/project.git',
        'https://x-access-token:{{ token }}@github.com/org/repo',
        'https://token:x-oauth-basic@github.com/org/repo',
        'http://localhost:8080/api/users/me@home',
        'https://api.acme.io:443/v1?email=a@b.io',
        'ssh://git@github.com:22/org/repo.git',
        'http://admin:admin@localhost:9000',
        // Database URLs belong to connection-string-password.
        at('postgres://billing:§@db.internal:5432/billing', 'Vq7pT2xWm9Ls').text,
      ],
    },
  },
  {
    id: 'connection-string-password-parameter',
    title: 'Password in a key=value connection string (JDBC, ADO.NET, ODBC, libpq)',
    provider: 'Connection string',
    severity: 'high',
    confidence: 'high',
    keywords: ['password', 'pwd'],
    pattern:
      /(?:\bjdbc:[a-z0-9]{2,20}:[^\s'"]{0,300}?[;?&]|\b(?:server|data source|host|hostaddr|address|addr|dbname|database|initial catalog|dsn|driver)\s{0,2}=[^'"\r\n]{1,300}?[;\s&])(?:password|pwd)\s{0,2}=\s{0,2}(?<secret>\{[^}\r\n]{1,128}\}|[^;&'"\s]{1,128})/i,
    validate: (s) => isRealPassword(s.startsWith('{') && s.endsWith('}') && s.length > 2 ? s.slice(1, -1) : s),
    remediation: rotate,
    cwe: ['CWE-798', 'CWE-259'],
    samples: {
      tp: [
        at('jdbc:mysql://db.acme.io:3306/shop?user=shop&password=§&useSSL=true', 'Rk29xQm7Tz'),
        at('jdbc:sqlserver://sql1:1433;databaseName=hr;user=hr_app;password=§;encrypt=true', 'Wq8!tZ3pLm'),
        at(
          '"Default": "Server=tcp:acme.database.windows.net,1433;Initial Catalog=crm;User ID=crm;Password=§;Encrypt=True;"',
          'Bz7$kW2qLx9',
        ),
        at("conn = psycopg2.connect('host=10.0.0.5 port=5432 dbname=ledger user=ledger password=§')", 'm3Rq8ZkT1w'),
        at('Driver={ODBC Driver 18 for SQL Server};Server=db;Uid=etl;Pwd=§;', '{Xq5;w8Tz!}'),
      ],
      fp: [
        'Server=myServerAddress;Database=myDataBase;User Id=myUsername;Password=myPassword;',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder being tested
        'jdbc:postgresql://localhost:5432/app?user=app&password=${DB_PASSWORD}',
        'host=localhost port=5432 dbname=app user=app password=$PGPASSWORD',
        'Data Source=.;Initial Catalog=db;Integrated Security=True;Password=;',
        'jdbc:mysql://localhost/test?user=root&password=root',
        'Server=db;Database=app;User Id=sa;Password=<YourStrong@Passw0rd>;',
      ],
    },
  },
];

export default rules;

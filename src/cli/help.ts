import { REPORTER_LOADERS as REPORTERS } from '../reporters/lazy.ts';

/** The formats registered right now (reporters are added over time: never a hard-coded list). */
export function formatNames(): string[] {
  return Object.keys(REPORTERS);
}

/** console when a console reporter is registered, else json. */
export function defaultFormat(): string {
  return 'console' in REPORTERS ? 'console' : 'json';
}

const BY_EXTENSION: Record<string, string> = {
  sarif: 'sarif',
  json: 'json',
  xml: 'junit',
  md: 'markdown',
  txt: 'console',
  html: 'html',
  htm: 'html',
};

/** `--output report.sarif` without --format means SARIF (when that reporter is registered). */
export function formatForOutput(output: string | undefined): string | undefined {
  const ext = output?.match(/\.([a-z]{1,5})$/i)?.[1].toLowerCase();
  const format = ext ? BY_EXTENSION[ext] : undefined;
  return format && format in REPORTERS ? format : undefined;
}

export const PROGRAM_DESCRIPTION = `Rampart finds API security flaws at the earliest stage they can be seen, with one finding model mapped to the OWASP API Security Top 10 (2023). \`rampart scan\` runs every stage that applies to a project at once: \`audit\` (OpenAPI 2.0/3.x, GraphQL, .proto, AsyncAPI and WSDL definitions, with file, line:column and JSON pointer), \`secrets\` (hard-coded credentials in files and git history), \`probe\` (flaws proven on a running REST, GraphQL, gRPC, WebSocket or SOAP API), \`inventory\` (shadow and zombie endpoints in traffic) and \`logs\` (sensitive data and attack signals in logs). Run it on a laptop, in a pre-commit hook or as a CI gate: the exit code says whether anything at or above --fail-on was found, a baseline lets a team adopt it on an existing API and fail only on new flaws, and \`rampart history\` shows what each scan found new or fixed.`;

export const EXIT_CODES = `Exit codes:
  0  no finding at or above --fail-on (default: high)
  1  at least one finding at or above --fail-on
  2  usage, config or input error: a bad flag, an invalid config or baseline, or nothing could be audited
  3  internal error: a bug in Rampart (please report it; RAMPART_DEBUG=1 prints the stack trace)`;

export const BASELINE_FLOW = `Adopting Rampart on an existing API (CI fails only on new findings):
  $ rampart baseline create specs/ --baseline .rampart/baseline.json    # accept today's findings
  $ git add .rampart/baseline.json                                      # commit it, review it like code
  $ rampart audit specs/ --baseline .rampart/baseline.json              # in CI: only new findings count
  $ rampart baseline update specs/ --baseline .rampart/baseline.json    # after fixes: drop fixed entries`;

export function programHelpAfter(): string {
  return `
Examples:
  $ rampart audit openapi.yaml                               # one definition, findings on the console
  $ rampart audit . --format sarif --output rampart.sarif    # every definition in a repository, for code scanning
  $ rampart audit 'specs/**/*.yaml' --fail-on medium         # a glob; exit 1 on anything at medium or above
  $ rampart secrets                                          # hard-coded tokens, keys and passwords in this directory
  $ rampart secrets --history                                # ... and in every commit of the git history
  $ rampart probe -t http://127.0.0.1:8080 --openapi openapi.yaml --config rampart.yaml   # prove flaws on a running test API
  $ rampart inventory --har traffic.har --openapi openapi.yaml   # endpoints seen in traffic: shadow, zombie, unused
  $ rampart rules                                            # every check; \`rampart rules <id>\` for its docs

${BASELINE_FLOW}

${EXIT_CODES}

Formats (--format): ${formatNames().join(', ')}
Config: rampart.config.yaml, .yml or .json in the current directory, or --config FILE:
  failOn: high | baseline: FILE | exclude: [GLOB...] | rules: { <id>: off | <severity> | { severity, options } }
Environment: NO_COLOR (no colour), CI (no progress line), RAMPART_DEBUG=1 (stack traces of internal errors).`;
}

export const AUDIT_DESCRIPTION = `Audit API definitions for security design flaws: OpenAPI 2.0, 3.0 and 3.1, GraphQL SDL and introspection JSON, gRPC .proto files, AsyncAPI 2/3 (WebSocket APIs) and WSDL 1.1/2.0 (SOAP). Inputs are files, directories (searched for *.yaml, *.yml, *.json, *.graphql, *.gql, *.graphqls, *.proto, *.wsdl and *.xml; files that are none of these definitions are skipped, --verbose says which and why) and globs (quote them so the shell leaves them alone). Files referenced with $ref are loaded and checked with the definition that uses them. The report goes to stdout, or to --output FILE with a one-line summary on stderr. Problems with the inputs themselves (unreadable files, YAML errors) are reported as file:line:col (in the console report, on stderr with the other formats) and the rest of the inputs are still audited.`;

export function auditHelpAfter(): string {
  return `
Examples:
  $ rampart audit openapi.yaml
  $ rampart audit . --format sarif --output rampart.sarif
  $ rampart audit specs/ --fail-on medium --format json > report.json
  $ rampart audit openapi.yaml --rule http-basic-auth    # run one check only (\`rampart rules\` lists them)
  $ rampart audit asyncapi.yaml                          # AsyncAPI 2/3: WebSocket servers, security, message payloads
  $ rampart audit specs/ --baseline .rampart/baseline.json --fail-on low

Formats: ${formatNames().join(', ')} (default: ${defaultFormat()})

${EXIT_CODES}
  Inputs that cannot be read do not change the exit code as long as at least one definition was audited;
  when none could be, the exit code is 2.`;
}

export const SECRETS_DESCRIPTION = `Find hard-coded secrets: API tokens, cloud keys, private keys, passwords in connection strings and configs. Inputs are files, directories and globs (default: the current directory); files that .gitignore excludes are skipped (--no-ignore scans them too), and so are binary files and files above --max-file-size (--verbose lists them). Postman collections and environments, notebooks, Kubernetes Secrets and OpenAPI examples are read by their structure, so a value is judged with its key. Secrets hidden in base64, hex or percent-encoded values, and text files inside .tar.gz and .zip archives, are found too. With --history, the lines every commit added are scanned instead, so a secret deleted long ago is still reported, marked "removed in HEAD but still in history". With --staged, only what is about to be committed. A finding never shows the secret: only its first characters, its length and a hash. Nothing leaves the machine unless you pass --verify, which asks the issuer's API (GitHub, Slack, Stripe, SendGrid, OpenAI) whether a found credential still works.`;

export function secretsHelpAfter(): string {
  return `
Examples:
  $ rampart secrets                                   # the current directory (respects .gitignore)
  $ rampart secrets src/ config/*.yaml --fail-on medium
  $ rampart secrets --history                         # every commit of every branch and tag
  $ rampart secrets --history --since origin/main     # only the commits of this branch (a pull request)
  $ rampart secrets --staged                          # a pre-commit hook: only what is staged
  $ cat build.log | rampart secrets -                 # standard input
  $ rampart secrets . --format sarif --output secrets.sarif
  $ rampart secrets --verify                          # is a found key live? (sends it to its issuer only)

Silencing a false alarm, in order of preference:
  api_key = "sk_test_..."  # rampart-ignore: test fixture, not a real key     (same line, any comment syntax)
  # rampart-ignore-next-line: documented example                                (the line below)
  rampart.config.yaml:
    secrets:
      allowPaths: ["test/fixtures/**"]               # files never scanned for secrets
      allowValues: ["^AKIA[0-9A-Z]{12}EXAMPLE$"]      # regular expressions over the secret
      rules:                                         # rules of your own
        - { id: acme-api-key, title: Acme API key, pattern: "acme_[a-z0-9]{32}", keywords: [acme_], entropy: 3 }
    rules: { generic-password: off, aws-access-key-id: medium }   # built-in rules: off or another severity

Adopting it on a repository with old findings (rotate them, then accept them):
  $ rampart secrets --history --write-baseline .rampart/secrets-baseline.json
  $ rampart secrets --history --baseline .rampart/secrets-baseline.json      # in CI: only new secrets

Pre-commit hook (.git/hooks/pre-commit; \`rampart pre-commit\` also audits the staged API definitions):
  #!/bin/sh
  exec node_modules/.bin/rampart secrets --staged --fail-on medium

Formats: ${formatNames().join(', ')} (default: ${defaultFormat()})

${EXIT_CODES}`;
}

export const PROBE_DESCRIPTION = `Probe a running API for the OWASP API Security Top 10 (2023) and prove each flaw with the request and response that show it. For GraphQL, gRPC, WebSocket and SOAP endpoints, give --graphql URL, --grpc HOST:PORT (with --proto FILE when the server has no reflection), --websocket URL or --wsdl FILE|URL instead of a description: each runs its own checks with the same identities, limits and reports. For a REST API, Rampart reads the API's description (--openapi, --postman or --har), logs in as the identities of the config (static credentials or a login flow, re-logging in on 401 or expiry), sends one valid request per endpoint per identity and anonymously (creating objects so each identity owns some), then runs the checks: broken authentication and JWT flaws, BOLA and BFLA between identities, mass assignment, excessive data exposure, injection (SQL, NoSQL, OS command, path traversal, templates, XSS), SSRF to a canary on 127.0.0.1, CORS and security headers, TLS, rate limits and brute force, forgotten versions and debug endpoints, and drift from the definition. Every finding carries the redacted request and response, the identities involved and a curl command that replays it. Safe by design: only the target's origin is contacted (redirects are never followed), only objects the probe created are changed or deleted, payloads are harmless markers, and --rate, --concurrency, --budget and --timeout bound the load. Point it at a test deployment, never at production.`;

export function probeHelpAfter(): string {
  return `
Examples:
  $ rampart probe --target http://127.0.0.1:8080 --openapi openapi.yaml --config rampart.yaml
  $ rampart probe --target https://staging.example.com/api --postman api.postman_collection.json --environment staging.json
  $ rampart probe --target http://127.0.0.1:8080 --har capture.har --rule bola,bfla --fail-on medium
  $ rampart probe -t http://127.0.0.1:8080 --openapi openapi.yaml --rate 20 --budget 2000 --exclude '/admin/**'
  $ rampart probe -t http://127.0.0.1:8080 --openapi openapi.yaml --format sarif --output probe.sarif
  $ rampart probe --websocket ws://127.0.0.1:8080/socket --config rampart.yaml   # a WebSocket endpoint: hijacking, auth, floods
  $ rampart probe --graphql http://127.0.0.1:8080/graphql --config rampart.yaml   # a GraphQL endpoint (schema by introspection)
  $ rampart probe --grpc 127.0.0.1:50051 --proto api.proto                         # a gRPC server (or by server reflection)
  $ rampart probe --wsdl 'http://127.0.0.1:8080/ws/stock?wsdl'                   # a SOAP service; only the WSDL's origin is contacted
  $ rampart probe --wsdl stock.wsdl --target http://127.0.0.1:8080               # a WSDL file; endpoints off --target are refused

Identities (rampart.yaml or rampart.config.yaml; \${ENV} reads the environment):
  probe:
    identities:
      - { name: alice, role: user, bearer: "\${ALICE_TOKEN}" }
      - name: bob
        role: user
        vars: { username: bob, password: "\${BOB_PASSWORD}" }
        login:
          request: { method: POST, path: /api/auth/login, json: { username: "{{username}}", password: "{{password}}" } }
          token: { from: json, pointer: /access_token }     # or header / cookie (name) / regex (pattern)
          use: { in: header, name: authorization, prefix: "Bearer " }
      - { name: carol, role: admin, admin: true, basic: { username: carol, password: "\${CAROL_PASSWORD}" } }
    exclude: ["/admin/danger/**"]
    rate: 50
    budget: 5000

Formats: ${formatNames().join(', ')} (default: ${defaultFormat()})

${EXIT_CODES}
  An unreachable target, a definition that cannot be read or a login that fails before anything ran: exit 2.`;
}

export const BASELINE_DESCRIPTION = `Manage a baseline: a committed JSON file of the findings a team accepted, by fingerprint (rule + JSON pointer + what was found, never a line number, so unrelated edits do not invalidate it). \`rampart audit --baseline FILE\` leaves those findings out and reports only new ones. Run the baseline commands from the same directory as the audit (paths in fingerprints are relative to it).`;

export function baselineHelpAfter(): string {
  return `
${BASELINE_FLOW}

Exit codes: 0 the baseline was written (or is up to date); 2 usage, config or input error; 3 internal error.`;
}

export const RULES_DESCRIPTION = `List every check with its severity, OWASP API Security Top 10 (2023) category and title: the design checks of \`rampart audit\`, the probe checks of \`rampart probe\`, the run-time checks of \`rampart inventory\` (shadow, zombie and unused endpoints) and \`rampart logs\` (sensitive data written to logs, attack signals), then the secret rules of \`rampart secrets\` (--stage picks one), or show one check's documentation: what it detects, the attack it enables, how to fix it, its options and their defaults, and the paths of its unsafe and safe example definitions (for a secret rule: its provider, keywords and how to silence a false alarm). Turn a check off, change its severity or set its options in rampart.config.yaml under rules.<id>.`;

export function rulesHelpAfter(): string {
  return `
Examples:
  $ rampart rules
  $ rampart rules --format json
  $ rampart rules --stage secrets
  $ rampart rules --stage probe
  $ rampart rules --stage runtime
  $ rampart rules logs-brute-force
  $ rampart rules github-pat
  $ rampart rules http-basic-auth

Exit codes: 0 listed; 2 unknown check id or bad flag.`;
}

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { InputError, parseStructured, type StructuredDocument } from '../formats/structured.ts';
import { SEVERITIES, type Severity } from './severity.ts';

const severity = z.enum(SEVERITIES);

const ruleObject = z.strictObject({
  enabled: z.boolean().optional(),
  severity: severity.optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});

const ruleSetting = z.union([z.literal('off'), severity, ruleObject]);

/** A secret rule of the user's own (`secrets.rules`): a pattern, the keywords that gate it, an entropy floor. */
const userSecretRule = z.strictObject({
  /** Stable kebab-case id, shown in findings and usable in `rules:` to change its severity. */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case id such as acme-api-key'),
  /** What the secret is, e.g. "Acme API key". */
  title: z.string().min(1).optional(),
  /** A JavaScript regular expression; the named group `secret` (else the whole match) is the secret. */
  pattern: z.string().min(1),
  /** Lowercase words one of which the text must contain for the pattern to run (a fast prefilter). */
  keywords: z.array(z.string().min(1)).optional(),
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy: z.number().min(0).max(8).optional(),
  severity: severity.optional(),
  /** What to do when it is found. */
  remediation: z.string().optional(),
});

/** The `secrets` section: what `rampart secrets` may leave alone, and rules of the user's own. */
const secretsSection = z.strictObject({
  /** Globs of files never scanned for secrets (fixtures, vendored test data), relative to the config file. */
  allowPaths: z.array(z.string()).optional(),
  /** Regular expressions: a secret that matches one is not reported (known test keys, say). */
  allowValues: z.array(z.string()).optional(),
  /** Rules of your own, run with the built-in ones. */
  rules: z.array(userSecretRule).optional(),
  /** `--verify`: where each provider's "who am I" call goes (tests point these at local servers). */
  verify: z
    .strictObject({
      /** Base URL per provider, e.g. `github: https://github.example.com/api/v3`; a secret goes only to its own provider's. */
      baseUrls: z
        .strictObject({
          github: z.url({ protocol: /^https?$/ }).optional(),
          slack: z.url({ protocol: /^https?$/ }).optional(),
          stripe: z.url({ protocol: /^https?$/ }).optional(),
          sendgrid: z.url({ protocol: /^https?$/ }).optional(),
          openai: z.url({ protocol: /^https?$/ }).optional(),
        })
        .optional(),
    })
    .optional(),
});

const probeRequest = z.strictObject({
  method: z.string().regex(/^[A-Za-z]+$/, 'must be an HTTP method such as POST'),
  /** Path on the target, e.g. `/api/v2/auth/login`. Never an absolute URL. */
  path: z.string().regex(/^\/(?!\/)/, 'must be a path on the target starting with / (never an absolute URL)'),
  headers: z.record(z.string(), z.string()).optional(),
  json: z.unknown().optional(),
  form: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
});

/** A login flow as data: the request, where the token is in the answer, where it goes afterwards. */
const loginFlow = z.strictObject({
  request: probeRequest,
  token: z.strictObject({
    from: z.enum(['json', 'header', 'cookie', 'regex']),
    pointer: z.string().optional(),
    name: z.string().optional(),
    pattern: z.string().optional(),
  }),
  use: z
    .strictObject({
      in: z.enum(['header', 'cookie', 'query']),
      name: z.string().min(1),
      prefix: z.string().optional(),
    })
    .optional(),
  expiresIn: z.number().positive().optional(),
});

/** A user the probe acts as: static credentials or a login flow. `${ENV}` in strings reads the environment. */
const probeIdentity = z.strictObject({
  name: z.string().regex(/^[A-Za-z][\w-]*$/, 'must be a short name such as alice'),
  role: z.string().optional(),
  admin: z.boolean().optional(),
  bearer: z.string().min(1).optional(),
  basic: z.strictObject({ username: z.string(), password: z.string() }).optional(),
  apiKey: z.strictObject({ in: z.enum(['header', 'query', 'cookie']), name: z.string().min(1), value: z.string().min(1) }).optional(),
  cookie: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  login: loginFlow.optional(),
  vars: z.record(z.string(), z.string()).optional(),
});

/** The `probe` section: who the probe acts as, what it never touches, how hard it may push. */
const probeSection = z.strictObject({
  identities: z.array(probeIdentity).optional(),
  /** Globs on path templates never sent (`/admin/**`, `DELETE /users/*`). */
  exclude: z.array(z.string()).optional(),
  /** Requests per second (0: unlimited). */
  rate: z.number().min(0).optional(),
  concurrency: z.number().int().min(1).max(256).optional(),
  /** Total requests of a run. */
  budget: z.number().int().min(1).optional(),
  /** Per-request timeout in ms. */
  timeout: z.number().int().min(1).optional(),
});

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. http://127.0.0.1:8080' });

/** The running API `rampart scan` probes: its URL, and which description of it to probe from. */
const targetObject = z.strictObject({
  /** Origin and optional base path, e.g. `http://127.0.0.1:8080/api`. */
  url: httpUrl,
  /** The OpenAPI definition to probe from (default: the only one found, or --openapi). */
  openapi: z.string().min(1).optional(),
  /** Or a Postman collection, with an optional environment. */
  postman: z.string().min(1).optional(),
  environment: z.string().min(1).optional(),
  /** Or a HAR capture of traffic to it. */
  har: z.string().min(1).optional(),
});

/** Live endpoints of other protocols `rampart scan` probes (as `rampart probe --graphql` etc. would). */
const targetsSection = z.strictObject({
  graphql: z.url({ protocol: /^https?$/ }).optional(),
  /** HOST:PORT of a gRPC server. */
  grpc: z
    .string()
    .regex(/^[^\s/:]+:\d{1,5}$/, 'must be HOST:PORT, e.g. 127.0.0.1:50051')
    .optional(),
  /** With grpc: .proto files (when the server has no reflection), relative to the config file. */
  proto: z.array(z.string().min(1)).optional(),
  websocket: z.url({ protocol: /^wss?$/ }).optional(),
  /** A WSDL file (relative to the config file) or URL. */
  wsdl: z.string().min(1).optional(),
});

/** `rampart scan` switches. */
const scanSection = z.strictObject({
  /** Also scan every commit of git history for secrets (as `--history`). */
  gitHistory: z.boolean().optional(),
  /** Record every scan in the findings history (default: true; `--no-record` turns it off). */
  record: z.boolean().optional(),
  /** The findings history database (default: .rampart/history.db), relative to the config file. */
  historyFile: z.string().min(1).optional(),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Lowest severity that fails the run (exit code 1). */
  failOn: z.union([severity, z.literal('none')]).optional(),
  /** Baseline file of accepted findings (relative to the config file). */
  baseline: z.string().optional(),
  /** Globs of inputs never to scan. */
  exclude: z.array(z.string()).optional(),
  /** Per-rule settings: `off`, a severity, or `{ enabled, severity, options }`. */
  rules: z.record(z.string(), ruleSetting).optional(),
  /** `rampart secrets`: allowlists and rules of your own. */
  secrets: secretsSection.optional(),
  /** `rampart probe`: identities, excluded paths and limits. */
  probe: probeSection.optional(),
  /** `rampart scan`: globs of API definitions (default: every definition found), relative to the config file. */
  definitions: z.array(z.string().min(1)).optional(),
  /** `rampart scan`: the running API to probe, a URL or { url, openapi | postman (+ environment) | har }. */
  target: z.union([httpUrl, targetObject]).optional(),
  /** `rampart scan`: live GraphQL, gRPC, WebSocket or SOAP endpoints to probe. */
  targets: targetsSection.optional(),
  /** `rampart scan`: globs of captured traffic (HAR, access logs, OTLP/JSON traces) for the endpoint inventory. */
  traffic: z.array(z.string().min(1)).optional(),
  /** `rampart scan`: globs of log files to check for sensitive data and attack signals. */
  logs: z.array(z.string().min(1)).optional(),
  /** `rampart scan`: git history and findings history switches. */
  scan: scanSection.optional(),
});

export type Config = z.infer<typeof configSchema>;
export type RuleSetting = z.infer<typeof ruleSetting>;
export type SecretsConfig = z.infer<typeof secretsSection>;
export type UserSecretRule = z.infer<typeof userSecretRule>;
export type ProbeConfig = z.infer<typeof probeSection>;
export type TargetConfig = z.infer<typeof targetObject>;
export type TargetsConfig = z.infer<typeof targetsSection>;

export const CONFIG_FILES = ['rampart.config.yaml', 'rampart.config.yml', 'rampart.config.json'];

/** A config problem. The message is one line: `file[:line:col]: key: what is wrong`. */
export class ConfigError extends Error {
  /** The file as shown in the message. */
  readonly file?: string;
  /** Dotted path of the offending key, e.g. `rules.http-basic-auth.severity`. */
  readonly key?: string;
  constructor(message: string, file?: string, key?: string) {
    super(message);
    this.file = file;
    this.key = key;
  }
}

/** Resolved per-rule view of the config. */
export interface RuleConfig {
  enabled: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

export function ruleConfig(config: Config, id: string): RuleConfig {
  const s = config.rules?.[id];
  if (s === undefined) return { enabled: true };
  if (s === 'off') return { enabled: false };
  if (typeof s === 'string') return { enabled: true, severity: s };
  return { enabled: s.enabled ?? true, severity: s.severity, options: s.options };
}

export interface LoadConfigOptions {
  /**
   * The rules that exist, with their default options. When given, an unknown rule id, an unknown option
   * or an option of the wrong type is an error naming the key (core knows no specific check: the caller
   * passes the registry's view).
   */
  rules?: ReadonlyMap<string, Record<string, unknown> | undefined>;
  /**
   * Expand `${NAME}` in probe identities from this environment (a missing variable is an error).
   * Without it the strings stay as written: only `rampart probe` needs the credentials.
   */
  env?: Record<string, string | undefined>;
}

/**
 * Loads `path`, or the first of CONFIG_FILES in `cwd` when no path is given. Returns `{}` when there is
 * no config. Errors name the file, the position when known, and the offending key.
 */
export function loadConfig(
  path: string | undefined,
  cwd = process.cwd(),
  options: LoadConfigOptions = {},
): { config: Config; file?: string } {
  const file = path ? resolve(cwd, path) : CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!file) return { config: {} };
  const shown = displayPath(file, cwd);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? String(e));
    throw new ConfigError(`${shown}: cannot read config (${why})`, shown);
  }
  let doc: StructuredDocument;
  try {
    // `.json` files are parsed as JSON, anything else as YAML (the path only picks the parser).
    doc = parseStructured(text, file.endsWith('.json') ? file : `${file}.yaml`, shown);
  } catch (e) {
    const err = e as InputError;
    const where = err instanceof InputError && err.line ? `:${err.line}${err.column ? `:${err.column}` : ''}` : '';
    throw new ConfigError(`${shown}${where}: config is not valid: ${err.message}`, shown);
  }
  const data = doc.value;
  if (data === undefined || data === null) return { config: {}, file };

  const fail = (path: (string | number)[], message: string): never => {
    const key = path.join('.');
    const r = doc.locate(toPointer(path), 'key');
    const where = r ? `:${r.startLine}:${r.startColumn}` : '';
    throw new ConfigError(`${shown}${where}: ${key ? `${key}: ` : ''}${message}`, shown, key || undefined);
  };

  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const { path: p, message } = explain(parsed.error.issues[0], data);
    fail(p, message);
  }
  const config = (parsed as { data: Config }).data;
  if (options.rules) checkRules(config, options.rules, fail);
  if (config.probe?.identities) checkIdentities(config.probe.identities, options.env, fail);
  return { config, file };
}

function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return (rel.startsWith('..') || isAbsolute(rel) ? abs : rel).split(sep).join('/');
}

function toPointer(path: (string | number)[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

type Issue = z.core.$ZodIssue;

const TOP_KEYS = Object.keys(configSchema.shape);
const PROBE_KEYS = Object.keys(probeSection.shape);
const IDENTITY_KEYS = Object.keys(probeIdentity.shape);
const LOGIN_KEYS = Object.keys(loginFlow.shape);
const PROBE_NESTED: Record<string, string[]> = {
  basic: ['username', 'password'],
  apiKey: ['in', 'name', 'value'],
  login: LOGIN_KEYS,
  request: Object.keys(probeRequest.shape),
  token: ['from', 'pointer', 'name', 'pattern'],
  use: ['in', 'name', 'prefix'],
};

/** Allowed keys at `path` inside the `probe` section. */
function probeKeys(path: (string | number)[]): string[] {
  if (path.length === 1) return PROBE_KEYS;
  if (path.length === 3) return IDENTITY_KEYS;
  return PROBE_NESTED[String(path.at(-1))] ?? [];
}
const RULE_KEYS = Object.keys(ruleObject.shape);
/** Allowed keys of the `rampart scan` sections. */
const SCAN_SECTION_KEYS: Record<string, string[]> = {
  target: Object.keys(targetObject.shape),
  targets: Object.keys(targetsSection.shape),
  scan: Object.keys(scanSection.shape),
};
const SECRETS_KEYS = Object.keys(secretsSection.shape);
const USER_SECRET_RULE_KEYS = Object.keys(userSecretRule.shape);
const SEVERITY_LIST = SEVERITIES.join(', ');

function got(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return `${typeof v} ${String(v)}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur = data;
  for (const seg of path) cur = cur && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[seg] : undefined;
  return cur;
}

/** Turns a zod issue into a key path and a message an API developer understands. */
function explain(issue: Issue, data: unknown): { path: (string | number)[]; message: string } {
  const path = issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
  const value = valueAt(data, issue.path);
  const isRule = path.length === 2 && path[0] === 'rules';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed =
        path.length === 0
          ? TOP_KEYS
          : path.length === 1 && SCAN_SECTION_KEYS[String(path[0])]
            ? SCAN_SECTION_KEYS[String(path[0])]
            : path[0] === 'probe'
              ? probeKeys(path)
              : path[0] === 'secrets'
                ? path.length === 1
                  ? SECRETS_KEYS
                  : path[1] === 'verify'
                    ? path.length === 2
                      ? ['baseUrls']
                      : ['github', 'slack', 'stripe', 'sendgrid', 'openai']
                    : USER_SECRET_RULE_KEYS
                : RULE_KEYS;
      const key = issue.keys[0];
      const hint = closest(key, allowed);
      return {
        path: [...path, key],
        message: `unknown key${hint ? ` (did you mean "${hint}"?)` : ''}; allowed keys: ${allowed.join(', ')}`,
      };
    }
    case 'invalid_union': {
      if (path.length === 1 && path[0] === 'failOn') {
        return { path, message: `must be one of ${SEVERITY_LIST}, none (got ${got(value)})` };
      }
      if (isRule && value && typeof value === 'object' && !Array.isArray(value)) {
        // The value is a mapping: the object branch is what the user meant.
        const inner =
          issue.errors.find((b) => b.length && (b[0].path.length > 0 || b[0].code === 'unrecognized_keys')) ?? issue.errors.at(-1);
        if (inner?.length) {
          const sub = explain(inner[0], value);
          return { path: [...path, ...sub.path], message: sub.message };
        }
      }
      if (path.length === 1 && path[0] === 'target') {
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          const inner = issue.errors.at(-1)?.[0];
          if (inner?.code === 'unrecognized_keys') {
            // Explained at the top level of `target`, the allowed keys are those of the mapping form.
            return explain({ ...inner, path: ['target'] }, data);
          }
          if (inner) {
            const sub = explain(inner, value);
            return { path: [...path, ...sub.path], message: sub.message };
          }
        }
        return {
          path,
          message: `must be the URL of the running API, e.g. http://127.0.0.1:8080, or a mapping { url, openapi } (got ${got(value)})`,
        };
      }
      if (isRule) {
        return {
          path,
          message: `must be "off", a severity (${SEVERITY_LIST}) or a mapping { enabled, severity, options } (got ${got(value)})`,
        };
      }
      return { path, message: issue.message };
    }
    case 'invalid_value':
      return { path, message: `must be one of ${issue.values.map(String).join(', ')} (got ${got(value)})` };
    case 'invalid_type': {
      const expected =
        issue.expected === 'record' || issue.expected === 'object'
          ? 'a mapping'
          : issue.expected === 'array'
            ? 'a list'
            : `a ${issue.expected}`;
      return { path, message: `must be ${expected} (got ${got(value)})` };
    }
    default:
      return { path, message: issue.message };
  }
}

function checkRules(
  config: Config,
  known: ReadonlyMap<string, Record<string, unknown> | undefined>,
  fail: (path: (string | number)[], message: string) => never,
): void {
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    if (!known.has(id)) {
      const hint = closest(id, [...known.keys()]);
      fail(['rules', id], `unknown rule${hint ? ` (did you mean "${hint}"?)` : ''}; \`rampart rules\` lists them all`);
    }
    if (typeof setting !== 'object' || !setting.options) continue;
    const defaults = known.get(id) ?? {};
    const names = Object.keys(defaults);
    for (const [name, v] of Object.entries(setting.options)) {
      if (!(name in defaults)) {
        const hint = closest(name, names);
        fail(
          ['rules', id, 'options', name],
          names.length
            ? `unknown option${hint ? ` (did you mean "${hint}"?)` : ''}; ${id} has: ${names.join(', ')}`
            : `unknown option; ${id} has no options`,
        );
      }
      const d = defaults[name];
      const kind = (x: unknown) => (Array.isArray(x) ? 'list' : x === null ? 'null' : typeof x === 'object' ? 'mapping' : typeof x);
      if (d !== undefined && d !== null && kind(v) !== kind(d)) {
        fail(['rules', id, 'options', name], `must be a ${kind(d)} like the default ${JSON.stringify(d)} (got ${got(v)})`);
      }
    }
  }
}

/**
 * Identities: unique names, some credentials each, a token source that says where to look, and
 * `${NAME}` in credential strings replaced from the environment (a missing variable is an error).
 */
function checkIdentities(
  identities: ProbeConfig['identities'] & object,
  env: Record<string, string | undefined> | undefined,
  fail: (path: (string | number)[], message: string) => never,
): void {
  const names = new Set<string>();
  identities.forEach((id, i) => {
    const at = ['probe', 'identities', i];
    if (names.has(id.name)) fail([...at, 'name'], `identity "${id.name}" is declared twice`);
    names.add(id.name);
    if (!id.bearer && !id.basic && !id.apiKey && !id.cookie && !id.headers && !id.login) {
      fail(at, `identity "${id.name}" has no credentials: give one of bearer, basic, apiKey, cookie, headers or login`);
    }
    const t = id.login?.token;
    if (t?.from === 'json' && t.pointer === undefined) fail([...at, 'login', 'token'], 'a json token needs a pointer, e.g. /access_token');
    if (t?.from === 'cookie' && !t.name) fail([...at, 'login', 'token'], 'a cookie token needs the cookie name');
    if (t?.from === 'regex') {
      if (!t.pattern) fail([...at, 'login', 'token'], 'a regex token needs a pattern (group 1 is the token)');
      try {
        new RegExp(t.pattern as string);
      } catch (e) {
        fail([...at, 'login', 'token', 'pattern'], `not a valid regular expression: ${(e as Error).message}`);
      }
    }
    const expand = (v: unknown, path: (string | number)[]): unknown => {
      if (typeof v === 'string') {
        return v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
          const value = env?.[name];
          if (value === undefined) fail(path, `environment variable ${name} is not set`);
          return value as string;
        });
      }
      if (Array.isArray(v)) return v.map((x, k) => expand(x, [...path, k]));
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        for (const k of Object.keys(o)) o[k] = expand(o[k], [...path, k]);
      }
      return v;
    };
    if (env) expand(id, at);
  });
}

/** The allowed word closest to `word` (a typo), if any is close enough. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) >= bestD) continue;
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

import { createHash } from 'node:crypto';
import { type Finding, isOwaspId, locationLabel, type RunResult } from '../core/index.ts';
import type { RenderOptions } from './index.ts';
import { type CurlRequest, type Part, parseCurl } from './postman-curl.ts';
import { flawTests } from './postman-tests.ts';
import { compareBySeverity, owaspLabel, parseHttpText, plural } from './shared.ts';

export const POSTMAN_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** Non-HTTP findings named in the collection's description before "and N more". */
const SKIPPED_LISTED = 20;

interface Variable {
  key: string;
  value: string;
  type: 'string';
  description?: string;
}

interface Request {
  method: string;
  header: { key: string; value: string; type: 'text' }[];
  url: { raw: string; host: string[]; path: string[]; query?: { key: string; value: string }[] };
  body?: { mode: 'raw'; raw: string; options?: { raw: { language: string } } };
  description: string;
}

export interface PostmanItem {
  name: string;
  request: Request;
  event?: { listen: 'test'; script: { type: 'text/javascript'; exec: string[] } }[];
}

export interface PostmanCollection {
  info: { _postman_id: string; name: string; description: string; schema: string };
  item: PostmanItem[];
  variable: Variable[];
}

/**
 * A Postman Collection v2.1 with one request per live finding that carries its HTTP evidence, so a
 * developer can replay the exploit in Postman and rerun it after the fix: the URL starts with
 * `{{baseUrl}}`, credentials are variables (`{{alice_token}}`), never values, and where a single
 * request can show it a test script fails while the flaw is still there. Other findings (files, logs)
 * are named in the collection's description.
 */
export function renderPostman(result: RunResult, _options: RenderOptions = {}): string {
  return `${JSON.stringify(postmanCollection(result), null, 2)}\n`;
}

export function postmanCollection(result: RunResult): PostmanCollection {
  const findings = [...result.findings].sort(compareBySeverity);
  const live = findings.filter((f) => f.location.kind === 'http' && f.evidence?.request);
  const skipped = findings.filter((f) => !live.includes(f));
  const baseUrl = commonOrigin(live);
  const vars = new Map<string, string>();
  const item = live.map((f) => toItem(f, baseUrl, vars));
  const variable: Variable[] = [
    {
      key: 'baseUrl',
      value: baseUrl ?? 'http://127.0.0.1:8080',
      type: 'string',
      description: 'The API under test (a test deployment, never production).',
    },
    ...[...vars]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([key, description]) => ({ key, value: '', type: 'string' as const, description })),
  ];
  return {
    info: {
      _postman_id: uuidOf(findings.map((f) => f.fingerprint).join(',')),
      name: `Rampart ${result.command} findings (${result.startedAt.slice(0, 10)})`,
      description: describeCollection(result, live, skipped, [...vars.keys()]),
      schema: POSTMAN_SCHEMA,
    },
    item,
    variable,
  };
}

function describeCollection(result: RunResult, live: Finding[], skipped: Finding[], vars: string[]): string {
  const lines = live.length
    ? [
        `${plural(live.length, 'request')}, one per flaw \`rampart ${result.command}\` proved on a running API (${result.startedAt}).`,
        '',
        `Set \`baseUrl\` to a test deployment${vars.length ? ` and the credential variables (${vars.map((v) => `\`${v}\``).join(', ')}) to the values of those test identities` : ''}, then send a request to see the flaw, or run the collection after a fix: each request whose flaw one answer can show has a test that fails while the flaw is still there.`,
      ]
    : [
        `No finding of \`rampart ${result.command}\` (${result.startedAt}) carries an HTTP request to replay: the requests come from \`rampart probe\`, which proves flaws on a running API.`,
      ];
  if (skipped.length) {
    lines.push(
      '',
      `${plural(skipped.length, 'finding')} not in this collection (no HTTP request to replay: see the HTML, SARIF or JSON report):`,
    );
    for (const f of skipped.slice(0, SKIPPED_LISTED)) lines.push(`- ${f.severity} \`${f.ruleId}\` at ${locationLabel(f.location)}`);
    if (skipped.length > SKIPPED_LISTED) lines.push(`- …and ${skipped.length - SKIPPED_LISTED} more`);
  }
  return lines.join('\n');
}

/** The origin most live findings share: it becomes `{{baseUrl}}`. */
function commonOrigin(findings: Finding[]): string | undefined {
  const counts = new Map<string, number>();
  for (const f of findings) {
    const o = f.location.kind === 'http' && f.location.url ? originOf(f.location.url) : undefined;
    if (o) counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function originOf(url: string): string | undefined {
  return /^https?:\/\/[^/?#]+/i.exec(url)?.[0];
}

function toItem(f: Finding, baseUrl: string | undefined, vars: Map<string, string>): PostmanItem {
  const loc = f.location as Extract<Finding['location'], { kind: 'http' }>;
  const identities = f.evidence?.identities ?? [];
  const text = (parts: Part[]) => parts.map((p) => ('text' in p ? p.text : variable(p.variable, identities, vars))).join('');
  const req = (f.evidence?.curl && parseCurl(f.evidence.curl)) || fromHttpText(f, identities);
  const raw = text(req.url);
  const url = toUrl(baseUrl && raw.startsWith(baseUrl) ? `{{baseUrl}}${raw.slice(baseUrl.length)}` : raw);
  const header = req.headers
    .map((h) => ({ key: text(h.name), value: text(h.value), type: 'text' as const }))
    .filter((h) => !/^(host|content-length|connection|user-agent)$/i.test(h.key));
  const body = req.body ? text(req.body) : undefined;
  const json = header.some((h) => /^content-type$/i.test(h.key) && /json/i.test(h.value));
  const tests = flawTests(f, req.method, header);
  const request: Request = {
    method: req.method.toUpperCase(),
    header,
    url,
    description: describeRequest(f, tests.length > 0),
  };
  if (body !== undefined) request.body = { mode: 'raw', raw: body, ...(json ? { options: { raw: { language: 'json' } } } : {}) };
  const item: PostmanItem = { name: `[${f.severity}] ${f.ruleId}: ${loc.method.toUpperCase()} ${loc.path}`, request };
  if (tests.length) item.event = [{ listen: 'test', script: { type: 'text/javascript', exec: tests } }];
  return item;
}

function describeRequest(f: Finding, tested: boolean): string {
  const refs = [...f.owasp.map((o) => (isOwaspId(o) ? owaspLabel(o) : o)), ...f.cwe].join(' · ');
  const lines = [`**${f.title}** (${f.severity}, \`${f.ruleId}\`)`, '', f.message, '', `**How to fix:** ${f.remediation}`];
  if (f.evidence?.identities?.length) lines.push('', `Identities involved: ${f.evidence.identities.join(', ')}.`);
  if (f.location.kind === 'http' && f.location.path.includes('{'))
    lines.push(
      '',
      `The ids in the URL are those of Rampart's run (${f.location.path}): put in the id of an object that exists in your test deployment${f.ruleId === 'bola' ? ', owned by the other identity' : ''}.`,
    );
  const status = f.evidence?.response ? parseHttpText(f.evidence.response).startLine : undefined;
  if (status) lines.push('', `Rampart saw: \`${status}\`.`);
  lines.push(
    '',
    tested
      ? 'The test of this request fails while the flaw is still there.'
      : 'No automatic test: one answer cannot show this flaw; compare the answer with what Rampart saw.',
  );
  if (refs) lines.push('', refs);
  return lines.join('\n');
}

/**
 * `{{alice_token}}` for `$ALICE_TOKEN` when alice is one of the finding's identities, else the variable
 * name in lower case (`{{secret_1}}`). Remembers each with a description for the collection's variables.
 */
function variable(shellVar: string, identities: string[], vars: Map<string, string>): string {
  const who = identities.find((i) => shellVar.startsWith(`${shellName(i)}_`));
  const kind = who ? shellVar.slice(shellName(who).length + 1).toLowerCase() : '';
  const key = who ? `${who}_${kind}` : shellVar.toLowerCase();
  if (!vars.has(key))
    vars.set(
      key,
      who ? `${who}'s ${kind.replace(/_/g, ' ')} (a test identity; never a production credential)` : 'A credential of the test setup',
    );
  return `{{${key}}}`;
}

/** As probe's curl names identities: `ALICE` for `alice`, `BOB_SMITH` for `bob-smith`. */
function shellName(identity: string): string {
  return identity
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^(?=[0-9])/, '_');
}

const MASKED = /\S*…\(\d+ chars\)/g;

/**
 * Without a curl command, the request text: its credentials are already masked (`eyJh…(648 chars)`),
 * so each masked value becomes a variable of the identity that sent it.
 */
function fromHttpText(f: Finding, identities: string[]): CurlRequest {
  const http = parseHttpText(f.evidence?.request ?? '');
  const [method = 'GET', target = '/'] = http.startLine.split(' ');
  const host = http.headers.find(([k]) => k.toLowerCase() === 'host')?.[1];
  const loc = f.location as Extract<Finding['location'], { kind: 'http' }>;
  const origin = (loc.url && originOf(loc.url)) ?? (host ? `http://${host}` : '');
  const who = identities[identities.length - 1];
  const secret = (s: string): Part[] => {
    const parts: Part[] = [];
    let last = 0;
    for (const m of s.matchAll(MASKED)) {
      if (m.index > last) parts.push({ text: s.slice(last, m.index) });
      parts.push({ variable: who ? `${shellName(who)}_TOKEN` : 'TOKEN' });
      last = m.index + m[0].length;
    }
    if (last < s.length) parts.push({ text: s.slice(last) });
    return parts;
  };
  return {
    method,
    url: secret(`${origin}${target}`),
    headers: http.headers.map(([k, v]) => ({ name: [{ text: k }], value: secret(v) })),
    body: http.body && !/\n… \(\d+ bytes, cut\)$/.test(http.body) ? secret(http.body) : undefined,
  };
}

function toUrl(raw: string): Request['url'] {
  const m = /^(\{\{baseUrl\}\}|https?:\/\/[^/?#]+)([^?#]*)(?:\?([^#]*))?/i.exec(raw);
  const host = m?.[1] ?? raw;
  const path = (m?.[2] ?? '').split('/').filter(Boolean);
  const query = m?.[3]?.split('&').map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? { key: p, value: '' } : { key: p.slice(0, eq), value: p.slice(eq + 1) };
  });
  return { raw, host: [host], path, ...(query?.length ? { query } : {}) };
}

/** A stable UUID-shaped id, so the same findings give the same collection. */
function uuidOf(s: string): string {
  const h = createHash('sha256').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

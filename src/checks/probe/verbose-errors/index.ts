import { defineProbeCheck, type Endpoint, type Exchange, type ProbeContext } from '../../../engines/probe/types.ts';
import { readableText } from '../_inject/compare.ts';
import { findLeak, type Leak } from '../_inject/errors.ts';
import { callerFor, label, sentText } from '../_inject/points.ts';

/** The body the active part sends: JSON cut short, which every JSON parser rejects. */
export const MALFORMED_JSON = '{"rampart": ';
/** Reports for requests no endpoint matches (random paths of other checks), per run. */
const MAX_UNMATCHED = 20;
/** A 2xx answer counts only when the leak sits in an error envelope (a help page may quote a trace). */
const ERROR_ENVELOPE = /"(?:error|errors|exception|stack|stacktrace|stack_trace|trace|traceback)"\s*:/i;

interface RunState {
  reported: Set<string>;
  unmatched: number;
}
const states = new WeakMap<ProbeContext, RunState>();
function state(ctx: ProbeContext): RunState {
  let s = states.get(ctx);
  if (!s) {
    s = { reported: new Set(), unmatched: 0 };
    states.set(ctx, s);
  }
  return s;
}

const WHAT: Record<Leak['kind'], string> = {
  'debug page': 'a framework debug page',
  'stack trace': 'a stack trace',
  'database error': 'a database error',
};

const RISK: Record<Leak['kind'], string> = {
  'debug page':
    'It shows source code, settings and often secrets, and some debuggers run code typed into the page. Turn debug mode off in every deployed environment',
  'stack trace':
    'It maps the code for an attacker (files, functions, libraries and their versions) and turns every error into a hint for the next attack. Log the details on the server',
  'database error':
    'It reveals the database, its tables and the query, which makes injection and data discovery much easier. Log the details on the server',
};

function describeTrigger(ex: Exchange): string {
  return ex.request.body === MALFORMED_JSON ? 'a malformed JSON body' : 'a request';
}

function judge(ex: Exchange, ctx: ProbeContext): void {
  const res = ex.response;
  if (!res?.body) return;
  const text = readableText(res);
  const leak = findLeak(text);
  if (!leak) return;
  const ok = res.status >= 200 && res.status < 300;
  if (ok && leak.kind !== 'debug page' && !ERROR_ENVELOPE.test(res.body)) return;
  // An API repeating the request is not leaking anything of its own.
  if (sentText(ex).includes(leak.excerpt)) return;
  const s = state(ctx);
  const e: Endpoint | undefined = ex.endpoint;
  const method = ex.request.method.toUpperCase();
  const path = e?.path ?? (ex.request.path.split('?')[0] as string);
  const key = `${method} ${path} ${leak.kind}`;
  if (s.reported.has(key)) return;
  if (!e && s.unmatched >= MAX_UNMATCHED) return;
  s.reported.add(key);
  if (!e) s.unmatched++;
  ctx.report({
    ...(e ? { endpoint: e } : { method, path }),
    messageId: 'leak',
    severity: leak.kind === 'debug page' ? 'high' : 'medium',
    data: {
      endpoint: e ? label(e) : `${method} ${path}`,
      trigger: describeTrigger(ex),
      status: res.status,
      what: WHAT[leak.kind],
      kind: leak.kind,
      source: leak.source,
      excerpt: leak.excerpt,
      risk: RISK[leak.kind],
    },
    exchanges: [ex],
    identities: ex.identity ? [ex.identity] : undefined,
    fingerprintKey: leak.kind,
  });
}

export default defineProbeCheck({
  id: 'verbose-errors',
  title: 'Verbose error messages',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-209', 'CWE-215'],
  messages: {
    leak: '{{endpoint}} answers {{trigger}} with HTTP {{status}} and {{what}} ({{source}}: "{{excerpt}}"). {{risk}}, and answer clients with a generic message and a correlation id (for example application/problem+json with a "detail" that names no internals).',
  },
  defaultOptions: {},
  docs: {
    description:
      'Reads every answer of the run (the crawl and every other check, including their injection payloads) for stack traces (Node.js, Java, Python, .NET, PHP, Ruby, Go), framework debug pages (Django, Werkzeug, Laravel, Rails, ASP.NET, Symfony) and database errors, and also sends a malformed JSON body to every endpoint that takes JSON. A 2xx answer counts only when the leak sits in an error field; text the request itself carried never counts.',
    attack:
      'Error details are reconnaissance for free: a stack trace names the framework, its version, file paths and function names; a database error shows the SQL and table names that an injection needs; a debug page may show settings and secrets, and the Werkzeug console runs Python. Attackers send malformed input on purpose to harvest them.',
    fix: 'Install a last-resort error handler that logs the exception with a correlation id and answers a generic message (problem+json with a status, a title and the id), turn debug modes off in production builds, and map parser and validation errors to 400 answers that say which field is wrong, never how the code failed.',
  },
  observe(ex, ctx) {
    judge(ex, ctx);
  },
  async run(ctx) {
    const endpoints = ctx.endpoints.filter(
      (e) => ['POST', 'PUT', 'PATCH'].includes(e.method.toUpperCase()) && e.body && /json/i.test(e.body.mediaType),
    );
    let next = 0;
    const worker = async () => {
      while (next < endpoints.length && !ctx.signal.aborted) {
        const e = endpoints[next++] as Endpoint;
        const as = callerFor(ctx, e);
        const req = await ctx.build(e, as);
        if (!req) continue;
        // The valid request with its body cut short: `observe` judges the answer like any other.
        const { json: _json, form: _form, ...rest } = req;
        await ctx.send({ ...rest, body: MALFORMED_JSON, headers: { ...req.headers, 'content-type': 'application/json' } }, as, e);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  },
});

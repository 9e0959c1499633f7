import type { Severity } from '../../../core/index.ts';
import { defineProbeCheck, type ProbeResponse } from '../../../engines/probe/types.ts';
import { header, looksLikeBaseline, mediaFamily, notFoundBaseline } from '../_config/exchanges.ts';

/**
 * A well-known debug, admin or metrics path, and how its real answer looks: a signature on the body,
 * so a catch-all page, a soft 404 or a login form never counts.
 */
interface Candidate {
  path: string;
  what: string;
  risk: string;
  severity: Severity;
  /** Proof in a few words when the body is the real thing (never a secret value), else undefined. */
  proof(res: ProbeResponse, body: string): string | undefined;
}

const notHtml = (res: ProbeResponse) => mediaFamily(res) !== 'html';
function json(body: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(body) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const ENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/gm;
function envProof(res: ProbeResponse, body: string): string | undefined {
  if (!notHtml(res) || body.trimStart().startsWith('{') || body.trimStart().startsWith('<')) return undefined;
  const keys = [...body.matchAll(ENV_LINE)].map((m) => m[1] as string);
  if (keys.length < 2) return undefined;
  return `${keys.length} KEY=VALUE lines, keys ${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', ...' : ''}`;
}

export const CANDIDATES: Candidate[] = [
  {
    path: '/.env',
    what: 'the environment file (.env)',
    risk: 'it usually holds database passwords, API keys and signing secrets, so anyone can take over the backend.',
    severity: 'critical',
    proof: envProof,
  },
  {
    path: '/.env.production',
    what: 'a production environment file',
    risk: 'it usually holds database passwords, API keys and signing secrets, so anyone can take over the backend.',
    severity: 'critical',
    proof: envProof,
  },
  {
    path: '/.git/config',
    what: 'the Git repository configuration',
    risk: 'the whole .git directory is probably served too, so anyone can download the source code, its history and any secret ever committed.',
    severity: 'high',
    proof: (res, body) =>
      notHtml(res) && /^\s*\[core\]/m.test(body) && /repositoryformatversion|bare\s*=/.test(body) ? 'a [core] section' : undefined,
  },
  {
    path: '/.aws/credentials',
    what: 'an AWS credentials file',
    risk: 'anyone can use the cloud account it belongs to.',
    severity: 'critical',
    proof: (res, body) => (notHtml(res) && /^\s*aws_access_key_id\s*=/im.test(body) ? 'an aws_access_key_id entry' : undefined),
  },
  {
    path: '/actuator/env',
    what: 'the Spring Boot actuator environment',
    risk: 'it lists configuration properties and environment variables, often with credentials, and can reveal every internal host.',
    severity: 'high',
    proof: (_res, body) => {
      const j = json(body);
      return j && (Array.isArray(j.propertySources) || Array.isArray(j.activeProfiles))
        ? 'propertySources / activeProfiles in JSON'
        : undefined;
    },
  },
  {
    path: '/actuator',
    what: 'the Spring Boot actuator index',
    risk: 'it advertises management endpoints (env, heapdump, loggers, shutdown) that leak secrets or change the running service.',
    severity: 'medium',
    proof: (_res, body) => {
      const j = json(body);
      const links = j?._links as Record<string, unknown> | undefined;
      return links && typeof links === 'object' && Object.keys(links).length > 1
        ? `${Object.keys(links).length} management links`
        : undefined;
    },
  },
  {
    path: '/debug/vars',
    what: 'Go expvar runtime variables',
    risk: 'they show the command line (often with flags holding secrets) and internal counters.',
    severity: 'medium',
    proof: (_res, body) => {
      const j = json(body);
      return j && 'cmdline' in j && 'memstats' in j ? 'cmdline and memstats in JSON' : undefined;
    },
  },
  {
    path: '/debug/pprof/',
    what: 'the Go pprof profiler',
    risk: 'anyone can pull heap dumps and goroutine stacks (with data in memory) and start CPU profiles that slow the service down.',
    severity: 'high',
    proof: (_res, body) =>
      /\/debug\/pprof\/|Types of profiles available/.test(body) && /goroutine/.test(body) ? 'the profile index' : undefined,
  },
  {
    path: '/server-status',
    what: 'the Apache server-status page',
    risk: 'it shows every request in flight, with client addresses and URLs that may carry tokens.',
    severity: 'medium',
    proof: (_res, body) => (/Apache Server Status|Server uptime:|Total accesses:/i.test(body) ? 'the server status report' : undefined),
  },
  {
    path: '/metrics',
    what: 'Prometheus metrics',
    risk: 'they map the service (routes, dependencies, versions, load) for an attacker and can be scraped to watch business volumes.',
    severity: 'medium',
    proof: (res, body) => {
      if (!notHtml(res) || !/^# (?:HELP|TYPE) [a-zA-Z_:][\w:]* /m.test(body)) return undefined;
      const n = new Set([...body.matchAll(/^# TYPE ([a-zA-Z_:][\w:]*) /gm)].map((m) => m[1])).size;
      return n ? `${n} metric families in Prometheus text format` : undefined;
    },
  },
  {
    path: '/phpinfo.php',
    what: 'a phpinfo() page',
    risk: 'it shows the PHP configuration, paths, loaded modules and environment variables, often with credentials.',
    severity: 'high',
    proof: (_res, body) =>
      /<title>(?:PHP \d[^<]*- )?phpinfo\(\)<\/title>|PHP Version \d[\s\S]*PHP License/i.test(body) ? 'the phpinfo() report' : undefined,
  },
  {
    path: '/console',
    what: 'an interactive debug console',
    risk: 'whoever can open it runs code on the server.',
    severity: 'critical',
    proof: (_res, body) =>
      /Werkzeug|Interactive Console|console\.js.*EVALEX|H2 Console|web-console/i.test(body) && /<html|<!doctype/i.test(body)
        ? 'a debugger console page'
        : undefined,
  },
  {
    path: '/h2-console/',
    what: 'the H2 database console',
    risk: 'whoever can open it queries and changes the database, and may run code on the server.',
    severity: 'critical',
    proof: (_res, body) => (/H2 Console|h2-console|org\.h2/i.test(body) ? 'the H2 login page' : undefined),
  },
  {
    path: '/elmah.axd',
    what: 'the ELMAH error log',
    risk: 'it shows every error with request details, cookies and session ids.',
    severity: 'high',
    proof: (_res, body) => (/Error Log for|ELMAH/i.test(body) ? 'the error log' : undefined),
  },
  {
    path: '/_profiler/',
    what: 'the Symfony profiler',
    risk: 'it shows recent requests with headers, session data, queries and configuration.',
    severity: 'high',
    proof: (_res, body) => (/Symfony Profiler|sf-toolbar|_profiler\/search/i.test(body) ? 'the profiler page' : undefined),
  },
  {
    path: '/swagger-ui.html',
    what: 'Swagger UI',
    risk: 'the interactive documentation hands attackers a map and a console for every operation; on a production deployment it is usually unintended.',
    severity: 'low',
    proof: (_res, body) => (/swagger-ui/i.test(body) && /<html|<!doctype/i.test(body) ? 'the Swagger UI page' : undefined),
  },
];

export default defineProbeCheck({
  id: 'debug-endpoint-answers',
  title: 'Debug, admin or metrics endpoint answers',
  severity: 'high',
  confidence: 'high',
  owasp: ['API9:2023', 'API8:2023'],
  cwe: ['CWE-215', 'CWE-538'],
  messages: {
    exposed:
      'GET {{path}} serves {{what}} to anyone without credentials ({{proof}}): {{risk}} Remove it from the deployed build, or block the path at the server or gateway; rotate any secret it showed.',
  },
  defaultOptions: {},
  docs: {
    description:
      "Requests a bounded list of well-known debug, admin and metrics paths anonymously (.env, .git/config, Spring Boot actuator, Go expvar and pprof, server-status, Prometheus /metrics, phpinfo, debug consoles, ELMAH, the Symfony profiler, Swagger UI) at the root and the target's base path. A path counts only when the body has the signature of the real thing (a .env has KEY=VALUE lines and is not HTML) and differs from the answer to a random path, so catch-all pages and soft 404s never raise an alarm.",
    attack:
      'Scanners try these paths on every host they find. A served .env or .git gives away database passwords and signing keys, actuator/env and phpinfo leak configuration and credentials, pprof and heap dumps leak memory, and debug consoles run code on the server: each is a full compromise without any exploit.',
    fix: 'Build production artefacts without debug tooling and dotfiles (serve only a public directory, never the project root), disable framework debug modes and management endpoints or bind them to an internal port, and deny these paths at the reverse proxy or gateway as a second line. Rotate any secret that was exposed.',
  },
  async run(ctx) {
    const bases = ['/'];
    if (ctx.target.pathname !== '/') bases.push(ctx.target.pathname);
    for (const base of bases) {
      if (ctx.signal.aborted) return;
      // What an unknown path looks like here (a soft 404 must not count as an answer).
      const { baseline } = await notFoundBaseline(ctx, base);
      const { baseline: dotted } = await notFoundBaseline(ctx, base, 'GET', null, '.php');
      for (const c of CANDIDATES) {
        if (ctx.signal.aborted) return;
        const path = `${base.replace(/\/$/, '')}${c.path}`;
        const ex = await ctx.send({ method: 'GET', path }, null);
        const res = ex.response;
        if (!res || res.status < 200 || res.status >= 300) continue;
        if (looksLikeBaseline(ex, baseline) || looksLikeBaseline(ex, dotted)) continue;
        const proof = c.proof(res, res.body);
        if (!proof) continue;
        ctx.report({
          method: 'GET',
          path,
          messageId: 'exposed',
          severity: c.severity,
          data: { path, what: c.what, proof, risk: c.risk, type: header(res, 'content-type') ?? '' },
          exchanges: [ex],
          fingerprintKey: c.path,
        });
      }
    }
  },
});

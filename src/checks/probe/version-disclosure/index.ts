import { defineProbeCheck } from '../../../engines/probe/types.ts';
import { ApiWide } from '../_config/api-wide.ts';
import { header, perRun } from '../_config/exchanges.ts';

/** Headers that name server software or a framework. */
const HEADERS = ['server', 'x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version', 'x-generator', 'x-runtime-version'];

/** A version number: `1.18`, `4.18.2`, `/8`, `v20`, `PHP/7`. */
const VERSION = /(?:^|[\s/(v_-])\d+(?:\.\d+)+|\/v?\d+\b|\bv\d+(?:\.\d+)*\b/i;

const state = perRun(() => new ApiWide());

export default defineProbeCheck({
  id: 'version-disclosure',
  title: 'Server or framework version disclosed',
  severity: 'low',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-200'],
  messages: {
    version:
      'The "{{header}}: {{value}}" response header tells everyone which software and version run this API ({{count}} of {{total}} endpoints probed): attackers match the version against known vulnerabilities (CVEs) and aim their exploits precisely. Remove the header or its version (Express: app.disable("x-powered-by"); nginx: server_tokens off; IIS/ASP.NET: enableVersionHeader="false" and removeServerHeader).',
  },
  defaultOptions: {},
  docs: {
    description:
      'Watches every response of the run for Server, X-Powered-By, X-AspNet-Version, X-AspNetMvc-Version, X-Generator and X-Runtime-Version headers that carry a version number (nginx/1.18.0, Express 4.18.2, PHP/8.1). Each header is reported once for the whole API.',
    attack:
      'A version number turns reconnaissance into a lookup: the attacker searches the CVE databases for that exact release of the web server, language runtime or framework and sends a working exploit first time, without the noisy probing that monitoring might notice.',
    fix: 'Stop sending version numbers: remove X-Powered-By and X-AspNet-Version entirely and reduce Server to a product name or nothing (nginx server_tokens off, Apache ServerTokens Prod, Express app.disable("x-powered-by"), Kestrel AddServerHeader = false). Keep software patched regardless.',
  },
  observe(ex, ctx) {
    const wide = state(ctx);
    const where = wide.where(ex, ctx);
    if (!where || !ex.response) return;
    wide.saw(where);
    for (const name of HEADERS) {
      const value = header(ex.response, name);
      if (!value || !VERSION.test(value)) continue;
      wide.add(ctx, name, where, ex, { header: displayName(name), value: value.slice(0, 120) });
    }
  },
  done(ctx) {
    state(ctx).report(ctx, HEADERS, () => ({ messageId: 'version' }));
  },
});

function displayName(name: string): string {
  return name
    .split('-')
    .map((w) => (w === 'aspnet' ? 'AspNet' : w === 'aspnetmvc' ? 'AspNetMvc' : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('-');
}

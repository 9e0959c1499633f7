import { defineDesignCheck, type Obj } from '../../../engines/design/types.ts';
import { child } from '../../../formats/openapi/refs.ts';
import { parentOf, ServerCollector, type ServerInfo } from '../_shared/net-servers.ts';
import { displayUrl } from '../_shared/net-url.ts';
import { isObj } from '../_shared/nodes.ts';

/** Words that name an environment, in a description or in the labels of a host name. */
const ENVIRONMENT =
  /\b(?:prod|production|live|stag|stage|staging|sandbox|dev|develop|development|test|testing|qa|uat|preprod|pre-prod|pre-production|demo|mock|local|localhost|preview|beta|integration|int|perf|canary|eu|us)\b/i;
const ENV_EXTENSION = /^x-(?:environment|env|stage|audience|internal)$/i;
const ENV_VARIABLE = /^(?:env|environment|stage|tier)$/i;

const filled = (v: unknown) => (isObj(v) ? Object.keys(v).length > 0 : typeof v === 'string' ? v.trim() !== '' : false);

function declaresEnvironment(info: ServerInfo): boolean {
  const obj = info.object?.value;
  if (obj) {
    if (typeof obj.description === 'string' && ENVIRONMENT.test(obj.description)) return true;
    if (Object.keys(obj).some((k) => ENV_EXTENSION.test(k))) return true;
    if (isObj(obj.variables) && Object.keys(obj.variables).some((k) => ENV_VARIABLE.test(k))) return true;
  }
  // api.sandbox.example.com, api-staging.example.com: the name says it.
  return ENVIRONMENT.test(info.parsed.hostname.replace(/[.-]/g, ' '));
}

export default defineDesignCheck({
  id: 'inventory-metadata-missing',
  title: 'Inventory metadata missing (contact, terms, server environment)',
  severity: 'info',
  confidence: 'high',
  owasp: ['API9:2023'],
  cwe: ['CWE-1059'],
  messages: {
    contact:
      'The definition names no contact (`info.contact`): security researchers and consumers have nobody to report a vulnerability or an incident to, and the inventory has no owner for this API.',
    terms:
      'The definition states neither `info.license` nor `info.termsOfService`: the terms under which the API may be used are not stated.',
    environment:
      'Server "{{url}}" does not say which environment it is (production, staging, sandbox...): say it in its description or an `x-environment` extension, so that consumers and the inventory can tell environments apart.',
  },
  docs: {
    description:
      'Inventory hygiene, one finding per missing item: no `info.contact`; neither `info.license` nor `info.termsOfService`; a server of an OpenAPI 3.x server list that offers several (any level, once per URL; a lone server is taken to be the production address of the API) whose description, extensions (`x-environment`, `x-internal`...), environment variable or host name does not say which environment it is. Swagger 2.0 has no server description, so only the `info` items apply there.',
    attack:
      'Improper inventory is how APIs get forgotten: without an owner to contact, vulnerability reports and incident notices go nowhere; without a clear environment per server, staging and sandbox hosts with weaker controls and test data end up used, exposed and unmonitored as if they were production.',
    fix: 'Fill `info.contact` (a team address, not a person), `info.license` or `info.termsOfService`, and describe every server with its environment (for example "Production", "Sandbox (test data only)"), or add `x-environment: production`.',
  },
  create(ctx) {
    const api = ctx.api;
    const servers = new ServerCollector(ctx);
    const seenUrls = new Set<string>();
    const judge = (info: ServerInfo | undefined) => {
      if (!info?.object || api.version === '2.0' || !info.server.url.trim() || seenUrls.has(info.server.url)) return;
      // A lone server is the API's address; environments need telling apart when a list offers several.
      const list = parentOf(info.object)?.value;
      if (!Array.isArray(list) || list.length < 2) return;
      seenUrls.add(info.server.url);
      if (declaresEnvironment(info)) return;
      ctx.report({ node: info.object, messageId: 'environment', data: { url: displayUrl(info.server.url) } });
    };
    return {
      document() {
        const infoRef = child<Obj>(api.root, 'info');
        const node = infoRef ?? api.root;
        const info = infoRef && isObj(infoRef.value) ? infoRef.value : {};
        if (!filled(info.contact)) ctx.report({ node, messageId: 'contact' });
        if (!filled(info.license) && !filled(info.termsOfService)) ctx.report({ node, messageId: 'terms' });
      },
      server: (s) => judge(servers.add(s)),
      operation: (op) => {
        for (const info of servers.addOperation(op)) judge(info);
      },
    };
  },
});

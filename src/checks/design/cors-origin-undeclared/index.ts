import { defineDesignCheck, type Obj } from '../../../engines/design/types.ts';
import type { Operation } from '../../../formats/openapi/model.ts';
import { child, type NodeRef } from '../../../formats/openapi/refs.ts';
import { isObj } from '../_shared/nodes.ts';
import { opLabel } from '../_shared/operations.ts';

const ACAO = 'access-control-allow-origin';
const ACAC = 'access-control-allow-credentials';
const CORS_EXTENSIONS = ['x-amazon-apigateway-cors', 'x-cors', 'x-google-cors'];
const EXAMPLES = 3;

export default defineDesignCheck({
  id: 'cors-origin-undeclared',
  title: 'CORS policy undocumented or wildcard origin with credentials',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API8:2023'],
  cwe: ['CWE-942'],
  messages: {
    undeclared:
      'No response of this API documents an `Access-Control-Allow-Origin` header: the cross-origin (CORS) policy is not part of the contract, so nobody can review which web origins may call the API from a browser.',
    wildcardCredentials:
      '`Access-Control-Allow-Origin` is documented as "{{value}}" together with `Access-Control-Allow-Credentials: true` (for example on {{operation}}): browsers reject that pair, and servers configured this way usually end up reflecting any Origin with credentials, letting any website act as the signed-in user.',
    wildcardAmbient:
      '`Access-Control-Allow-Origin` is documented as "{{value}}" for operations that authenticate with {{credential}}, which browsers send by themselves (for example {{operation}}): the CORS policy of a credentialed API names no trusted web origin.',
  },
  docs: {
    description:
      'Two CORS concepts. (a) Once per definition, at `paths` (info): no response documents `Access-Control-Allow-Origin` (nor does a CORS extension such as `x-amazon-apigateway-cors`, nor the description), so the CORS policy is not reviewable; peers report this on every response. (b) A documented `Access-Control-Allow-Origin` whose schema or example values are `*` or `null` on an operation that also documents `Access-Control-Allow-Credentials: true` (medium: that pair is rejected by browsers and usually "fixed" by reflecting any origin), or that authenticates with credentials browsers attach by themselves, cookies or HTTP Basic/Digest/Negotiate (low: browsers do not expose credentialed responses under a wildcard, but the policy names no trusted origin). One finding per kind per definition, at the first header, with the operations as evidence. Bearer tokens and API keys in headers are not ambient: a wildcard origin alone does not expose them, so they are not reported.',
    attack:
      "CORS decides which websites may read API responses from a victim's browser. A credentialed API whose policy is a wildcard is one configuration change away from the classic misconfiguration: the server reflects whatever Origin it receives together with `Access-Control-Allow-Credentials: true`, and any page the victim visits reads their data and performs actions with their session. The `null` origin is as bad: sandboxed iframes and local files send it.",
    fix: 'Document the CORS headers on the responses that browsers read, with an explicit allow-list of origins (an `enum` of trusted origins rather than `*`); never combine credentials with a wildcard, `null` or a reflected Origin; add `Vary: Origin` when the value depends on the request. Server-to-server APIs can say they send no CORS headers at all.',
  },
  create(ctx) {
    const api = ctx.api;
    let declared = false;
    let pathOps = 0;
    const wildcards = new Map<string, { node: NodeRef; value: string; messageId: string; credential: string; ops: string[] }>();

    /** The literal values a header object allows or shows (3.x schema or 2.0 header fields, examples). */
    const valuesOf = (header: NodeRef | undefined): unknown[] => {
      const h = ctx.resolve<Obj>(header);
      if (!h || !isObj(h.value)) return [];
      const out: unknown[] = [];
      const collect = (o: Obj) => {
        if (Array.isArray(o.enum)) out.push(...o.enum);
        for (const k of ['default', 'example', 'const', 'x-example']) if (k in o) out.push(o[k]);
        if (Array.isArray(o.examples)) out.push(...o.examples);
      };
      collect(h.value);
      const schema = ctx.resolve<Obj>(child(h, 'schema'));
      if (schema && isObj(schema.value)) collect(schema.value);
      if (isObj(h.value.examples)) for (const ex of Object.values(h.value.examples)) if (isObj(ex) && 'value' in ex) out.push(ex.value);
      return out;
    };

    /** Credentials a browser attaches on its own: cookies and HTTP authentication it has cached. */
    const ambientCredential = (op: Operation): string | undefined => {
      for (const req of op.security ?? []) {
        for (const { name } of req.schemes) {
          const s = api.securitySchemes.get(name);
          if (!s) continue;
          if (s.type === 'apiKey' && s.in === 'cookie') return `a cookie ("${s.paramName ?? name}")`;
          if (s.type === 'http' && (s.scheme === 'basic' || s.scheme === 'digest' || s.scheme === 'negotiate'))
            return `HTTP ${s.scheme[0].toUpperCase()}${s.scheme.slice(1)} credentials`;
        }
      }
      return undefined;
    };

    return {
      document() {
        const root = api.root.value;
        const info = isObj(root.info) ? root.info : {};
        if (CORS_EXTENSIONS.some((k) => k in root)) declared = true;
        if (typeof info.description === 'string' && /\bCORS\b|cross-origin/i.test(info.description)) declared = true;
      },
      operation(op) {
        if (op.kind !== 'path') return;
        pathOps++;
        if (CORS_EXTENSIONS.some((k) => k in op.ref.value)) declared = true;
        for (const r of op.responses) {
          const acao = r.headers.get(ACAO);
          if (!acao) continue;
          declared = true;
          const wild = valuesOf(acao).find((v) => v === '*' || v === 'null');
          if (typeof wild !== 'string') continue;
          const withCredentials = valuesOf(r.headers.get(ACAC)).some((v) => v === true || v === 'true');
          const credential = withCredentials ? '' : ambientCredential(op);
          if (!withCredentials && !credential) continue;
          // One finding per kind of problem per definition, at the first header that shows it.
          const messageId = withCredentials ? 'wildcardCredentials' : 'wildcardAmbient';
          const key = `${messageId}\0${wild}\0${credential ?? ''}`;
          let entry = wildcards.get(key);
          if (!entry) {
            entry = { node: ctx.resolve(acao) ?? acao, value: wild, messageId, credential: credential ?? '', ops: [] };
            wildcards.set(key, entry);
          }
          if (entry.ops[entry.ops.length - 1] !== opLabel(op)) entry.ops.push(opLabel(op));
        }
      },
      done() {
        for (const e of wildcards.values()) {
          const n = e.ops.length;
          ctx.report({
            node: e.node,
            messageId: e.messageId,
            // Browsers do not expose credentialed responses under a wildcard: a hardening issue unless
            // credentials are explicitly allowed too.
            severity: e.messageId === 'wildcardCredentials' ? 'medium' : 'low',
            data: { value: e.value, operation: e.ops[0], credential: e.credential },
            evidence: `${n} operation${n === 1 ? '' : 's'}: ${e.ops.slice(0, EXAMPLES).join(', ')}${n > EXAMPLES ? ', ...' : ''}`,
          });
        }
        if (declared || pathOps === 0) return;
        const paths = child(api.root, 'paths');
        if (paths) ctx.report({ node: paths, messageId: 'undeclared', severity: 'info' });
      },
    };
  },
});

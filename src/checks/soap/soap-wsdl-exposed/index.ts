import { defineSoapProbeCheck } from '../../../engines/soap/types.ts';
import { looksLikeWsdl } from '../../../engines/soap/wsdl.ts';
import { distinctTargets } from '../_shared/ops.ts';

export default defineSoapProbeCheck({
  id: 'soap-wsdl-exposed',
  title: 'WSDL served publicly by the SOAP endpoint',
  severity: 'low',
  confidence: 'high',
  owasp: ['API9:2023'],
  cwe: ['CWE-200'],
  messages: {
    exposed:
      "GET {{path}} answers anyone, without credentials, with the service's WSDL ({{operations}} operation(s), e.g. {{sample}}): every operation, message and type is published to whoever finds the endpoint. Serve the WSDL only to authenticated clients or from a developer portal, and turn off ?wsdl on public endpoints.",
  },
  docs: {
    description:
      'Asks each SOAP endpoint of the WSDL for its own description, without credentials, at `?wsdl`, `?WSDL` and `?singleWsdl` (WCF), and reports the endpoint when the answer is a WSDL 1.1 or 2.0 document.',
    attack:
      'A public WSDL is a map of the API: attackers read the names of administrative and internal operations, the exact messages they take and the types of every field, and feed it to tools (SoapUI, wsdler, the probe of any scanner) that generate and fuzz every call, including the ones no client was ever meant to use.',
    fix: 'Disable WSDL generation on production endpoints (`?wsdl` answered by the framework: JAX-WS, CXF, WCF serviceMetadata httpGetEnabled=false, node-soap) or require authentication for it; distribute the WSDL to partners out of band or through an authenticated portal, and publish only the operations they need.',
  },
  async run(ctx) {
    for (const t of distinctTargets(ctx.targets)) {
      for (const q of ['?wsdl', '?WSDL', '?singleWsdl']) {
        if (ctx.signal.aborted) return;
        const path = `${t.url.pathname}${q}`;
        const ex = await ctx.get(t, path);
        const res = ex?.response;
        if (!ex || !res || res.status !== 200 || !looksLikeWsdl(res.body)) continue;
        const operations = t.operations.length;
        ctx.report({
          target: t,
          method: 'GET',
          messageId: 'exposed',
          data: {
            path,
            operations,
            sample:
              t.operations
                .slice(0, 3)
                .map((o) => `"${o.name}"`)
                .join(', ') || 'none',
          },
          exchanges: [ex],
        });
        break;
      }
    }
  },
});

import { defineProbeCheck, type Exchange } from '../../../engines/probe/types.ts';
import { describePoint, eachTarget, inject, label, marker } from '../_inject/points.ts';
import { rendersAsHtml, xssPayload } from '../_inject/xss.ts';

function reflected(ex: Exchange | undefined, element: string): boolean {
  const r = ex?.response;
  return !!r && rendersAsHtml(r.headers, r.body) && r.body.includes(element);
}

const FIX =
  "Escape every value for the context it is written into (HTML text, attribute, URL, script) with the template engine's auto-escaping, never by string concatenation; serve API data as application/json with X-Content-Type-Options: nosniff, and add a Content-Security-Policy that forbids inline scripts.";

export default defineProbeCheck({
  id: 'reflected-xss',
  title: 'Reflected cross-site scripting',
  severity: 'high',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-79'],
  messages: {
    reflected: `{{where}} of {{endpoint}} is written unescaped into an HTML answer ({{type}}): the value {{payload}} came back with its element {{element}} intact{{quote}}, twice. A crafted link or form that puts <script> or an event handler in this value runs the attacker's code in your origin, with the victim's session: stealing tokens, acting as the user. ${FIX}`,
  },
  defaultOptions: { maxPointsPerEndpoint: 12 },
  docs: {
    description:
      'Appends a marker with quotes and an element of its own (\'"<rmp…>) to every query, path and header parameter and every string field of the JSON body, and reports a value whose answer is rendered as HTML by browsers (text/html, XHTML, or no content type and markup without nosniff) and contains the element unescaped, confirmed with a second marker. Reflection in JSON or plain text with nosniff is not reported: browsers do not render it.',
    attack:
      "A search page, an error page or an \"unsubscribe\" confirmation that echoes a parameter into HTML lets an attacker craft a link whose parameter carries <script> or an onerror handler. Whoever opens it runs the attacker's script in the API's origin: it reads tokens from storage, calls the API with the victim's cookies and changes their account.",
    fix: `${FIX} Prefer returning JSON and rendering on the client with safe DOM APIs (textContent).`,
  },
  async run(ctx) {
    await eachTarget(ctx, async (t) => {
      for (const p of t.points) {
        if (ctx.signal.aborted) return;
        const one = xssPayload(p.original, marker());
        const first = await inject(ctx, t, p, one.value);
        if (!reflected(first, one.element)) continue;
        const two = xssPayload(p.original, marker());
        const second = await inject(ctx, t, p, two.value);
        if (!first || !second || !reflected(second, two.element)) continue;
        const body = first.response?.body ?? '';
        const quote = body.includes(`'"${one.element}`) ? ' and its quotes unescaped (attributes can be broken out of too)' : '';
        // A browser sends query and path values cross-site from a link, form fields from an auto-submitted
        // form; a header or a JSON body needs more (a CORS flaw, another bug).
        const viaLink = p.place === 'query' || p.place === 'path' || p.place === 'form';
        ctx.report({
          endpoint: t.endpoint,
          messageId: 'reflected',
          severity: viaLink ? 'high' : 'medium',
          data: {
            where: describePoint(p),
            endpoint: label(t.endpoint),
            name: p.name,
            technique: 'reflection',
            payload: JSON.stringify(one.value),
            element: one.element,
            quote,
            type: first.response?.headers['content-type'] ?? 'no content type',
          },
          exchanges: [first, second, t.baseline],
          identities: t.as ? [t.as] : undefined,
          fingerprintKey: p.name,
        });
      }
    });
  },
});

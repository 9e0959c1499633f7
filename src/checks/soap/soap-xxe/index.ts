import { randomBytes } from 'node:crypto';
import type { Exchange } from '../../../engines/probe/types.ts';
import { envelope } from '../../../engines/soap/envelope.ts';
import { defineSoapProbeCheck, type SoapOperation, type SoapTarget } from '../../../engines/soap/types.ts';
import { distinctTargets, payloadOperation } from '../_shared/ops.ts';

/** What the canary answers; seen in a response, the server put the fetched entity into its answer. */
const CANARY_BODY = 'rampart canary';

const FIX =
  'Turn off DTD processing in the XML parser that reads requests (disallow-doctype-decl; for JAXP also external-general-entities and external-parameter-entities false; .NET DtdProcessing.Prohibit; libxml2 without XML_PARSE_NOENT/DTDLOAD; lxml resolve_entities=False, or defusedxml), and reject any request that carries a DOCTYPE.';

/** An external general entity used in a field, and an external parameter entity used in the DTD itself (blind). */
const SHOTS = [
  {
    id: 'g',
    kind: 'an external general entity',
    prolog: (url: string) => `<!DOCTYPE rampart [<!ENTITY rampart SYSTEM "${url}">]>\n`,
    value: '&rampart;',
  },
  {
    id: 'p',
    kind: 'an external parameter entity',
    prolog: (url: string) => `<!DOCTYPE rampart [<!ENTITY % rampart SYSTEM "${url}"> %rampart;]>\n`,
    value: 'rampart',
  },
];

export default defineSoapProbeCheck({
  id: 'soap-xxe',
  title: 'XML external entities resolved in SOAP requests (XXE)',
  severity: 'critical',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-611'],
  messages: {
    fetched: `Operation "{{operation}}" resolves external entities: a request whose DOCTYPE declares {{kind}} pointing at Rampart's loopback canary made the server fetch it ({{hit}}){{reflected}}. An attacker uses the same DOCTYPE with file:///etc/passwd, internal URLs or the cloud metadata service to read files and reach internal systems. ${FIX}`,
    reflected: `Operation "{{operation}}" resolves external entities: the answer to a request whose DOCTYPE declares an external entity on Rampart's canary contains the canary's own text, so the server fetched the URL and returned the content. An attacker reads local files (file:///etc/passwd) and internal URLs the same way. ${FIX}`,
  },
  defaultOptions: { waitMs: 1500 },
  docs: {
    description:
      "Sends two requests per SOAP endpoint whose DOCTYPE declares an external general entity, then an external parameter entity, with the URL of a canary server Rampart runs on 127.0.0.1, referenced from a text field of a read-only looking operation, and reports the endpoint when the canary receives the request or the canary's text comes back in the answer. Only the canary URL is used: never a file:// URI or another host.",
    attack:
      'XML parsers that process DTDs resolve `<!ENTITY x SYSTEM "...">` while reading the request: attackers read local files (`file:///etc/passwd`, configuration with passwords), make the server request internal URLs and the cloud metadata endpoint (SSRF), exfiltrate data out of band through parameter entities, or hang it with entity expansion.',
    fix: `${FIX} Test the fix with this check.`,
  },
  async run(ctx) {
    const waitMs = Number(ctx.options.waitMs ?? 1500);
    const sent: { t: SoapTarget; op: SoapOperation; kind: string; marker: string; ex: Exchange }[] = [];
    // Every shot first, then one wait for late fetches of them all.
    for (const t of distinctTargets(ctx.targets)) {
      const op = payloadOperation(t);
      if (!op) continue;
      const nonce = randomBytes(4).toString('hex');
      for (const s of SHOTS) {
        if (ctx.signal.aborted) break;
        const marker = `xxe-${nonce}-${s.id}`;
        const url = ctx.canary.url(marker);
        const ex = await ctx.call(t, { action: op.action, body: envelope(t.soapVersion, op, { prolog: s.prolog(url), value: s.value }) });
        if (ex) sent.push({ t, op, kind: s.kind, marker, ex });
      }
    }
    const hits = await Promise.all(sent.map((s) => ctx.canary.hits(s.marker, s.ex.response ? waitMs : 0)));
    const reported = new Set<string>();
    sent.forEach((s, i) => {
      const hit = hits[i]?.[0];
      const reflected = !!s.ex.response?.body.includes(CANARY_BODY);
      if ((!hit && !reflected) || reported.has(s.t.url.href)) return;
      reported.add(s.t.url.href);
      ctx.report({
        target: s.t,
        messageId: hit ? 'fetched' : 'reflected',
        data: {
          operation: s.op.name,
          kind: s.kind,
          hit: hit
            ? `${hit.method} ${hit.path.replace(/\/c\/[^/?#]+/, '/c/…')}${hit.headers['user-agent'] ? ` with User-Agent "${hit.headers['user-agent'].slice(0, 60)}"` : ''}`
            : '',
          reflected: reflected ? ' and returned its content in the answer' : '',
        },
        exchanges: [s.ex],
        key: s.op.name,
      });
    });
  },
});

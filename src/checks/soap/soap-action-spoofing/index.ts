import { envelope, readAnswer } from '../../../engines/soap/envelope.ts';
import { defineSoapProbeCheck, type SoapOperation, type SoapTarget } from '../../../engines/soap/types.ts';
import { adminVerb, looksReadOnly } from '../_shared/names.ts';

/**
 * Two read-only looking operations with distinct actions: the body calls one, the header names the
 * other. Both are harmless, so a server that dispatches on the header instead runs nothing dangerous.
 */
function pair(t: SoapTarget): { body: SoapOperation; header: SoapOperation } | undefined {
  const safe = t.operations.filter((o) => o.action && looksReadOnly(o.name) && !adminVerb(o.name));
  const body = safe[0];
  const header = safe.find((o) => o.action !== body?.action);
  return body && header ? { body, header } : undefined;
}

export default defineSoapProbeCheck({
  id: 'soap-action-spoofing',
  title: 'SOAPAction header not matched against the operation in the body',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API5:2023'],
  cwe: ['CWE-436'],
  messages: {
    spoofed:
      'The endpoint ran "{{bodyOperation}}" (answer <{{answer}}>) for a request whose {{header}} named "{{headerOperation}}" ({{action}}): the server dispatches on the body and ignores the declared action. Gateways, WAFs and access rules that allow or deny by SOAPAction are bypassed by putting an allowed action in the header and any operation in the body. Reject requests whose action does not match the body\'s operation.',
  },
  docs: {
    description:
      'For each endpoint with at least two read-only looking operations (get, list, find...) declaring distinct SOAP actions, calls the first once normally, then again with the action of the second in the SOAPAction header (SOAP 1.1) or the action parameter of the content type (SOAP 1.2), and reports the endpoint when the second call returns the same successful answer as the first. Both operations are read-only looking, so a server that dispatches on the header instead runs nothing harmful either.',
    attack:
      'Access control at the edge often keys on the SOAPAction header (an XML gateway or WAF allows "GetQuote" from the internet, denies "DeleteAccount"). If the server picks the operation from the body instead, an attacker sends an allowed action with a forbidden operation in the body (SOAPAction spoofing, as with WS-Addressing Action spoofing) and reaches functions the gateway was meant to block.',
    fix: 'Make the server check that the SOAPAction (or WS-Addressing wsa:Action) matches the operation of the body element and fault otherwise (e.g. CXF/JAX-WS with the action strictly enforced, WCF with action-based dispatch); enforce authorization inside the service per operation, not only at the gateway.',
  },
  async run(ctx) {
    const seen = new Set<string>();
    for (const t of ctx.targets) {
      if (seen.has(t.url.href) || ctx.signal.aborted) continue;
      const p = pair(t);
      if (!p) continue;
      seen.add(t.url.href);
      const body = envelope(t.soapVersion, p.body);
      const normal = await ctx.call(t, { action: p.body.action, body });
      const expected = normal?.response && normal.response.status < 300 ? readAnswer(normal.response.body) : undefined;
      if (!expected?.bodyElement || expected.fault) continue;
      const spoofed = await ctx.call(t, { action: p.header.action, body });
      const got = spoofed?.response && spoofed.response.status < 300 ? readAnswer(spoofed.response.body) : undefined;
      if (!spoofed || !got?.bodyElement || got.fault || got.bodyElement !== expected.bodyElement) continue;
      ctx.report({
        target: t,
        messageId: 'spoofed',
        data: {
          bodyOperation: p.body.name,
          headerOperation: p.header.name,
          action: JSON.stringify(p.header.action),
          header: t.soapVersion === '1.2' ? "content type's action parameter" : 'SOAPAction header',
          answer: got.bodyElement,
        },
        exchanges: [spoofed, normal as NonNullable<typeof normal>],
        key: `${p.body.name}\0${p.header.name}`,
      });
    }
  },
});

import type { Exchange } from '../../../engines/probe/types.ts';
import { ENVELOPE_NS, envelope, escapeXml, readAnswer } from '../../../engines/soap/envelope.ts';
import { defineSoapProbeCheck, type SoapTarget } from '../../../engines/soap/types.ts';
import { findLeak, type Leak } from '../../probe/_inject/errors.ts';
import { distinctTargets, payloadOperation } from '../_shared/ops.ts';

/** Exception class names of the SOAP stacks (JAX-WS, CXF, Axis, WebLogic, WCF) in a fault: internals, even without frames. */
const EXCEPTION_CLASS =
  /\b(?:java|javax|jakarta|org\.apache|com\.sun|weblogic|com\.ibm|System|Microsoft)\.[A-Za-z_$][\w$]{0,60}(?:\.[A-Za-z_$][\w$]{0,60}){0,12}(?:Exception|Error)\b/;

function leakOf(ex: Exchange): Leak | undefined {
  const body = ex.response?.body ?? '';
  const leak = findLeak(body);
  if (leak) return leak;
  const fault = readAnswer(body).fault;
  const m = fault ? EXCEPTION_CLASS.exec(`${fault.reason} ${fault.detail}`) : null;
  return m ? { kind: 'stack trace', source: 'exception class', excerpt: m[0] } : undefined;
}

/** Requests a server cannot process: broken XML, an operation it does not have, a wrong value type. */
function faultyRequests(t: SoapTarget): { what: string; body: string }[] {
  const env = ENVELOPE_NS[t.soapVersion];
  const ns = escapeXml(t.operations[0]?.input.ns ?? 'urn:rampart');
  const out = [
    { what: 'a truncated envelope', body: `<?xml version="1.0"?>\n<soap:Envelope xmlns:soap="${env}"><soap:Body><rampart` },
    {
      what: 'an operation the service does not have',
      body: `<?xml version="1.0"?>\n<soap:Envelope xmlns:soap="${env}"><soap:Body><r:RampartNoSuchOperation xmlns:r="${ns}"/></soap:Body></soap:Envelope>`,
    },
  ];
  const op = payloadOperation(t);
  if (op)
    out.push({
      what: `"${op.name}" with an oversized quote-laden value`,
      body: envelope(t.soapVersion, op, { value: `'&quot;${'9'.repeat(40)}` }),
    });
  return out;
}

export default defineSoapProbeCheck({
  id: 'soap-verbose-fault',
  title: 'SOAP faults leak stack traces or server internals',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-209'],
  messages: {
    leak: 'The SOAP endpoint answers {{what}} with a fault that shows a {{kind}} ({{source}}): "{{excerpt}}". Stack traces, exception classes and SQL errors tell an attacker the frameworks, versions, file layout and queries behind the service. Return a generic soap:Fault (faultcode soap:Client/soap:Server and a short message with a correlation id) and log the details on the server.',
  },
  docs: {
    description:
      'Sends each SOAP endpoint up to three requests it cannot process (a truncated envelope, an operation the service does not have, and, when the WSDL has a non-destructive operation with a text field, that operation with a quote-laden value), stopping at the first leak, and reports the endpoint when the answer holds a stack trace (Java, .NET, Node.js, Python, PHP, Ruby, Go), an exception class name of a SOAP stack (java., org.apache., System....Exception), a framework debug page or a database error.',
    attack:
      'Detailed faults are free reconnaissance: the exception class and frames name the SOAP stack and its version (to pick a known CVE), file paths, internal host names, and SQL errors show the query to inject into. Many SOAP stacks put the full stack trace in soap:Fault/detail by default in development mode, and it ships to production.',
    fix: 'Turn off detailed faults in production (CXF faultStackTraceEnabled=false and exceptionMessageCauseEnabled=false, WCF includeExceptionDetailInFaults=false, Axis2 sendStacktraceDetailsWithFaults=false, JAX-WS com.sun.xml.ws.fault.SOAPFaultBuilder.disableCaptureStackTrace=true); map exceptions to a generic fault with a correlation id and log the details server-side.',
  },
  async run(ctx) {
    for (const t of distinctTargets(ctx.targets)) {
      for (const r of faultyRequests(t)) {
        if (ctx.signal.aborted) return;
        const ex = await ctx.call(t, { action: undefined, body: r.body });
        const leak = ex && leakOf(ex);
        if (!ex || !leak) continue;
        ctx.report({ target: t, messageId: 'leak', data: { what: r.what, ...leak }, exchanges: [ex], key: `${leak.kind}\0${leak.source}` });
        break;
      }
    }
  },
});

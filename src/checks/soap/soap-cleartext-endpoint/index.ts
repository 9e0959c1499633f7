import { defineWsdlCheck } from '../../../engines/soap/types.ts';
import { isCleartextRemote } from '../../../engines/soap/wsdl.ts';

export default defineWsdlCheck({
  id: 'soap-cleartext-endpoint',
  title: 'SOAP endpoint over cleartext HTTP',
  severity: 'high',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-319'],
  messages: {
    endpoint:
      'Port "{{port}}" of service "{{service}}" is published at "{{url}}", a cleartext http:// address: every SOAP envelope, with its WS-Security headers and the data it carries, can be read and altered on the network. Publish an https:// address.',
  },
  docs: {
    description:
      'Flags WSDL 1.1 ports whose soap:address, soap12:address or http:address location, and WSDL 2.0 endpoints whose address, is an http:// URL on another host than the local machine (localhost, 127.0.0.0/8 and ::1 are left alone).',
    attack:
      'Anyone on the network path (a shared Wi-Fi, a compromised router, a corporate proxy) reads the envelopes, including UsernameToken passwords and session tokens in SOAP headers, and rewrites requests or responses. Generated clients (wsimport, svcutil, zeep, node-soap) call exactly the address the WSDL publishes, so an http address is what every client will use.',
    fix: 'Serve the endpoint over HTTPS (TLS 1.2+) and publish the https:// address in the WSDL; refuse or redirect plain HTTP at the edge, and require transport security in the policy (sp:TransportBinding with sp:HttpsToken).',
  },
  check(ctx) {
    for (const e of ctx.wsdl.endpoints) {
      if (!e.addressElement || !isCleartextRemote(e.address)) continue;
      ctx.report({
        element: e.addressElement,
        messageId: 'endpoint',
        data: { port: e.name, service: e.serviceName, url: e.address?.trim() },
      });
    }
  },
});

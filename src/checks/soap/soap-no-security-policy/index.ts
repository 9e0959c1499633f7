import { defineWsdlCheck } from '../../../engines/soap/types.ts';
import { bindingSecurity, exposedBindings } from '../_shared/policy.ts';

export default defineWsdlCheck({
  id: 'soap-no-security-policy',
  title: 'SOAP binding without a WS-Security policy',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API2:2023'],
  cwe: ['CWE-306'],
  messages: {
    none: 'Binding "{{binding}}" (used by {{ports}}) has no WS-SecurityPolicy: no policy attached to the binding, its operations, ports or service asks for transport security, a signed message or a token, so clients generated from this WSDL send unauthenticated, unprotected requests. Attach a wsp:Policy with sp:TransportBinding and a supporting token (or message-level security).',
    unattached:
      'Binding "{{binding}}" (used by {{ports}}) has no WS-SecurityPolicy attached: the WSDL declares {{count}} policy element(s) but none is referenced from the binding, its operations, ports or service (wsp:PolicyReference), so they apply to nothing. Attach the policy to the binding.',
  },
  docs: {
    description:
      'Flags each binding a service exposes when no WS-Policy with WS-SecurityPolicy assertions (sp:TransportBinding, sp:AsymmetricBinding, sp:SymmetricBinding, sp:SupportingTokens...) is attached to it, to one of its operations or messages, or to the ports and services that use it (inline wsp:Policy, wsp:PolicyReference or PolicyURIs). Policies declared in the file but referenced from nowhere are named in the message.',
    attack:
      'Without a policy the contract states that anyone may call every operation with a bare envelope: clients and gateways generated from it enforce no authentication, no signature and no encryption, and security then rests on whatever the server happens to check, which is where broken authentication starts.',
    fix: 'Declare the security the service requires in a wsp:Policy (for example sp:TransportBinding with sp:HttpsToken plus sp:SignedSupportingTokens with an X.509 or a UsernameToken with sp:HashPassword) and attach it to the binding with wsp:PolicyReference; enforce the same on the server.',
  },
  check(ctx) {
    for (const b of exposedBindings(ctx.wsdl)) {
      if (bindingSecurity(ctx.wsdl, b).length) continue;
      const ports = ctx.wsdl.endpoints
        .filter((e) => e.bindingName === b.name)
        .map((e) => `"${e.serviceName}/${e.name}"`)
        .join(', ');
      const count = ctx.wsdl.policies.size;
      ctx.report({ element: b.element, messageId: count ? 'unattached' : 'none', data: { binding: b.name, ports, count } });
    }
  },
});

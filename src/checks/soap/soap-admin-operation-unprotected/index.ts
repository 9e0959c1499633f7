import { defineWsdlCheck } from '../../../engines/soap/types.ts';
import { bindingOperations } from '../../../engines/soap/wsdl.ts';
import type { XmlElement } from '../../../engines/soap/xml.ts';
import { adminVerb } from '../_shared/names.ts';
import { bindingSecurity, exposedBindings } from '../_shared/policy.ts';

export default defineWsdlCheck({
  id: 'soap-admin-operation-unprotected',
  title: 'Administrative SOAP operation in a service without any security policy',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API5:2023'],
  cwe: ['CWE-285'],
  messages: {
    admin:
      'Operation "{{operation}}" looks administrative ("{{verb}}…") and binding "{{binding}}", which exposes it, has no WS-SecurityPolicy: nothing in the contract restricts who may call it. Move administrative operations to a separate binding or service with its own policy (a signed token carrying the caller\'s role) and check the role on the server.',
  },
  docs: {
    description:
      'Flags operations whose name starts with an administrative or destructive verb (delete, admin, reset, setRole, grant, shutdown, exec/execute, purge, drop) in a portType or interface bound by a binding that a service exposes without any WS-SecurityPolicy attached (see soap-no-security-policy).',
    attack:
      'Administrative operations in the same unprotected service as ordinary ones are one envelope away for anyone who reads the WSDL: deleting accounts, resetting passwords, granting roles or shutting the service down (broken function level authorization). The WSDL advertises their exact names and messages.',
    fix: "Put administrative operations in a separate service or binding, attach a policy that requires a signed token (X.509, SAML or a UsernameToken over TLS) to it, check the caller's role on the server for every call, and do not publish the administrative WSDL to the public.",
  },
  check(ctx) {
    const seen = new Set<XmlElement>();
    for (const b of exposedBindings(ctx.wsdl)) {
      if (bindingSecurity(ctx.wsdl, b).length) continue;
      for (const { abstract } of bindingOperations(ctx.wsdl, b)) {
        const verb = adminVerb(abstract.name);
        if (!verb || seen.has(abstract.element)) continue;
        seen.add(abstract.element);
        ctx.report({ element: abstract.element, messageId: 'admin', data: { operation: abstract.name, verb, binding: b.name } });
      }
    }
  },
});

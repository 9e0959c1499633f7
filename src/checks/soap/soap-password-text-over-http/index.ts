import { defineWsdlCheck } from '../../../engines/soap/types.ts';
import { isCleartextRemote, isSecurityPolicyNs } from '../../../engines/soap/wsdl.ts';
import { descendants, type XmlElement } from '../../../engines/soap/xml.ts';
import { bindingSecurity, exposedBindings } from '../_shared/policy.ts';

/** A UsernameToken assertion sends the password in clear unless its nested policy asks for a digest. */
function plainPassword(token: XmlElement): boolean {
  let hashed = false;
  for (const d of descendants(token)) {
    if (d.local === 'HashPassword' && isSecurityPolicyNs(d.ns)) hashed = true;
    if (/#PasswordText$/.test(d.text) || Object.values(d.attrs).some((v) => /#PasswordText$/.test(v))) return true;
  }
  return !hashed;
}

export default defineWsdlCheck({
  id: 'soap-password-text-over-http',
  title: 'UsernameToken password in clear text over HTTP',
  severity: 'high',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-523'],
  messages: {
    plain:
      'The policy of binding "{{binding}}" asks for a WS-Security UsernameToken with a plain-text password (no sp:HashPassword), and the binding is published at "{{url}}" over cleartext http://: every request carries the user\'s password readable by anyone on the network. Publish the endpoint over https:// with sp:TransportBinding, or protect the token with message-level encryption.',
  },
  docs: {
    description:
      'Flags sp:UsernameToken assertions without sp:HashPassword (the password is sent as PasswordText) in a policy attached to a binding that a port or endpoint publishes at a non-local http:// address, unless the same policy protects messages with sp:SymmetricBinding or sp:AsymmetricBinding (the token is then encrypted).',
    attack:
      'A PasswordText UsernameToken puts the password itself in the wsse:Security header of every request. Over plain HTTP anyone on the path (Wi-Fi, proxy, a compromised router, a load balancer log) collects working credentials for every user of the service, and can replay them.',
    fix: 'Serve the endpoint over HTTPS and require it in the policy (sp:TransportBinding with sp:HttpsToken), or encrypt the token at message level (sp:SymmetricBinding/sp:AsymmetricBinding with sp:SignedEncryptedSupportingTokens). Prefer X.509 or SAML tokens to passwords; sp:HashPassword (digest) alone is weak against offline guessing and needs nonces and timestamps.',
  },
  check(ctx) {
    const seen = new Set<XmlElement>();
    for (const b of exposedBindings(ctx.wsdl)) {
      const endpoint = ctx.wsdl.endpoints.find((e) => e.bindingName === b.name && isCleartextRemote(e.address));
      if (!endpoint) continue;
      const assertions = bindingSecurity(ctx.wsdl, b);
      if (assertions.some((a) => a.local === 'SymmetricBinding' || a.local === 'AsymmetricBinding')) continue;
      for (const token of assertions.filter((a) => a.local === 'UsernameToken')) {
        if (seen.has(token) || !plainPassword(token)) continue;
        seen.add(token);
        ctx.report({ element: token, messageId: 'plain', data: { binding: b.name, url: endpoint.address?.trim() } });
      }
    }
  },
});

import { bindingPolicies, securityAssertions, type Wsdl, type WsdlBinding } from '../../../engines/soap/wsdl.ts';
import type { XmlElement } from '../../../engines/soap/xml.ts';

/** The WS-SecurityPolicy assertions that apply to a binding (through it, its operations, ports and services). */
export function bindingSecurity(wsdl: Wsdl, binding: WsdlBinding): XmlElement[] {
  return securityAssertions(wsdl, bindingPolicies(wsdl, binding));
}

/** Bindings some port or endpoint uses (a binding no service exposes is not reachable). */
export function exposedBindings(wsdl: Wsdl): WsdlBinding[] {
  const used = new Set(wsdl.endpoints.map((e) => e.bindingName));
  return wsdl.bindings.filter((b) => used.has(b.name));
}

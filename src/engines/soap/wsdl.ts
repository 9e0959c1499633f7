import { childrenNamed, descendants, resolveQName, type XmlElement } from './xml.ts';

/**
 * A WSDL 1.1 or 2.0 document as the checks and the probe read it: endpoints, bindings, operations with
 * their SOAP actions and messages, WS-Policy attachments and the XML Schema element declarations that
 * requests are built from. Names are matched by local part (one target namespace is the norm).
 */

export const NS = {
  wsdl11: 'http://schemas.xmlsoap.org/wsdl/',
  wsdl20: 'http://www.w3.org/ns/wsdl',
  soap11: 'http://schemas.xmlsoap.org/wsdl/soap/',
  soap12: 'http://schemas.xmlsoap.org/wsdl/soap12/',
  http: 'http://schemas.xmlsoap.org/wsdl/http/',
  wsoap: 'http://www.w3.org/ns/wsdl/soap',
  xsd: 'http://www.w3.org/2001/XMLSchema',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
} as const;

/** WS-Policy 1.2 and 1.5. */
export const isPolicyNs = (ns: string) => ns === 'http://schemas.xmlsoap.org/ws/2004/09/policy' || ns === 'http://www.w3.org/ns/ws-policy';
/** WS-SecurityPolicy 1.1, 1.2 and 1.3 (and vendor copies of them). */
export const isSecurityPolicyNs = (ns: string) => /securitypolicy/i.test(ns);

export type WsdlVersion = '1.1' | '2.0';

export interface SchemaField {
  name: string;
  /** Local name of the XSD type (`string`, `int`...) or of a named type. */
  type: string;
  /** Children, for a complex field. */
  fields?: SchemaField[];
  /** First enumeration value, when the type restricts to a list. */
  enumValue?: string;
  /** Namespace of the element as sent (`''` for unqualified locals). */
  ns: string;
  optional: boolean;
}

export interface WsdlOperation {
  name: string;
  /** The portType/interface operation element. */
  element: XmlElement;
  /** Qualified name of the request's body element (document style) or the operation wrapper (RPC). */
  input?: { ns: string; local: string; fields: SchemaField[] };
  /** Local name of the response body element, when known. */
  outputLocal?: string;
}

export interface WsdlBindingOperation {
  name: string;
  element: XmlElement;
  soapAction?: string;
  style: 'document' | 'rpc';
  /** RPC: the namespace of the wrapper element (soap:body namespace). */
  rpcNamespace?: string;
}

export interface WsdlBinding {
  name: string;
  element: XmlElement;
  /** The portType (1.1) or interface (2.0) it implements. */
  typeName: string;
  soapVersion?: '1.1' | '1.2';
  operations: WsdlBindingOperation[];
}

export interface WsdlEndpoint {
  service: XmlElement;
  serviceName: string;
  name: string;
  element: XmlElement;
  bindingName: string;
  /** The element that carries the address (soap:address, or the 2.0 endpoint itself). */
  addressElement?: XmlElement;
  address?: string;
}

export interface Wsdl {
  version: WsdlVersion;
  root: XmlElement;
  targetNamespace: string;
  endpoints: WsdlEndpoint[];
  bindings: WsdlBinding[];
  /** Operations by portType/interface name. */
  interfaces: Map<string, WsdlOperation[]>;
  /** Policies by id (`wsu:Id`, `xml:id` or `Name`). */
  policies: Map<string, XmlElement>;
}

/** Whether the root element is a WSDL 1.1 definitions or a WSDL 2.0 description. */
export function wsdlVersionOf(root: XmlElement): WsdlVersion | undefined {
  if (root.local === 'definitions' && root.ns === NS.wsdl11) return '1.1';
  if (root.local === 'description' && root.ns === NS.wsdl20) return '2.0';
  return undefined;
}

export function buildWsdl(root: XmlElement, version: WsdlVersion): Wsdl {
  const wsdlNs = version === '1.1' ? NS.wsdl11 : NS.wsdl20;
  const tns = root.attrs.targetNamespace ?? '';
  const schema = new SchemaIndex(root);
  const wsdl: Wsdl = { version, root, targetNamespace: tns, endpoints: [], bindings: [], interfaces: new Map(), policies: new Map() };

  for (const el of descendants(root)) {
    if (el.local !== 'Policy' || !isPolicyNs(el.ns)) continue;
    const id = el.attrs[`{${NS.wsu}}Id`] ?? el.attrs.Id ?? el.attrs['{http://www.w3.org/XML/1998/namespace}id'] ?? el.attrs.Name;
    if (id) wsdl.policies.set(id, el);
  }

  const messages = new Map<string, XmlElement>();
  for (const m of childrenNamed(root, 'message', wsdlNs)) if (m.attrs.name) messages.set(m.attrs.name, m);

  for (const it of childrenNamed(root, version === '1.1' ? 'portType' : 'interface', wsdlNs)) {
    const ops: WsdlOperation[] = [];
    for (const op of childrenNamed(it, 'operation', wsdlNs)) {
      const name = op.attrs.name;
      if (!name) continue;
      const inEl = childrenNamed(op, 'input', wsdlNs)[0];
      const outEl = childrenNamed(op, 'output', wsdlNs)[0];
      const o: WsdlOperation = { name, element: op };
      if (version === '2.0') {
        const ref = inEl?.attrs.element;
        if (ref && !ref.startsWith('#')) {
          const q = resolveQName(ref, inEl as XmlElement);
          o.input = { ...q, fields: schema.fieldsOf(q.local) };
        }
        const out = outEl?.attrs.element;
        if (out && !out.startsWith('#')) o.outputLocal = resolveQName(out, outEl as XmlElement).local;
      } else {
        const msg = inEl?.attrs.message ? messages.get(resolveQName(inEl.attrs.message, inEl).local) : undefined;
        const parts = msg ? childrenNamed(msg, 'part', wsdlNs) : [];
        const elementPart = parts.find((p) => p.attrs.element);
        if (elementPart) {
          const q = resolveQName(elementPart.attrs.element as string, elementPart);
          o.input = { ...q, fields: schema.fieldsOf(q.local) };
        } else if (msg) {
          // RPC style: a wrapper named after the operation, one child per part.
          o.input = {
            ns: tns,
            local: name,
            fields: parts.map((p) => {
              const type = resolveQName(p.attrs.type ?? 'string', p).local;
              return { name: p.attrs.name ?? 'arg', type, ns: '', optional: false, fields: schema.typeFields(type) };
            }),
          };
        }
        const outMsg = outEl?.attrs.message ? messages.get(resolveQName(outEl.attrs.message, outEl).local) : undefined;
        const outPart = outMsg ? childrenNamed(outMsg, 'part', wsdlNs)[0] : undefined;
        o.outputLocal = outPart?.attrs.element ? resolveQName(outPart.attrs.element, outPart).local : `${name}Response`;
      }
      ops.push(o);
    }
    if (it.attrs.name) wsdl.interfaces.set(it.attrs.name, ops);
  }

  for (const b of childrenNamed(root, 'binding', wsdlNs)) {
    const soapBinding = b.children.find((c) => c.local === 'binding' && (c.ns === NS.soap11 || c.ns === NS.soap12));
    let soapVersion: WsdlBinding['soapVersion'];
    if (version === '1.1') soapVersion = soapBinding ? (soapBinding.ns === NS.soap12 ? '1.2' : '1.1') : undefined;
    else if (b.attrs.type === NS.wsoap) soapVersion = b.attrs[`{${NS.wsoap}}version`] === '1.1' ? '1.1' : '1.2';
    const defaultStyle = soapBinding?.attrs.style === 'rpc' ? 'rpc' : 'document';
    const operations: WsdlBindingOperation[] = [];
    for (const op of childrenNamed(b, 'operation', wsdlNs)) {
      const name = version === '1.1' ? op.attrs.name : op.attrs.ref ? resolveQName(op.attrs.ref, op).local : undefined;
      if (!name) continue;
      const soapOp = op.children.find((c) => c.local === 'operation' && (c.ns === NS.soap11 || c.ns === NS.soap12));
      const body = childrenNamed(op, 'input', wsdlNs)[0]?.children.find((c) => c.local === 'body');
      operations.push({
        name,
        element: op,
        soapAction: version === '1.1' ? soapOp?.attrs.soapAction : op.attrs[`{${NS.wsoap}}action`],
        style: soapOp?.attrs.style === 'rpc' ? 'rpc' : soapOp?.attrs.style === 'document' ? 'document' : defaultStyle,
        rpcNamespace: body?.attrs.namespace,
      });
    }
    const typeAttr = version === '1.1' ? b.attrs.type : b.attrs.interface;
    wsdl.bindings.push({
      name: b.attrs.name ?? '',
      element: b,
      typeName: typeAttr ? resolveQName(typeAttr, b).local : '',
      soapVersion,
      operations,
    });
  }

  for (const s of childrenNamed(root, 'service', wsdlNs)) {
    for (const p of childrenNamed(s, version === '1.1' ? 'port' : 'endpoint', wsdlNs)) {
      const addressElement =
        version === '1.1'
          ? p.children.find((c) => c.local === 'address' && (c.ns === NS.soap11 || c.ns === NS.soap12 || c.ns === NS.http))
          : p.attrs.address !== undefined
            ? p
            : undefined;
      wsdl.endpoints.push({
        service: s,
        serviceName: s.attrs.name ?? '',
        name: p.attrs.name ?? '',
        element: p,
        bindingName: p.attrs.binding ? resolveQName(p.attrs.binding, p).local : '',
        addressElement,
        address: version === '1.1' ? addressElement?.attrs.location : p.attrs.address,
      });
    }
  }
  return wsdl;
}

/** The operations of a binding, joined with their abstract definitions (messages, schema). */
export function bindingOperations(wsdl: Wsdl, binding: WsdlBinding): { abstract: WsdlOperation; bound?: WsdlBindingOperation }[] {
  const ops = wsdl.interfaces.get(binding.typeName) ?? [];
  const bound = new Map<string, WsdlBindingOperation>();
  for (const o of binding.operations) if (!bound.has(o.name)) bound.set(o.name, o);
  return ops.map((abstract) => ({ abstract, bound: bound.get(abstract.name) }));
}

/**
 * Policies attached to an element (WS-PolicyAttachment): inline `wsp:Policy` children, `wsp:PolicyReference`
 * children and `wsp:PolicyURIs` / `PolicyURIs` attributes resolved against the document's policies.
 */
export function attachedPolicies(wsdl: Wsdl, el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const byRef = (uri: string) => {
    const id = uri.trim().replace(/^.*#/, '');
    const p = wsdl.policies.get(id);
    if (p && !out.includes(p)) out.push(p);
  };
  for (const c of el.children) {
    if (!isPolicyNs(c.ns)) continue;
    if (c.local === 'Policy') out.push(c);
    else if (c.local === 'PolicyReference' && c.attrs.URI) byRef(c.attrs.URI);
  }
  for (const [k, v] of Object.entries(el.attrs)) {
    if (k === 'PolicyURIs' || (k.endsWith('}PolicyURIs') && isPolicyNs(k.slice(1, k.indexOf('}')))))
      for (const u of v.split(/\s+/)) if (u) byRef(u);
  }
  return out;
}

/** Every policy that applies to a binding: on it, its operations and messages, the ports and services using it. */
export function bindingPolicies(wsdl: Wsdl, binding: WsdlBinding): XmlElement[] {
  const places: XmlElement[] = [binding.element];
  for (const op of binding.operations) places.push(op.element, ...op.element.children);
  for (const e of wsdl.endpoints) if (e.bindingName === binding.name) places.push(e.element, e.service);
  const out: XmlElement[] = [];
  for (const p of places) for (const pol of attachedPolicies(wsdl, p)) if (!out.includes(pol)) out.push(pol);
  return out;
}

/** WS-SecurityPolicy assertions (`sp:*`) inside policies, nested policies and references included. */
export function securityAssertions(wsdl: Wsdl, policies: XmlElement[]): XmlElement[] {
  const out: XmlElement[] = [];
  const seen = new Set<XmlElement>();
  const visit = (p: XmlElement) => {
    if (seen.has(p)) return;
    seen.add(p);
    for (const d of descendants(p)) {
      if (isSecurityPolicyNs(d.ns)) out.push(d);
      else if (d.local === 'PolicyReference' && isPolicyNs(d.ns) && d.attrs.URI) {
        const ref = wsdl.policies.get(d.attrs.URI.replace(/^.*#/, ''));
        if (ref) visit(ref);
      }
    }
  };
  for (const p of policies) visit(p);
  return out;
}

/** http:// addresses that leave the machine. */
export function isCleartextRemote(address: string | undefined): boolean {
  if (!address || !/^http:\/\//i.test(address.trim())) return false;
  let host: string;
  try {
    host = new URL(address.trim()).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return true;
  }
  return !(host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1');
}

const MAX_TYPE_DEPTH = 5;

/** Global element and named type declarations of the embedded XML Schemas, by local name. */
class SchemaIndex {
  private readonly elements = new Map<string, { el: XmlElement; ns: string; qualified: boolean }>();
  private readonly types = new Map<string, { el: XmlElement; ns: string; qualified: boolean }>();

  constructor(root: XmlElement) {
    for (const types of root.children.filter((c) => c.local === 'types')) {
      for (const s of childrenNamed(types, 'schema', NS.xsd)) {
        const ns = s.attrs.targetNamespace ?? '';
        const qualified = s.attrs.elementFormDefault === 'qualified';
        for (const c of s.children) {
          if (c.ns !== NS.xsd || !c.attrs.name) continue;
          if (c.local === 'element') this.elements.set(c.attrs.name, { el: c, ns, qualified });
          else if (c.local === 'complexType' || c.local === 'simpleType') this.types.set(c.attrs.name, { el: c, ns, qualified });
        }
      }
    }
  }

  fieldsOf(elementName: string): SchemaField[] {
    const e = this.elements.get(elementName);
    if (!e) return [];
    return this.fieldsOfElement(e.el, e.ns, e.qualified, 0);
  }

  typeFields(typeName: string, depth = 0): SchemaField[] | undefined {
    const t = this.types.get(typeName);
    if (t?.el.local !== 'complexType') return undefined;
    return this.complexFields(t.el, t.ns, t.qualified, depth);
  }

  private fieldsOfElement(el: XmlElement, ns: string, qualified: boolean, depth: number): SchemaField[] {
    const inline = childrenNamed(el, 'complexType', NS.xsd)[0];
    if (inline) return this.complexFields(inline, ns, qualified, depth);
    if (el.attrs.type) return this.typeFields(resolveQName(el.attrs.type, el).local, depth) ?? [];
    return [];
  }

  private complexFields(ct: XmlElement, ns: string, qualified: boolean, depth: number): SchemaField[] {
    if (depth > MAX_TYPE_DEPTH) return [];
    const out: SchemaField[] = [];
    const walk = (group: XmlElement) => {
      for (const c of group.children) {
        if (c.ns !== NS.xsd) continue;
        if (c.local === 'sequence' || c.local === 'all') walk(c);
        else if (c.local === 'choice') {
          const first = c.children.find((x) => x.ns === NS.xsd);
          if (first) walk({ ...c, children: [first] });
        } else if (c.local === 'complexContent' || c.local === 'extension') walk(c);
        else if (c.local === 'element') out.push(this.field(c, ns, qualified, depth));
      }
    };
    walk(ct);
    return out;
  }

  private field(c: XmlElement, ns: string, qualified: boolean, depth: number): SchemaField {
    if (c.attrs.ref) {
      const q = resolveQName(c.attrs.ref, c);
      const target = this.elements.get(q.local);
      return {
        name: q.local,
        type: target?.el.attrs.type ? resolveQName(target.el.attrs.type, target.el).local : 'string',
        ns: q.ns,
        optional: c.attrs.minOccurs === '0',
        fields: target ? nonEmpty(this.fieldsOfElement(target.el, target.ns, target.qualified, depth + 1)) : undefined,
      };
    }
    const name = c.attrs.name ?? 'value';
    const f: SchemaField = {
      name,
      type: 'string',
      ns: qualified || c.attrs.form === 'qualified' ? ns : '',
      optional: c.attrs.minOccurs === '0',
    };
    if (c.attrs.type) {
      const t = resolveQName(c.attrs.type, c).local;
      f.type = t;
      const named = this.types.get(t);
      if (named?.el.local === 'complexType') f.fields = this.complexFields(named.el, named.ns, named.qualified, depth + 1);
      else if (named?.el.local === 'simpleType') Object.assign(f, simpleOf(named.el));
    } else {
      const ct = childrenNamed(c, 'complexType', NS.xsd)[0];
      const st = childrenNamed(c, 'simpleType', NS.xsd)[0];
      if (ct) f.fields = this.complexFields(ct, ns, qualified, depth + 1);
      else if (st) Object.assign(f, simpleOf(st));
    }
    return f;
  }
}

function nonEmpty<T>(a: T[]): T[] | undefined {
  return a.length ? a : undefined;
}

function simpleOf(st: XmlElement): { type: string; enumValue?: string } {
  const r = childrenNamed(st, 'restriction', NS.xsd)[0];
  const base = r?.attrs.base ? resolveQName(r.attrs.base, r).local : 'string';
  const first = r ? childrenNamed(r, 'enumeration', NS.xsd)[0]?.attrs.value : undefined;
  return first !== undefined ? { type: base, enumValue: first } : { type: base };
}

const WSDL_NS = /schemas\.xmlsoap\.org\/wsdl\/|www\.w3\.org\/ns\/wsdl/;
const ROOT = /<(?:[\w.-]{1,64}:)?(?:definitions|description)[\s>]/;

/** A text whose root looks like wsdl:definitions or wsdl2:description, with a WSDL namespace (first 8 KiB). */
export function looksLikeWsdl(text: string): boolean {
  const head = text.slice(0, 8192);
  return ROOT.test(head) && WSDL_NS.test(head);
}

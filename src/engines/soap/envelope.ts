import type { SoapOperation } from './types.ts';
import type { SchemaField } from './wsdl.ts';
import { parseXml, type XmlElement } from './xml.ts';

/**
 * SOAP 1.1 and 1.2 requests built from a WSDL operation (simple default values for every field), and
 * the reading of answers: fault or body element. Answers are parsed with the same DTD-refusing parser,
 * so a hostile server cannot make Rampart expand entities either.
 */

export const ENVELOPE_NS = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
} as const;

/** The value planted in the first text field; checks put their payload (an entity reference...) there. */
export const FIELD_MARK = '\u0000RAMPART-FIELD\u0000';

const DEFAULTS: Record<string, string> = {
  boolean: 'false',
  int: '1',
  integer: '1',
  long: '1',
  short: '1',
  byte: '1',
  unsignedInt: '1',
  unsignedLong: '1',
  unsignedShort: '1',
  positiveInteger: '1',
  nonNegativeInteger: '1',
  decimal: '1.0',
  double: '1.0',
  float: '1.0',
  date: '2024-01-01',
  dateTime: '2024-01-01T00:00:00Z',
  time: '00:00:00',
  anyURI: 'https://example.com/',
  base64Binary: 'cmFtcGFydA==',
  hexBinary: '72616d70617274',
};

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The body element of a request for `op`: every field with a simple value, the first text field marked. */
export function bodyXml(op: SoapOperation): string {
  let marked = false;
  const prefixes = new Map<string, string>();
  const prefix = (ns: string) => {
    if (!ns) return '';
    let p = prefixes.get(ns);
    if (!p) {
      p = `ns${prefixes.size + 1}`;
      prefixes.set(ns, p);
    }
    return `${p}:`;
  };
  const field = (f: SchemaField, depth: number): string => {
    const tag = `${prefix(f.ns)}${f.name}`;
    if (f.fields?.length && depth < 6) return `<${tag}>${f.fields.map((c) => field(c, depth + 1)).join('')}</${tag}>`;
    let value = f.enumValue ?? DEFAULTS[f.type];
    if (value === undefined) {
      if (!marked) {
        marked = true;
        value = FIELD_MARK;
      } else value = 'rampart';
    }
    return `<${tag}>${value === FIELD_MARK ? value : escapeXml(value)}</${tag}>`;
  };
  const top = `${prefix(op.input.ns)}${op.input.local}`;
  const inner = op.input.fields.map((f) => field(f, 0)).join('');
  const decls = [...prefixes].map(([ns, p]) => ` xmlns:${p}="${escapeXml(ns)}"`).join('');
  return `<${top}${decls}>${inner}</${top}>`;
}

/** Whether the operation has a text field where a payload can go. */
export function hasTextField(op: SoapOperation): boolean {
  return bodyXml(op).includes(FIELD_MARK);
}

/**
 * A whole request body. `value` replaces the marked text field (raw XML: escape it yourself unless it
 * is an entity reference on purpose); `prolog` goes before the envelope (a DOCTYPE).
 */
export function envelope(version: '1.1' | '1.2', op: SoapOperation, opts: { value?: string; prolog?: string } = {}): string {
  const body = bodyXml(op).replace(FIELD_MARK, opts.value ?? 'rampart');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${opts.prolog ?? ''}<soap:Envelope xmlns:soap="${ENVELOPE_NS[version]}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

/** Headers of a SOAP request: SOAPAction for 1.1, the action parameter of the content type for 1.2. */
export function soapHeaders(version: '1.1' | '1.2', action: string | undefined): Record<string, string> {
  if (version === '1.2') {
    return { 'content-type': `application/soap+xml; charset=utf-8${action ? `; action="${action.replace(/"/g, '')}"` : ''}` };
  }
  return { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${(action ?? '').replace(/"/g, '')}"` };
}

export interface SoapAnswer {
  /** Local name of the first element in the Body (`Fault` for a fault). */
  bodyElement?: string;
  fault?: { code: string; reason: string; detail: string };
  /** The answer is not a SOAP envelope we could read. */
  unreadable?: boolean;
}

const textOf = (el: XmlElement | undefined): string => {
  if (!el) return '';
  const parts = [el.text];
  for (const c of el.children) parts.push(textOf(c));
  return parts.filter(Boolean).join(' ');
};

/** Reads a SOAP answer (bounded by the probe's body limit). */
export function readAnswer(body: string): SoapAnswer {
  let root: XmlElement;
  try {
    root = parseXml(body, { maxDepth: 64, maxElements: 20_000 });
  } catch {
    return { unreadable: true };
  }
  if (root.local !== 'Envelope') return { unreadable: true };
  const b = root.children.find((c) => c.local === 'Body');
  const first = b?.children[0];
  if (!first) return { bodyElement: undefined };
  if (first.local !== 'Fault') return { bodyElement: first.local };
  const find = (...names: string[]) => first.children.find((c) => names.includes(c.local));
  return {
    bodyElement: 'Fault',
    fault: {
      code: textOf(find('faultcode', 'Code')),
      reason: textOf(find('faultstring', 'Reason')),
      detail: textOf(find('detail', 'Detail')),
    },
  };
}

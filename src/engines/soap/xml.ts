import { SaxesParser, type SaxesTagNS } from 'saxes';

/**
 * XML with exact positions, read by saxes. Entities are never expanded: a document type declaration
 * that declares entities (the XML bomb and XXE carrier) stops the parse at once with one error, and
 * any other DTD is ignored. Depth and element count are bounded so a hostile file costs little.
 */

export interface Position {
  line: number;
  column: number;
}

export interface XmlElement {
  /** Namespace URI ('' when none). */
  ns: string;
  local: string;
  /** As written, with its prefix. */
  name: string;
  /** Attribute values by local name (namespaced attributes also by `{uri}local`). */
  attrs: Record<string, string>;
  children: XmlElement[];
  parent?: XmlElement;
  /** Text directly inside the element, trimmed. */
  text: string;
  /** In-scope namespace bindings (prefix → URI), to resolve QName values such as `tns:Quote`. */
  scope: Record<string, string>;
  /** `<` of the start tag. */
  start: Position;
  /** Just after the `>` of the start tag (exclusive, as SARIF columns). */
  end: Position;
}

export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
}

export const XML_LIMITS: XmlLimits = { maxDepth: 256, maxElements: 500_000 };

export class XmlError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, at: Position) {
    super(message);
    this.line = at.line;
    this.column = at.column;
  }
}

/** 1-based line and column (UTF-16 units) of offsets in a text. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  at(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }
}

/** Where a DOCTYPE with entity declarations starts, if the text has one before its root element. */
export function entityDeclaration(text: string): number | undefined {
  // Past the prolog saxes still never expands anything; this only gives the clear early diagnostic.
  const doctype = /<!DOCTYPE\b/i.exec(text.slice(0, 64 * 1024));
  if (!doctype) return undefined;
  const bracket = text.indexOf('[', doctype.index);
  const gt = text.indexOf('>', doctype.index);
  if (bracket < 0 || (gt >= 0 && gt < bracket)) return undefined;
  const end = text.indexOf(']>', bracket);
  return text.slice(bracket, end < 0 ? undefined : end).includes('<!ENTITY') ? doctype.index : undefined;
}

/** Parses `text`; throws XmlError (message + position) on malformed XML, a DTD with entities or a limit. */
export function parseXml(text: string, limits: XmlLimits = XML_LIMITS): XmlElement {
  const lines = new LineIndex(text);
  const dtd = entityDeclaration(text);
  if (dtd !== undefined) {
    throw new XmlError(
      'the document type declaration (DTD) declares entities; Rampart never expands them (an XML bomb or external entity would run here): remove the DOCTYPE',
      lines.at(dtd),
    );
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  let failure: XmlError | undefined;
  const fail = (message: string, at: Position) => {
    failure ??= new XmlError(message, at);
    throw failure;
  };
  const here = (): Position => ({ line: parser.line, column: parser.column + 1 });

  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++count > limits.maxElements) fail(`more than ${limits.maxElements} elements`, here());
    if (stack.length >= limits.maxDepth) fail(`elements nested deeper than ${limits.maxDepth} levels`, here());
    const parent = stack[stack.length - 1];
    const scope = { ...(parent?.scope ?? {}), ...(tag.ns ?? {}) };
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.uri === 'http://www.w3.org/2000/xmlns/') continue;
      attrs[a.local] ??= a.value;
      if (a.uri) attrs[`{${a.uri}}${a.local}`] = a.value;
    }
    const endOffset = parser.position;
    // The start tag ends at `endOffset`; its `<` is found by scanning back for the tag name.
    const startOffset = text.lastIndexOf(`<${tag.name}`, endOffset - 1);
    const el: XmlElement = {
      ns: tag.uri ?? '',
      local: tag.local ?? tag.name,
      name: tag.name,
      attrs,
      children: [],
      parent,
      text: '',
      scope,
      start: lines.at(Math.max(0, startOffset)),
      end: lines.at(endOffset),
    };
    if (parent) parent.children.push(el);
    else root ??= el;
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on('closetag', (tag) => {
    const el = stack[stack.length - 1];
    if (el && el.name === tag.name) stack.pop();
  });
  parser.on('text', (t) => {
    const el = stack[stack.length - 1];
    if (el && el.text.length < 64 * 1024) el.text = (el.text + t).trim();
  });
  parser.on('cdata', (t) => {
    const el = stack[stack.length - 1];
    if (el && el.text.length < 64 * 1024) el.text = (el.text + t).trim();
  });
  parser.on('error', (e) => {
    fail(e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, ''), here());
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (failure) throw failure;
    throw new XmlError((e as Error).message, here());
  }
  if (!root) throw new XmlError('no root element', { line: 1, column: 1 });
  return root;
}

/** The namespace URI and local part of a QName value such as `tns:GetQuote`, in an element's scope. */
export function resolveQName(value: string, at: XmlElement): { ns: string; local: string } {
  const i = value.indexOf(':');
  if (i < 0) return { ns: at.scope[''] ?? '', local: value.trim() };
  return { ns: at.scope[value.slice(0, i)] ?? '', local: value.slice(i + 1).trim() };
}

export function* descendants(el: XmlElement): Generator<XmlElement> {
  const todo = [...el.children].reverse();
  while (todo.length) {
    const e = todo.pop() as XmlElement;
    yield e;
    for (let i = e.children.length - 1; i >= 0; i--) todo.push(e.children[i] as XmlElement);
  }
}

export function childrenNamed(el: XmlElement, local: string, ns?: string | ((ns: string) => boolean)): XmlElement[] {
  return el.children.filter((c) => c.local === local && (ns === undefined || (typeof ns === 'string' ? c.ns === ns : ns(c.ns))));
}

/** `/wsdl:definitions/wsdl:service[@name="S"]/wsdl:port[@name="P"]`: stable across unrelated edits. */
export function xpathOf(el: XmlElement): string {
  const parts: string[] = [];
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    const attr = ['name', 'ref', 'Id'].find((a) => e.attrs[a] !== undefined);
    const key = attr ? `[@${attr}=${JSON.stringify(e.attrs[attr])}]` : indexAmongSame(e);
    parts.push(`${e.local}${key}`);
  }
  return `/${parts.reverse().join('/')}`;
}

function indexAmongSame(e: XmlElement): string {
  if (!e.parent) return '';
  const same = e.parent.children.filter((c) => c.local === e.local && c.ns === e.ns);
  return same.length > 1 ? `[${same.indexOf(e) + 1}]` : '';
}

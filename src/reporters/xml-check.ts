/**
 * A small strict XML 1.0 reader for tests: it throws on anything a conforming parser rejects that a
 * reporter could produce (illegal characters, unknown entities, raw `<` or `&`, unbalanced tags, bad
 * attribute syntax, duplicate attributes) and returns the element tree with entities decoded.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ILLEGAL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for characters XML forbids
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NAME = /^[A-Za-z_][\w.-]*/;

export function parseXml(xml: string): XmlElement {
  const bad = ILLEGAL.exec(xml);
  if (bad) throw new Error(`illegal character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`);
  let i = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i])) i++;
  };
  const decode = (s: string, where: string): string => {
    if (s.includes('<')) throw new Error(`raw < in ${where}`);
    return s.replace(/&([^;]*);?/g, (m, body: string) => {
      if (!m.endsWith(';')) throw new Error(`unterminated entity in ${where}: ${m}`);
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (body in named) return named[body];
      const num = /^#(\d+)$/.exec(body) ?? /^#x([0-9a-fA-F]+)$/.exec(body);
      if (num) {
        const cp = Number.parseInt(num[1], body.startsWith('#x') ? 16 : 10);
        const c = String.fromCodePoint(cp);
        if (ILLEGAL.test(c) || cp === 0) throw new Error(`illegal character reference ${m} in ${where}`);
        return c;
      }
      throw new Error(`unknown entity ${m} in ${where}`);
    });
  };
  const element = (): XmlElement => {
    if (xml[i] !== '<') throw new Error(`expected < at ${i}`);
    i++;
    const name = NAME.exec(xml.slice(i))?.[0];
    if (!name) throw new Error(`bad element name at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) throw new Error(`expected space before attribute at ${i}`);
      const an = NAME.exec(xml.slice(i))?.[0];
      if (!an) throw new Error(`bad attribute name at ${i}`);
      i += an.length;
      if (xml[i] !== '=') throw new Error(`expected = at ${i}`);
      const q = xml[i + 1];
      if (q !== '"' && q !== "'") throw new Error(`unquoted attribute at ${i}`);
      const end = xml.indexOf(q, i + 2);
      if (end < 0) throw new Error('unterminated attribute');
      if (an in el.attrs) throw new Error(`duplicate attribute ${an}`);
      // Attribute-value normalization: literal tabs and line breaks become spaces.
      el.attrs[an] = decode(xml.slice(i + 2, end).replace(/[\t\n\r]/g, ' '), `attribute ${an}`);
      i = end + 1;
    }
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) throw new Error(`unclosed <${name}>`);
      el.text += decode(xml.slice(i, lt).replace(/\r\n?/g, '\n'), `<${name}> text`);
      i = lt;
      if (xml.startsWith('</', i)) {
        const close = `</${name}>`;
        if (!xml.startsWith(close, i)) throw new Error(`expected ${close} at ${i}`);
        i += close.length;
        return el;
      }
      el.children.push(element());
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== xml.length) throw new Error(`content after the root element at ${i}`);
  return root;
}

/** Every element named `name` under `el`, depth first. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}

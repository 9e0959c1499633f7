/**
 * JSON and YAML files as values whose strings can be mapped back onto the file: `string(pointer)` gives
 * the decoded string with, for each character, the raw text it was written as (positions.ts). YAML files
 * may hold several documents (`---`, as Kubernetes manifests do): each is parsed on its own and its
 * positions shifted to the file's.
 */
import { getAt as getAtSegs, parsePointer } from '../../../formats/pointer.ts';
import { parseStructured, type StructuredDocument } from '../../../formats/structured.ts';
import { alignValue, decodeJsonString, Lines, type Mapped, regionSpan } from './positions.ts';

export interface StructDoc {
  value: unknown;
  /** The string at `pointer`, decoded and mapped onto the file; undefined if absent or not a string. */
  string(pointer: string): Mapped | undefined;
}

function getAt(root: unknown, pointer: string): unknown {
  return getAtSegs(root, parsePointer(pointer));
}

export function parseJsonDoc(file: string, text: string, lines = new Lines(text)): StructDoc | undefined {
  let doc: StructuredDocument;
  try {
    doc = parseStructured(text, `/${file}.json`, file);
  } catch {
    return undefined;
  }
  return {
    value: doc.value,
    string(pointer) {
      if (typeof getAt(doc.value, pointer) !== 'string') return undefined;
      const r = doc.locate(pointer, 'value');
      if (!r) return undefined;
      const at = lines.offset(r.startLine, r.startColumn);
      if (text.charCodeAt(at) !== 0x22) return undefined;
      return decodeJsonString(text, at).value;
    },
  };
}

/** One YAML document of a file, and where it starts. */
interface YamlPart {
  doc: StructuredDocument;
  base: number;
  lines: Lines;
}

/** Splits a YAML stream at `---` lines (and drops `...` end markers). */
function yamlParts(file: string, text: string): YamlPart[] {
  const parts: YamlPart[] = [];
  const sep = /^(?:---|\.\.\.)[ \t]*(?:#[^\n]*)?$/gm;
  let start = 0;
  const bounds: [number, number][] = [];
  for (let m = sep.exec(text); m; m = sep.exec(text)) {
    bounds.push([start, m.index]);
    start = m.index + m[0].length;
    // A `--- !tag` or `--- value` header line: keep what follows `---` as part of the next document.
  }
  bounds.push([start, text.length]);
  for (const [a, b] of bounds) {
    const chunk = text.slice(a, b);
    if (!/\S/.test(chunk)) continue;
    try {
      const doc = parseStructured(chunk, `/${file}.yaml`, file);
      if (doc.value === null || typeof doc.value !== 'object') continue;
      parts.push({ doc, base: a, lines: new Lines(chunk) });
    } catch {
      // A template (Helm) or a broken document: its text is still scanned as plain text.
    }
  }
  return parts;
}

/**
 * Documents of a YAML file. Pointers are per document: `/0/data/password` is in the first document
 * that parsed to a mapping or a list.
 */
export function parseYamlDocs(file: string, text: string): StructDoc[] {
  return yamlParts(file, text).map((part) => ({
    value: part.doc.value,
    string(pointer) {
      const v = getAt(part.doc.value, pointer);
      if (typeof v !== 'string') return undefined;
      const r = part.doc.locate(pointer, 'value');
      if (!r) return undefined;
      const [s, e] = regionSpan(part.lines, r).map((o) => o + part.base);
      const raw = text.slice(s, e);
      if (raw.startsWith('"') && !raw.includes('\n')) return shift(decodeJsonString(text, s).value, v, text, s, e);
      if (raw === v) return alignValue(v, text, s, e);
      if (raw.startsWith("'") && !raw.includes('\n')) return alignValue(v, text, s + 1, e - 1);
      return alignValue(v, text, s, e);
    },
  }));
}

/** A double-quoted YAML scalar read as JSON; YAML-only escapes (`\x41`, `\e`) fall back to alignment. */
function shift(decoded: Mapped, value: string, text: string, s: number, e: number): Mapped {
  return decoded.text === value ? decoded : alignValue(value, text, s + 1, e - 1);
}

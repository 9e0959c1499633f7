import { describe, expect, it } from 'vitest';
import { parseYamlDocs } from './docs.ts';
import { alignValue, assignmentOf, decodeJsonString, Lines, Mapped, mappedFragment, masked } from './positions.ts';

describe('decodeJsonString', () => {
  it('maps every decoded character to its escape in the file', () => {
    const raw = '{"a": "x\\ny\\u0041\\"z"}';
    const { value, end } = decodeJsonString(raw, 6);
    expect(value.text).toBe('x\nyA"z');
    expect(end).toBe(raw.length - 1);
    expect(value.rawSpan(1, 2)).toEqual([8, 10]); // \n
    expect(value.rawSpan(3, 4)).toEqual([11, 17]); // \u0041
    expect(value.rawSpan(4, 6)).toEqual([17, 20]); // \"z
  });
});

describe('alignValue', () => {
  it('maps a block scalar onto its indented lines', () => {
    const text = 'k: |\n    line one\n    two\n';
    const m = alignValue('line one\ntwo\n', text, 5, text.length);
    const lines = new Lines(text);
    const [s, e] = m.rawSpan(9, 12) ?? [0, 0];
    expect(lines.region(s, e)).toEqual({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 8 });
  });
});

describe('YAML documents', () => {
  it('locates strings in the second document of a stream, quoted or not', () => {
    const text = "a: 1\n---\nkind: Secret\nstringData:\n  p: \"x\\ty\"\n  q: 'it''s'\n";
    const docs = parseYamlDocs('s.yaml', text);
    expect(docs).toHaveLength(2);
    const p = docs[1].string('/stringData/p');
    expect(p?.text).toBe('x\ty');
    expect(p?.fullSpan()).toEqual([text.indexOf('"x') + 1, text.indexOf('y"') + 1]);
    const q = docs[1].string('/stringData/q');
    expect(q?.text).toBe("it's");
    expect(text.slice(...(q?.fullSpan() ?? [0, 0]))).toBe("it''s");
  });
});

describe('synthesized lines', () => {
  it('locate a match on the value, whatever the key before it', () => {
    const text = '\t{"key": "token",\n\t "value": "abc123XYZ"}';
    const at = text.indexOf('"abc');
    const value = decodeJsonString(text, at).value;
    const line = assignmentOf('token', value);
    expect(line.text).toBe('token = "abc123XYZ"');
    const f = mappedFragment('f.json', line, new Lines(text), '/value');
    expect(f.locate?.(9, 18)).toEqual({ startLine: 2, startColumn: 13, endLine: 2, endColumn: 22 });
    // A match that covers synthesized characters only is shown on the value.
    expect(f.locate?.(0, 5)).toEqual({ startLine: 2, startColumn: 13, endLine: 2, endColumn: 22 });
  });

  it('quote values that hold double quotes with single quotes', () => {
    expect(assignmentOf('k', new Mapped().synthetic('a"b')).text).toBe("k = 'a\"b'");
    expect(assignmentOf('a b:"c', new Mapped().synthetic('v')).text).toBe('a b__c = "v"');
  });
});

describe('masked', () => {
  it('blanks spans but keeps length and line breaks', () => {
    expect(masked('ab\ncd\nef', [[1, 4]])).toBe('a \n d\nef');
    expect(
      masked('abcdef', [
        [3, 5],
        [1, 2],
      ]),
    ).toBe('a c  f');
  });
});

import { describe, expect, it } from 'vitest';
import { parseStructured } from '../../src/formats/structured.ts';

const at = (text: string, pointer: string, part?: 'key' | 'value') => {
  const r = parseStructured(text, '/x.json', 'x.json').locate(pointer, part);
  return r && `${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}`;
};

describe('JSON positions without a syntax tree', () => {
  const text = [
    '{',
    '  "a\\"b": { "x": "}]\\"[{", "y": [1, {"z": null}, []] },',
    '  "dup": 1,',
    '  "dup": {"k": true},',
    '  "path/with~tilde": "v",',
    '  "empty": {}',
    '}',
  ].join('\n');

  /** The region of `needle` on line `n`, found by plain string search: an oracle independent of the scanner. */
  const find = (n: number, needle: string, from = 0) => {
    const col = text.split('\n')[n - 1].indexOf(needle, from) + 1;
    return `${n}:${col}-${n}:${col + needle.length}`;
  };

  it('finds keys and values past strings that contain brackets, quotes and escapes', () => {
    expect(at(text, '/a"b')).toBe(find(2, '"a\\"b"'));
    expect(at(text, '/a"b/x')).toBe(find(2, '"x"'));
    expect(at(text, '/a"b/x', 'value')).toBe(find(2, '"}]\\"[{"'));
    expect(at(text, '/a"b/y/1/z')).toBe(find(2, '"z"'));
    // A container is shown from where it starts to the end of its line.
    expect(at(text, '/a"b/y/2', 'value')?.split('-')[0]).toBe(find(2, '[]').split('-')[0]);
  });

  it('points at the last of duplicated keys, the one JSON.parse keeps', () => {
    expect(at(text, '/dup')).toBe(find(4, '"dup"'));
    expect(at(text, '/dup/k', 'value')).toBe(find(4, 'true'));
  });

  it('decodes ~0 and ~1 in pointers', () => {
    expect(at(text, '/path~1with~0tilde', 'value')).toBe(find(5, '"v"'));
  });

  it('returns nothing for absent members, out-of-range items and scalars', () => {
    expect(at(text, '/nope')).toBeUndefined();
    expect(at(text, '/a"b/y/9')).toBeUndefined();
    expect(at(text, '/a"b/y/x')).toBeUndefined();
    expect(at(text, '/dup/k/deeper')).toBeUndefined();
    expect(at(text, '/empty/x')).toBeUndefined();
  });
});

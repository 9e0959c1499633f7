import { describe, expect, it } from 'vitest';
import { parseProto } from '../../src/engines/grpc/proto/parse.ts';
import { ProtoSyntaxError, tokenize } from '../../src/engines/grpc/proto/tokenize.ts';

function errorOf(text: string): string {
  try {
    parseProto(text, 'x.proto');
  } catch (e) {
    if (e instanceof ProtoSyntaxError) return `${e.line}:${e.column} ${e.message}`;
    throw e;
  }
  return 'parsed';
}

describe('.proto tokenizer', () => {
  it('keeps line and column of each token, skipping comments', () => {
    const toks = tokenize('// head\nmessage A { /* x\n y */ string s = 1; }\n');
    expect(toks.map((t) => `${t.line}:${t.column}-${t.endColumn} ${t.text}`)).toEqual([
      '2:1-8 message',
      '2:9-10 A',
      '2:11-12 {',
      '3:7-13 string',
      '3:14-15 s',
      '3:16-17 =',
      '3:18-19 1',
      '3:19-20 ;',
      '3:21-22 }',
    ]);
  });

  it('reads dotted names, numbers with exponents and strings with escapes as one token', () => {
    expect(tokenize('.google.protobuf.Empty 1.5e-3 0x1F "a\\"b"').map((t) => t.text)).toEqual([
      '.google.protobuf.Empty',
      '1.5e-3',
      '0x1F',
      '"a\\"b"',
    ]);
  });
});

describe('.proto parser', () => {
  it('reads messages, nested messages, oneofs, maps, options, services and extensions with positions', () => {
    const f = parseProto(
      [
        'syntax = "proto3";',
        'package a.b;',
        'message User {',
        '  string id = 1 [(validate.rules).string = {max_len: 64}];',
        '  oneof kind { string x = 2; }',
        '  map<string, int32> tags = 3;',
        '  message Inner { repeated bytes data = 1; }',
        '  reserved 4, 5 to 9;',
        '}',
        'service Users {',
        '  rpc Get(User) returns (stream User) { option (auth.required) = true; }',
        '}',
        'extend google.protobuf.MethodOptions { bool required = 50001; }',
      ].join('\n'),
      'x.proto',
    );
    expect(f.package).toBe('a.b');
    expect(f.messages.map((m) => `${m.fullName}@${m.span.line}:${m.span.column}`)).toEqual(['a.b.User@3:9', 'a.b.User.Inner@7:11']);
    const [id, x, tags] = f.messages[0]?.fields ?? [];
    expect(id).toMatchObject({ name: 'id', type: 'string', span: { line: 4, column: 10, endColumn: 12 } });
    expect(id?.options).toEqual([
      { name: '(validate.rules).string', value: '{max_len: 64}', span: { line: 4, column: 18, endLine: 4, endColumn: 41 } },
    ]);
    expect(x).toMatchObject({ name: 'x', span: { line: 5, column: 23 } });
    expect(tags).toMatchObject({ name: 'tags', type: 'int32', mapKey: 'string', span: { line: 6, column: 22 } });
    expect(f.messages[1]?.fields[0]).toMatchObject({ name: 'data', label: 'repeated', type: 'bytes' });
    const rpc = f.services[0]?.methods[0];
    expect(rpc).toMatchObject({
      name: 'Get',
      input: 'User',
      output: 'User',
      clientStreaming: false,
      serverStreaming: true,
      span: { line: 11, column: 7 },
    });
    expect(rpc?.options.map((o) => `${o.name}=${o.value}`)).toEqual(['(auth.required)=true']);
    expect(f.extensions).toMatchObject([{ target: 'google.protobuf.MethodOptions', package: 'a.b', fields: [{ name: 'required' }] }]);
  });

  it.each([
    ['a missing semicolon, where it belongs', 'syntax = "proto3";\nmessage A {\n  string x = 1\n}\n', "3:15 expected ';' after '1'"],
    ['a misspelt keyword', 'syntax = "proto3";\nmessage A {\n  strin g x = 1;\n}\n', "3:11 expected '=' but found 'x'"],
    ['an unterminated string', 'syntax = "proto3;\n', '1:10 unterminated string'],
    ['an unterminated comment', 'syntax = "proto3";\n/* never closed\nmessage A {}\n', '2:1 unterminated /* comment'],
    ['a stray character', 'syntax = "proto3";\nmessage A { string x = 1; } #\n', "2:29 unexpected character '#'"],
    ['the end of the file inside a message', 'syntax = "proto3";\nmessage A {\n  string x = 1;\n', "4:1 expected '}' but the file ends"],
    ['a dotted declaration name', 'syntax = "proto3";\nmessage a.B {}\n', "2:9 illegal name 'a.B'"],
  ])('reports %s at its line and column', (_what, text, expected) => {
    expect(errorOf(text)).toBe(expected);
  });

  it('reports what protobufjs rejects at the offending token', () => {
    // Field numbers must be integers: the grammar of this parser lets the number through, protobufjs does not.
    expect(errorOf('syntax = "proto3";\nmessage A {\n  string x = 1.5;\n}\n')).toBe("3:14 illegal id '1.5'");
  });

  it('refuses hostile nesting without blowing the stack', () => {
    const deep = `syntax = "proto3";\n${'message A { '.repeat(100)}${'} '.repeat(100)}\n`;
    expect(errorOf(deep)).toMatch(/^2:\d+ messages nested more than 64 deep$/);
  });
});

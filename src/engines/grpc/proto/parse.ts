import protobuf from 'protobufjs';
import {
  type ProtoExtension,
  type ProtoField,
  type ProtoFile,
  type ProtoMessage,
  type ProtoMethod,
  type ProtoOption,
  type ProtoService,
  spanOf,
} from './model.ts';
import { ProtoSyntaxError, stringValue, type Token, tokenize } from './tokenize.ts';

/** Nesting of messages and aggregate option values a file may have (a guard against hostile input). */
const MAX_DEPTH = 64;

/**
 * Parses a .proto file (proto2, proto3, editions) into declarations with positions. The text is also
 * handed to protobufjs, whose parser knows the grammar's finer rules, so a file protobufjs rejects is
 * reported as broken too. Throws ProtoSyntaxError with the line and column of the problem.
 */
export function parseProto(text: string, file: string): ProtoFile {
  const parsed = new Parser(text, tokenize(text), file).file();
  try {
    protobuf.parse(text, { keepCase: true, alternateCommentMode: true });
  } catch (e) {
    throw fromProtobufjs(text, (e as Error).message);
  }
  return parsed;
}

/** protobufjs says `illegal token 'x' (line 5)`: find the token on that line for the column. */
function fromProtobufjs(text: string, message: string): ProtoSyntaxError {
  const m = /^(.*?)\s*\((?:[^()]*, )?line (\d+)\)$/.exec(message);
  const msg = m?.[1] ?? message;
  const line = m ? Number(m[2]) : 1;
  const lineText = text.split('\n')[line - 1] ?? '';
  const quoted = /'([^']{1,200})'/.exec(msg)?.[1];
  const at = quoted ? lineText.indexOf(quoted) : -1;
  const column = at >= 0 ? at + 1 : lineText.length - lineText.trimStart().length + 1;
  return new ProtoSyntaxError(msg, line, column);
}

class Parser {
  private i = 0;
  private pkg = '';
  private readonly out: ProtoFile;
  private readonly text: string;
  private readonly toks: Token[];

  constructor(text: string, toks: Token[], file: string) {
    this.text = text;
    this.toks = toks;
    this.out = { file, package: '', imports: [], options: [], messages: [], enums: [], services: [], extensions: [] };
  }

  file(): ProtoFile {
    while (!this.eof()) {
      const t = this.peek();
      switch (t.text) {
        case 'syntax':
        case 'edition':
          this.next();
          this.expect('=');
          this.expectKind('string');
          this.expect(';');
          break;
        case 'package':
          this.next();
          this.pkg = this.expectKind('ident').text.replace(/^\./, '');
          this.out.package = this.pkg;
          this.expect(';');
          break;
        case 'import': {
          this.next();
          if (this.peek().text === 'public' || this.peek().text === 'weak') this.next();
          const s = this.expectKind('string');
          this.out.imports.push({ path: stringValue(s), span: spanOf(s) });
          this.expect(';');
          break;
        }
        case 'option':
          this.out.options.push(this.option());
          this.expect(';');
          break;
        case 'message':
          this.message(this.pkg, 0);
          break;
        case 'enum':
          this.enumDecl(this.pkg);
          break;
        case 'service':
          this.service();
          break;
        case 'extend':
          this.extend(this.pkg, 0);
          break;
        case ';':
          this.next();
          break;
        default:
          this.unexpected(t);
      }
    }
    return this.out;
  }

  private message(scope: string, depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`messages nested more than ${MAX_DEPTH} deep`, this.peek());
    this.expect('message');
    const nameTok = this.name();
    const fullName = join(scope, nameTok.text);
    const msg: ProtoMessage = { fullName, name: nameTok.text, fields: [], options: [], span: spanOf(nameTok), file: this.out.file };
    this.out.messages.push(msg);
    this.expect('{');
    this.body(msg, depth);
    this.expect('}');
  }

  /** The inside of a message (or a oneof, whose fields belong to the message). */
  private body(msg: ProtoMessage, depth: number, inOneof = false): void {
    while (!this.eof() && this.peek().text !== '}') {
      const t = this.peek();
      const isDecl = this.at(1)?.kind === 'ident' && this.at(2)?.text === '{';
      if (t.text === ';') this.next();
      else if (t.text === 'option') {
        msg.options.push(this.option());
        this.expect(';');
      } else if (!inOneof && t.text === 'message' && isDecl) this.message(msg.fullName, depth + 1);
      else if (!inOneof && t.text === 'enum' && isDecl) this.enumDecl(msg.fullName);
      else if (!inOneof && t.text === 'extend' && this.at(2)?.text === '{') this.extend(msg.fullName, depth + 1);
      else if (!inOneof && t.text === 'oneof' && isDecl) {
        this.next();
        this.name();
        this.expect('{');
        this.body(msg, depth, true);
        this.expect('}');
      } else if (!inOneof && (t.text === 'reserved' || t.text === 'extensions')) this.skipStatement();
      else msg.fields.push(this.field(msg.fullName));
    }
  }

  private field(message: string): ProtoField {
    let label: ProtoField['label'];
    const first = this.peek();
    if ((first.text === 'repeated' || first.text === 'optional' || first.text === 'required') && this.at(1)?.kind === 'ident') {
      label = first.text;
      this.next();
    }
    let type: string;
    let mapKey: string | undefined;
    if (this.peek().text === 'map' && this.at(1)?.text === '<') {
      this.next();
      this.next();
      mapKey = this.expectKind('ident').text;
      this.expect(',');
      type = this.expectKind('ident').text;
      this.expect('>');
    } else type = this.expectKind('ident').text;
    if (type === 'group') this.fail('groups are not supported; use a nested message', first);
    const nameTok = this.name();
    this.expect('=');
    const number = this.expectKind('number').text;
    const options = this.peek().text === '[' ? this.fieldOptions() : [];
    this.expect(';');
    return { name: nameTok.text, type, label, mapKey, number, options, span: spanOf(nameTok), message };
  }

  private fieldOptions(): ProtoOption[] {
    this.expect('[');
    const out = [this.option(false)];
    while (this.peek().text === ',') {
      this.next();
      out.push(this.option(false));
    }
    this.expect(']');
    return out;
  }

  /** `option NAME = VALUE` (keyword included unless inside `[...]`). */
  private option(keyword = true): ProtoOption {
    if (keyword) this.expect('option');
    const start = this.peek();
    let name = '';
    do {
      if (this.peek().text === '(') {
        this.next();
        name += `(${this.expectKind('ident').text})`;
        this.expect(')');
      } else name += this.expectKind('ident').text;
    } while (this.peek().text === '(' || (this.peek().kind === 'ident' && this.peek().text.startsWith('.')));
    const nameEnd = this.toks[this.i - 1] as Token;
    this.expect('=');
    const value = this.constant(0);
    return { name, value, span: { line: start.line, column: start.column, endLine: nameEnd.endLine, endColumn: nameEnd.endColumn } };
  }

  /** A constant or an aggregate `{ ... }` value: returns its source text. */
  private constant(depth: number): string {
    const first = this.peek();
    if (first.text === '{' || first.text === '[') {
      this.skipBalanced(depth);
    } else {
      if (first.text === '-' || first.text === '+') this.next();
      const t = this.next();
      if (t.kind === 'symbol') this.unexpected(t);
      // Adjacent strings concatenate: "a" "b".
      if (t.kind === 'string') while (this.peek().kind === 'string') this.next();
    }
    const last = this.toks[this.i - 1] as Token;
    return this.text.slice(first.start, last.end);
  }

  private skipBalanced(depth: number): void {
    const open = this.next();
    const close = open.text === '{' ? '}' : ']';
    if (depth > MAX_DEPTH) this.fail(`values nested more than ${MAX_DEPTH} deep`, open);
    while (!this.eof() && this.peek().text !== close) {
      const t = this.peek();
      if (t.text === '{' || t.text === '[') this.skipBalanced(depth + 1);
      else if (t.text === '}' || t.text === ']') this.unexpected(t);
      else this.next();
    }
    this.expect(close);
  }

  private enumDecl(scope: string): void {
    this.expect('enum');
    const nameTok = this.name();
    this.out.enums.push(join(scope, nameTok.text));
    if (this.peek().text !== '{') this.unexpected(this.peek());
    this.skipBalanced(0);
  }

  private service(): void {
    this.expect('service');
    const nameTok = this.name();
    const svc: ProtoService = {
      fullName: join(this.pkg, nameTok.text),
      name: nameTok.text,
      methods: [],
      options: [],
      span: spanOf(nameTok),
      file: this.out.file,
    };
    this.out.services.push(svc);
    this.expect('{');
    while (!this.eof() && this.peek().text !== '}') {
      const t = this.peek();
      if (t.text === ';') this.next();
      else if (t.text === 'option') {
        svc.options.push(this.option());
        this.expect(';');
      } else if (t.text === 'rpc') svc.methods.push(this.rpc());
      else this.unexpected(t);
    }
    this.expect('}');
  }

  private rpc(): ProtoMethod {
    this.expect('rpc');
    const nameTok = this.name();
    const [input, clientStreaming] = this.rpcType();
    this.expect('returns');
    const [output, serverStreaming] = this.rpcType();
    const options: ProtoOption[] = [];
    if (this.peek().text === '{') {
      this.next();
      while (!this.eof() && this.peek().text !== '}') {
        if (this.peek().text === ';') this.next();
        else {
          options.push(this.option());
          this.expect(';');
        }
      }
      this.expect('}');
      if (this.peek().text === ';') this.next();
    } else this.expect(';');
    return { name: nameTok.text, input, output, clientStreaming, serverStreaming, options, span: spanOf(nameTok) };
  }

  private rpcType(): [string, boolean] {
    this.expect('(');
    let stream = false;
    if (this.peek().text === 'stream' && this.at(1)?.kind === 'ident') {
      this.next();
      stream = true;
    }
    const type = this.expectKind('ident').text;
    this.expect(')');
    return [type, stream];
  }

  private extend(scope: string, depth: number): void {
    this.expect('extend');
    const target = this.expectKind('ident').text;
    const ext: ProtoExtension = { target: target.replace(/^\./, ''), fields: [], package: this.pkg };
    const holder: ProtoMessage = { fullName: scope, name: '', fields: [], options: [], span: spanOf(this.peek()), file: this.out.file };
    this.expect('{');
    this.body(holder, depth, true);
    this.expect('}');
    ext.fields = holder.fields;
    this.out.extensions.push(ext);
  }

  private skipStatement(): void {
    while (!this.eof() && this.peek().text !== ';') this.next();
    this.expect(';');
  }

  private name(): Token {
    const t = this.expectKind('ident');
    if (t.text.includes('.')) this.fail(`illegal name '${t.text}'`, t);
    return t;
  }

  private eof(): boolean {
    return this.i >= this.toks.length;
  }

  private peek(): Token {
    return this.toks[this.i] ?? this.endToken();
  }

  private at(offset: number): Token | undefined {
    return this.toks[this.i + offset];
  }

  private next(): Token {
    const t = this.peek();
    if (this.eof()) this.fail('unexpected end of file', t);
    this.i++;
    return t;
  }

  private expect(text: string): Token {
    const t = this.peek();
    if (this.eof()) this.fail(`expected '${text}' but the file ends`, t);
    if (t.text !== text) {
      // A missing `;` is noticed on the next line: point where it belongs, as protoc does.
      const prev = this.toks[this.i - 1];
      if (prev && prev.endLine < t.line)
        this.fail(`expected '${text}' after '${prev.text}'`, { ...prev, column: prev.endColumn, line: prev.endLine });
      this.fail(`expected '${text}' but found '${t.text}'`, t);
    }
    this.i++;
    return t;
  }

  private expectKind(kind: Token['kind']): Token {
    const t = this.peek();
    const what = kind === 'ident' ? 'a name' : `a ${kind}`;
    if (this.eof()) this.fail(`expected ${what} but the file ends`, t);
    if (t.kind !== kind) this.fail(`expected ${what} but found '${t.text}'`, t);
    this.i++;
    return t;
  }

  private unexpected(t: Token): never {
    return this.fail(this.eof() ? 'unexpected end of file' : `unexpected '${t.text}'`, t);
  }

  private fail(message: string, t: { line: number; column: number }): never {
    throw new ProtoSyntaxError(message, t.line, t.column);
  }

  /** Where the file ends, for "expected X but the file ends". */
  private endToken(): Token {
    const lines = this.text.split('\n');
    const line = lines.length;
    const column = (lines[line - 1] ?? '').length + 1;
    return { kind: 'symbol', text: '', line, column, endLine: line, endColumn: column, start: this.text.length, end: this.text.length };
  }
}

function join(scope: string, name: string): string {
  return scope ? `${scope}.${name}` : name;
}

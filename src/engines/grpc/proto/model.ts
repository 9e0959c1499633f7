/** What the audit knows of a .proto file: declarations with their exact positions. */

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ProtoOption {
  /** As written, without spaces: `deprecated`, `(auth.required)`, `(buf.validate.field).string.max_len`. */
  name: string;
  /** The value's source text: `true`, `64`, `"x"`, `{ string: { max_len: 64 } }`. */
  value: string;
  span: Span;
}

export interface ProtoField {
  name: string;
  /** The type as written (`string`, `User`, `.pkg.User`); for maps, the value type. */
  type: string;
  label?: 'repeated' | 'optional' | 'required';
  /** Key type of a `map<K, V>` field. */
  mapKey?: string;
  number: string;
  options: ProtoOption[];
  /** The field's name. */
  span: Span;
  /** The message that declares it, or the oneof's message. */
  message: string;
}

export interface ProtoMessage {
  /** Fully qualified, without the leading dot: `shop.v1.User.Address`. */
  fullName: string;
  name: string;
  fields: ProtoField[];
  options: ProtoOption[];
  span: Span;
  file: string;
}

export interface ProtoMethod {
  name: string;
  input: string;
  output: string;
  clientStreaming: boolean;
  serverStreaming: boolean;
  options: ProtoOption[];
  span: Span;
}

export interface ProtoService {
  fullName: string;
  name: string;
  methods: ProtoMethod[];
  options: ProtoOption[];
  span: Span;
  file: string;
}

export interface ProtoImport {
  path: string;
  span: Span;
}

/** `extend google.protobuf.MethodOptions { bool required = 50001; }`: declares custom options. */
export interface ProtoExtension {
  target: string;
  fields: ProtoField[];
  /** The package of the file that declares it: the option is used as `(pkg.name)`. */
  package: string;
}

export interface ProtoFile {
  /** As shown to the user. */
  file: string;
  package: string;
  imports: ProtoImport[];
  options: ProtoOption[];
  messages: ProtoMessage[];
  /** Fully qualified names of enums (fields of these types are bounded). */
  enums: string[];
  services: ProtoService[];
  extensions: ProtoExtension[];
}

export function spanOf(t: { line: number; column: number; endLine: number; endColumn: number }): Span {
  return { line: t.line, column: t.column, endLine: t.endLine, endColumn: t.endColumn };
}

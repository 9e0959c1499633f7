import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ProtoField, ProtoFile, ProtoMessage, ProtoMethod, ProtoService } from './model.ts';
import { parseProto } from './parse.ts';

/** Imported files read per audited file (a guard against import fan-out). */
const MAX_IMPORTED_FILES = 200;
/** Message nesting followed from a method's request or response. */
const MAX_REACH_DEPTH = 32;

/** A .proto file with where it lives, for positions and fingerprints. */
export interface LoadedProto {
  proto: ProtoFile;
  absPath: string;
  /** Relative to the project root (fingerprints). */
  projectFile: string;
}

/**
 * The audited file and the files it imports (found beside it or under an ancestor folder up to the
 * project root), with type resolution by the protobuf scoping rules.
 */
export class ProtoProject {
  readonly files: LoadedProto[] = [];
  private readonly messages = new Map<string, ProtoMessage>();
  private readonly enums = new Set<string>();
  private readonly byMessage = new Map<ProtoMessage, LoadedProto>();

  constructor(main: LoadedProto, rootDir: string, maxFileBytes: number) {
    this.add(main);
    const seen = new Set([main.absPath]);
    const queue = [main];
    while (queue.length && this.files.length < MAX_IMPORTED_FILES) {
      const from = queue.shift() as LoadedProto;
      for (const imp of from.proto.imports) {
        const abs = findImport(imp.path, dirname(from.absPath), rootDir);
        if (!abs || seen.has(abs)) continue;
        seen.add(abs);
        try {
          if (statSync(abs).size > maxFileBytes) continue;
          const projectFile = relative(rootDir, abs).split(sep).join('/');
          const display = join(dirname(main.proto.file), relative(dirname(main.absPath), abs))
            .split(sep)
            .join('/');
          const loaded = { proto: parseProto(readFileSync(abs, 'utf8'), display), absPath: abs, projectFile };
          this.add(loaded);
          queue.push(loaded);
        } catch {
          // A broken import is reported when that file is audited itself.
        }
        if (this.files.length >= MAX_IMPORTED_FILES) break;
      }
    }
  }

  get main(): LoadedProto {
    return this.files[0] as LoadedProto;
  }

  private add(f: LoadedProto): void {
    this.files.push(f);
    for (const m of f.proto.messages) {
      if (!this.messages.has(m.fullName)) this.messages.set(m.fullName, m);
      this.byMessage.set(m, f);
    }
    for (const e of f.proto.enums) this.enums.add(e);
  }

  /** The file that declares a message. */
  fileOf(m: ProtoMessage): LoadedProto {
    return this.byMessage.get(m) ?? this.main;
  }

  /** Resolves a type name as written in `scope` (a package or message full name) to a message, if it is one. */
  message(type: string, scope: string): ProtoMessage | undefined {
    return this.lookup(type, scope, (n) => this.messages.get(n));
  }

  isEnum(type: string, scope: string): boolean {
    return this.lookup(type, scope, (n) => (this.enums.has(n) ? true : undefined)) === true;
  }

  private lookup<T>(type: string, scope: string, get: (n: string) => T | undefined): T | undefined {
    if (type.startsWith('.')) return get(type.slice(1));
    const parts = scope ? scope.split('.') : [];
    for (let n = parts.length; n >= 0; n--) {
      const hit = get([...parts.slice(0, n), type].join('.'));
      if (hit !== undefined) return hit;
    }
    return undefined;
  }

  /** The package of a service's file: the scope its method types resolve in. */
  scopeOf(svc: ProtoService): string {
    const i = svc.fullName.lastIndexOf('.');
    return i < 0 ? '' : svc.fullName.slice(0, i);
  }

  /**
   * Every field of the messages reachable from a method's request or response (nested messages
   * followed once each), with the chain of fields that leads to it.
   */
  reachable(
    svc: ProtoService,
    method: ProtoMethod,
    side: 'input' | 'output',
  ): { field: ProtoField; message: ProtoMessage; via: string[] }[] {
    const root = this.message(method[side], this.scopeOf(svc));
    if (!root) return [];
    const out: { field: ProtoField; message: ProtoMessage; via: string[] }[] = [];
    const seen = new Set<ProtoMessage>();
    const walk = (m: ProtoMessage, via: string[]) => {
      if (seen.has(m) || via.length > MAX_REACH_DEPTH) return;
      seen.add(m);
      for (const field of m.fields) {
        out.push({ field, message: m, via });
        const nested = this.message(field.type, m.fullName);
        if (nested) walk(nested, [...via, field.name]);
      }
    };
    walk(root, []);
    return out;
  }
}

/** protoc's search: beside the importing file, then each ancestor up to the project root. */
function findImport(path: string, fromDir: string, rootDir: string): string | undefined {
  const root = resolve(rootDir);
  let dir = resolve(fromDir);
  for (let i = 0; i < 64; i++) {
    const candidate = resolve(dir, path);
    if (candidate.startsWith(root + sep) && existsSync(candidate)) return candidate;
    if (dir === root || dirname(dir) === dir || !dir.startsWith(root)) return undefined;
    dir = dirname(dir);
  }
  return undefined;
}

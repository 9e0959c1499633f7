import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { getAt, joinPointer, parsePointer } from '../pointer.ts';
import { DEFAULT_LIMITS, InputError, type Limits, type ReadFile, readStructuredFile, type StructuredDocument } from '../structured.ts';

/** A node of a document together with where it sits: the unit every check reports on. */
export interface NodeRef<T = unknown> {
  doc: StructuredDocument;
  pointer: string;
  value: T;
}

export function child<T = unknown>(ref: NodeRef, ...segs: (string | number)[]): NodeRef<T> | undefined {
  let v: unknown = ref.value;
  for (const s of segs) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s as string];
  }
  if (v === undefined) return undefined;
  return { doc: ref.doc, pointer: joinPointer(ref.pointer, ...segs), value: v as T };
}

export interface RefProblem {
  message: string;
  at: NodeRef;
}

/**
 * Loads the files of a multi-file definition and follows `$ref`s across them. Remote (http) refs are
 * never fetched: a security tool must not reach out to hosts named by the document it audits.
 */
export class DocumentSet {
  private docs = new Map<string, StructuredDocument | InputError>();
  readonly problems: RefProblem[] = [];
  private reported = new Set<string>();
  readonly limits: Limits;
  private cwd: string;

  private confineTo?: string;
  private readonly read?: ReadFile;

  /**
   * `confineTo`: a directory that `$ref`s may not leave. A definition from an untrusted pull request
   * must not make the auditor read `/etc/passwd` or a developer's home directory.
   */
  constructor(
    root: StructuredDocument,
    limits: Limits = DEFAULT_LIMITS,
    cwd = process.cwd(),
    confineTo?: string,
    /** Where `$ref` targets are read (default: the disk). */
    read?: ReadFile,
  ) {
    this.read = read;
    this.docs.set(root.absPath, root);
    this.limits = limits;
    this.cwd = cwd;
    this.confineTo = confineTo;
  }

  /** Every file loaded so far (the root and the external `$ref` targets). */
  files(): StructuredDocument[] {
    return [...this.docs.values()].filter((d): d is StructuredDocument => !(d instanceof InputError));
  }

  /**
   * Loads the file a `$ref` found in `from` points to (if it names a local file), so that files only
   * reachable through unused components are audited too. Problems surface when the ref is resolved.
   */
  loadRefTarget(from: StructuredDocument, ref: string): void {
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    if (!filePart || /^[a-z][a-z0-9+.-]*:/i.test(filePart)) return;
    let abs: string;
    try {
      abs = resolve(dirname(from.absPath), decodeURI(filePart));
    } catch {
      return;
    }
    this.load(abs);
  }

  private load(absPath: string): StructuredDocument | InputError {
    let d = this.docs.get(absPath);
    if (!d) {
      const display = relative(this.cwd, absPath).split(sep).join('/') || absPath;
      const inside = this.confineTo === undefined ? '' : relative(this.confineTo, absPath);
      if (inside.startsWith('..') || isAbsolute(inside)) {
        d = new InputError(`outside the project folder ${this.confineTo}; not read`, display);
        this.docs.set(absPath, d);
        return d;
      }
      try {
        d = readStructuredFile(absPath, display, this.limits, this.read);
      } catch (e) {
        d = e instanceof InputError ? e : new InputError(String(e), display);
      }
      this.docs.set(absPath, d);
    }
    return d;
  }

  private problem(at: NodeRef, message: string): undefined {
    const key = `${at.doc.absPath}#${at.pointer}`;
    if (!this.reported.has(key)) {
      this.reported.add(key);
      this.problems.push({ at, message });
    }
    return undefined;
  }

  /**
   * Follows `$ref` chains from `ref` and returns the target node, or `ref` itself when it is no
   * reference. Undefined (and a recorded problem) when a reference cannot be resolved.
   */
  resolve<T = unknown>(ref: NodeRef | undefined): NodeRef<T> | undefined {
    let cur = ref;
    for (let hops = 0; cur && hops < 32; hops++) {
      const v = cur.value as { $ref?: unknown } | null;
      if (v === null || typeof v !== 'object' || typeof v.$ref !== 'string') return cur as NodeRef<T>;
      const target = this.follow(cur, v.$ref);
      if (!target) return undefined;
      cur = target;
    }
    return cur ? this.problem(cur, 'reference chain longer than 32 hops (a cycle of $refs?)') : undefined;
  }

  private follow(at: NodeRef, ref: string): NodeRef | undefined {
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? '' : ref.slice(hash + 1);
    let doc = at.doc;
    if (filePart) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
        return this.problem(
          { ...at, pointer: joinPointer(at.pointer, '$ref') },
          `remote $ref "${redactUrl(ref)}" is not fetched; it was not audited`,
        );
      }
      let filePath: string;
      try {
        filePath = decodeURI(filePart);
      } catch {
        return this.problem({ ...at, pointer: joinPointer(at.pointer, '$ref') }, `cannot resolve $ref "${ref}": invalid percent-encoding`);
      }
      const loaded = this.load(resolve(dirname(doc.absPath), filePath));
      if (loaded instanceof InputError) {
        return this.problem(
          { ...at, pointer: joinPointer(at.pointer, '$ref') },
          `cannot resolve $ref "${redactUrl(ref)}": ${loaded.file}: ${loaded.message}`,
        );
      }
      doc = loaded;
    }
    let segs: string[];
    try {
      segs = parsePointer(pointer);
    } catch {
      return this.problem(
        { ...at, pointer: joinPointer(at.pointer, '$ref') },
        `cannot resolve $ref "${redactUrl(ref)}": invalid JSON pointer`,
      );
    }
    const value = getAt(doc.value, segs);
    if (value === undefined) {
      return this.problem(
        { ...at, pointer: joinPointer(at.pointer, '$ref') },
        `cannot resolve $ref "${redactUrl(ref)}": nothing at that pointer`,
      );
    }
    return { doc, pointer: segs.length ? joinPointer('', ...segs) : '', value };
  }
}

/** Hides the password of `scheme://user:password@host` so diagnostics never print a credential. */
export function redactUrl(s: string): string {
  return s.replace(/^([a-z][a-z0-9+.-]{0,30}:\/\/[^/:@\s]{0,256}):[^/@\s]{1,256}@/i, '$1:****@');
}

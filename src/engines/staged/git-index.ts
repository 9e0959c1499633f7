/**
 * What the next commit will hold: the files staged in the git index, read without looking at the working
 * tree. A plain git hook runs with unstaged edits still in the files (the pre-commit framework stashes
 * them, a plain hook does not), so auditing the files on disk would judge content the commit does not
 * contain, and miss what it does.
 *
 * Decisions, and why:
 * - One `git diff --cached --raw` lists the staged files with the id of their staged blob; one
 *   `git cat-file --batch-check` gives the sizes and one `git cat-file --batch` the contents of those
 *   worth reading, so a commit of a hundred files costs three git processes, not a hundred.
 * - Blob ids, not paths, go to `cat-file`: a path holding a newline cannot break its line protocol.
 * - `$ref` targets are read on demand (`git cat-file blob :path`, the staged or committed version); a file
 *   that is not in the index (untracked) is an error: the commit would not contain it.
 * - Symbolic links and submodules are not files of the commit's content: they are left out.
 * - Pathspecs are literal (`--literal-pathspecs`): the pre-commit framework passes file names, and a name
 *   holding `*` must not match other files.
 */
import { execFileSync, spawn } from 'node:child_process';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { formatSize, InputError, type ReadFile } from '../../formats/structured.ts';
import { toDisplayPath } from '../design/discover.ts';
import { gitTopLevel } from '../secrets/files.ts';

/** Not a git work tree, or git failed: one line for the user. */
export class GitIndexError extends Error {
  override name = 'GitIndexError';
}

/** A staged file: its path from the repository root (forward slashes) and its staged blob. */
export interface StagedFile {
  path: string;
  blob: string;
}

/** Git's configuration cannot change the output this module parses. */
const GIT = ['-c', 'core.quotepath=false', '-c', 'diff.noprefix=false'];

/** Runs git; resolves to its standard output, or to nothing when `onData` takes the output as it comes. */
function run(cwd: string, args: string[], input?: string, onData?: (chunk: Buffer) => void): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', [...GIT, ...args], {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      // English messages (matched below); no lock on the index: a hook runs while git holds it.
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', LANGUAGE: 'C' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', onData ?? ((b: Buffer) => out.push(b)));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(new GitIndexError(e.code === 'ENOENT' ? 'git is not installed or not on PATH' : `git: ${e.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0) return resolvePromise(Buffer.concat(out));
      const line =
        Buffer.concat(err)
          .toString('utf8')
          .split('\n')
          .find((l) => l.trim()) ?? `git exited with ${code}`;
      reject(
        new GitIndexError(/not a git repository/i.test(line) ? `${cwd}: not a git repository` : line.replace(/^(?:fatal|error): /, '')),
      );
    });
    // git may exit (on an error) before reading all its input: that is its error to report, not EPIPE's.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}

function tooBig(size: number, max: number, file: string): InputError {
  return new InputError(`file is ${formatSize(size)}, above the ${formatSize(max)} limit (raise it with --max-file-size)`, file);
}

/**
 * Parses `git cat-file --batch` as it streams (`<id> blob <size>\n<content>\n`, in the order asked):
 * contents up to `maxBytes` are kept, larger ones are skipped as they pass and only their size is kept,
 * so a huge staged file costs no memory.
 */
class BlobStream {
  readonly contents: (Buffer | number)[] = [];
  private header: Buffer[] = [];
  private body: Buffer | undefined;
  private size = 0;
  private filled = 0;
  /** Bytes still to pass before the next header: the rest of a body, then its newline. */
  private skip = 0;
  private readonly maxBytes: number;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
        if (this.body && this.filled < this.size) {
          const take = Math.min(n, this.size - this.filled);
          chunk.copy(this.body, this.filled, at, at + take);
          this.filled += take;
        }
        this.skip -= n;
        at += n;
        if (this.skip === 0) this.contents.push(this.body ?? this.size);
        continue;
      }
      const eol = chunk.indexOf(10, at);
      if (eol === -1) {
        this.header.push(chunk.subarray(at));
        return;
      }
      this.header.push(chunk.subarray(at, eol));
      at = eol + 1;
      const line = Buffer.concat(this.header).toString('latin1');
      this.header = [];
      // `<id> missing` cannot happen for ids the index lists; treat it as an empty file rather than hang.
      this.size = Number(line.split(' ')[2]) || 0;
      this.filled = 0;
      this.body = this.size <= this.maxBytes ? Buffer.allocUnsafe(this.size) : undefined;
      this.skip = line.endsWith(' missing') ? 0 : this.size + 1;
      if (this.skip === 0) this.contents.push(Buffer.alloc(0));
    }
  }
}

/** git's answer when `:path` names no file of the index (any other failure is reported as it is). */
export function notInIndex(gitStderr: string): boolean {
  return /does not exist|not in the index|invalid object name|not a valid object name/i.test(gitStderr);
}

/** The index of the git work tree holding `cwd`. */
export class GitIndex {
  private readonly blobs = new Map<string, Buffer | InputError>();
  /** The work tree's top directory. */
  readonly root: string;
  private readonly cwd: string;
  private readonly maxBytes: number;

  private constructor(root: string, cwd: string, maxBytes: number) {
    this.root = root;
    this.cwd = cwd;
    this.maxBytes = maxBytes;
  }

  /** Throws GitIndexError when `cwd` is not in a git work tree. */
  static async open(cwd: string, maxBytes: number): Promise<GitIndex> {
    // The .git entry above cwd, as the secrets engine finds it: one git process less (~10 ms of a hook).
    let top = gitTopLevel(cwd);
    top ??= (await run(cwd, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
    if (!top) throw new GitIndexError(`${cwd}: not in a git work tree (a bare repository has no index to commit from)`);
    return new GitIndex(resolve(top), cwd, maxBytes);
  }

  /**
   * The files the next commit adds or changes (not those it deletes), optionally only those named by
   * `paths` (relative to cwd). Renames count as added files: their content is new to this path.
   */
  async staged(paths: readonly string[] = []): Promise<StagedFile[]> {
    const args = [
      '--literal-pathspecs',
      'diff',
      '--cached',
      '--raw',
      '-z',
      '--no-abbrev',
      '--no-renames',
      '--diff-filter=ACM',
      '--no-ext-diff',
    ];
    const out = (await run(this.cwd, [...args, '--', ...paths])).toString('utf8');
    // `:100644 100644 <old> <new> M\0path\0`, repeated.
    const fields = out.split('\0');
    const files: StagedFile[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const [, mode, , blob] = fields[i].split(' ');
      if (mode?.startsWith('100') && blob) files.push({ path: fields[i + 1], blob });
    }
    return files;
  }

  /** Reads the staged contents of `files` ahead, in one git process; those above the size limit are not kept. */
  async prefetch(files: readonly StagedFile[]): Promise<void> {
    const wanted = files.filter((f) => !this.blobs.has(this.absolute(f.path)));
    if (!wanted.length) return;
    const blobs = new BlobStream(this.maxBytes);
    await run(this.root, ['cat-file', '--batch'], wanted.map((f) => `${f.blob}\n`).join(''), (chunk) => blobs.push(chunk));
    wanted.forEach((f, i) => {
      const blob = blobs.contents[i];
      const abs = this.absolute(f.path);
      this.blobs.set(abs, typeof blob === 'number' ? tooBig(blob, this.maxBytes, this.shown(abs)) : blob);
    });
  }

  /** The staged content of a file by absolute path (see ReadFile); an InputError when the commit would not hold it. */
  readonly read: ReadFile = (absPath) => {
    let blob = this.blobs.get(absPath);
    if (!blob) {
      blob = this.readOne(absPath);
      this.blobs.set(absPath, blob);
    }
    if (blob instanceof InputError) throw blob;
    return blob;
  };

  private readOne(absPath: string): Buffer | InputError {
    const rel = relative(this.root, absPath);
    const shown = rel.split(sep).join('/');
    if (rel.startsWith('..') || isAbsolute(rel)) return new InputError('outside the git work tree; not read', this.shown(absPath));
    try {
      // `:path` is the index's version: staged, or as last committed when unchanged.
      const size = Number(
        execFileSync('git', [...GIT, 'cat-file', '-s', `:${shown}`], { cwd: this.root, stdio: ['ignore', 'pipe', 'pipe'] }),
      );
      if (size > this.maxBytes) {
        return tooBig(size, this.maxBytes, this.shown(absPath));
      }
      return execFileSync('git', [...GIT, 'cat-file', 'blob', `:${shown}`], {
        cwd: this.root,
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: size + 1,
      });
    } catch (e) {
      const stderr = String((e as { stderr?: Buffer }).stderr ?? '');
      if (notInIndex(stderr))
        return new InputError('not in the git index: the commit would not contain it (git add it, or fix the $ref)', this.shown(absPath));
      const why = stderr.trim().split('\n')[0] || (e as Error)?.message || String(e);
      return new InputError(`cannot read it from the git index: ${why}`, this.shown(absPath));
    }
  }

  /** The absolute path of a path from the repository root. */
  absolute(path: string): string {
    return resolve(this.root, path);
  }

  /** As findings show paths: relative to the working directory. */
  private shown(absPath: string): string {
    return toDisplayPath(absPath, this.cwd);
  }
}

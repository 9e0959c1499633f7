import { fstatSync, writeSync } from 'node:fs';
import type { audit } from '../engines/design/engine.ts';
import type { probe } from '../engines/probe/engine.ts';
import type { scanSecrets } from '../engines/secrets/engine.ts';

/**
 * Everything the CLI touches outside itself, so tests can run it in-process: output streams, terminal
 * facts, environment, working directory, and the library functions it calls (replaceable to test how
 * the CLI handles a failure of its own).
 */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width, for help text and the progress line. */
  columns: number;
  audit: typeof audit;
  /** `rampart secrets` runs this (default: the engine's scanSecrets). */
  secrets?: typeof scanSecrets;
  /** `rampart probe` runs this (default: the engine's probe). */
  probe?: typeof probe;
  /** Standard input for the `-` input (default: process.stdin). */
  readStdin?: () => Promise<string | AsyncIterable<Buffer | string>>;
  /**
   * Resolves once standard output has taken what was written (a pipe whose reader is slower holds it
   * in memory until then): `logs --redact` waits for it, so a large log never piles up in memory.
   */
  stdoutDrained?: () => Promise<void>;
}

/** Standard output is a file or /dev/null (not a terminal, pipe or socket): writes there are synchronous. */
function stdoutIsFile(): boolean {
  try {
    const st = fstatSync(1);
    return st.isFile() || (st.isCharacterDevice() && !process.stdout.isTTY);
  } catch {
    return false;
  }
}

/** Texts up to this many characters are encoded into the writer's reused buffer. */
const REUSED_CHARS = 256 * 1024;

/**
 * Writes text to a file descriptor synchronously, each text encoded into one reused buffer:
 * process.stdout.write allocates a buffer per write (`Buffer.from`), and `logs --redact` writes a batch
 * of lines at a time, so its whole log went through fresh buffers. Larger texts (a whole report) get a
 * buffer of their own.
 */
export function fileWriter(fd: number): (text: string) => void {
  let reused: Buffer | undefined;
  return (text) => {
    let bytes: Buffer;
    let n: number;
    if (text.length > REUSED_CHARS) {
      bytes = Buffer.from(text, 'utf8');
      n = bytes.length;
    } else {
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      reused ??= Buffer.allocUnsafeSlow(3 * REUSED_CHARS);
      bytes = reused;
      n = bytes.write(text, 0, 'utf8');
    }
    for (let at = 0; at < n; ) at += writeSync(fd, bytes, at, n - at);
  };
}

/** The design engine, loaded on the first audit: other commands never pay for it. */
const lazyAudit: typeof audit = async (inputs, options) => (await import('../engines/design/engine.ts')).audit(inputs, options);

export function processIO(): CliIO {
  return {
    stdout: stdoutIsFile() ? fileWriter(1) : (t) => void process.stdout.write(t),
    stdoutDrained: () => drained(process.stdout),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stderr.columns || process.stdout.columns || 100,
    audit: lazyAudit,
  };
}

/** Defaults for whatever a caller (usually a test) leaves out: a quiet, non-TTY, colourless terminal. */
export function withDefaults(io: Partial<CliIO>): CliIO {
  return {
    stdout: io.stdout ?? (() => {}),
    stderr: io.stderr ?? (() => {}),
    cwd: io.cwd ?? process.cwd(),
    env: io.env ?? {},
    stdoutIsTTY: io.stdoutIsTTY ?? false,
    stderrIsTTY: io.stderrIsTTY ?? false,
    columns: io.columns ?? 100,
    audit: io.audit ?? lazyAudit,
    secrets: io.secrets,
    probe: io.probe,
    readStdin: io.readStdin,
    stdoutDrained: io.stdoutDrained,
  };
}

/** Colour only on a terminal, only when NO_COLOR is unset (https://no-color.org) and --no-color not given. */
export function colorEnabled(io: CliIO, flag: boolean | undefined, isTTY: boolean): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return isTTY;
}

/** CI systems set CI (GitHub Actions, GitLab, CircleCI, Travis, Buildkite, Azure via TF_BUILD...). */
export function inCI(env: CliIO['env']): boolean {
  return (env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0') || env.TF_BUILD !== undefined;
}

/** Resolves when `stream` wants more (at once when it does already), or when it closed or failed. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (!stream.writableNeedDrain) return Promise.resolve();
  return new Promise((done) => {
    const end = () => {
      stream.off('drain', end);
      stream.off('close', end);
      stream.off('error', end);
      done();
    };
    stream.on('drain', end);
    stream.on('close', end);
    stream.on('error', end);
  });
}

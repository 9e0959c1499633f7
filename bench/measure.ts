/**
 * How the benchmarks time a tool: as its own process, wall time from our clock, peak RSS from the
 * kernel. Shared by bench/audit.ts and bench/secrets.ts so every peer is measured the same way.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Measured {
  wallS: number;
  /** Peak resident set size of the child, MB (MiB). */
  rssMB: number | undefined;
  /** CPU time of the child, user + system, seconds (with GNU time only): steadier than wall time on a busy machine. */
  cpuS?: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The first MB of standard output (unless it was sent to /dev/null). */
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  cwd?: string;
  /** Killed (with its whole process group) after this many seconds. Default 3600. */
  timeoutS?: number;
  /** `ignore` sends the output to /dev/null (git log of a long history), `pipe` keeps the first MB. */
  stdout?: 'ignore' | 'pipe';
}

/** GNU time, if this machine has it (BusyBox and BSD `time` have no -f). */
export const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((p) => {
  if (process.env.BENCH_NO_GNU_TIME) return false;
  if (!existsSync(p)) return false;
  const r = spawnSync(p, ['-f', '%e %M %U %S', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+\.\d+ \d+ [\d.]+ [\d.]+\s*$/m.test(r.stderr);
});

const timeDir = mkdtempSync(join(tmpdir(), 'rampart-bench-time-'));
let runs = 0;

/**
 * Runs a command and measures its wall time and peak RSS. With GNU time, the peak comes from the kernel
 * (wait4 rusage ru_maxrss, exact). Without it, VmHWM of /proc/<pid>/status is polled every 20 ms: the
 * kernel keeps that high-water mark itself, so polling misses only growth in the child's last 20 ms.
 */
export function measure(command: string, args: string[], opts: MeasureOptions = {}): Promise<Measured> {
  const timeFile = join(timeDir, `time-${runs++}.txt`);
  rmSync(timeFile, { force: true });
  const [cmd, argv] = GNU_TIME ? [GNU_TIME, ['-f', '%e %M %U %S', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((done) => {
    const started = performance.now();
    // Own process group, so a timeout kills the tool and not only /usr/bin/time.
    const child = spawn(cmd, argv, {
      cwd: opts.cwd ?? ROOT,
      detached: true,
      stdio: ['ignore', opts.stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < 1_048_576) stdout += d;
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 100_000) stderr += d;
    });
    let hwmKB = 0;
    const poll = GNU_TIME
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwmKB = Math.max(hwmKB, Number(m[1]));
          } catch {
            // exited between two polls
          }
        }, 20);
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      },
      (opts.timeoutS ?? 3600) * 1000,
    );
    child.on('close', (code, signal) => {
      const wallS = (performance.now() - started) / 1000;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      let rssMB: number | undefined = hwmKB ? hwmKB / 1024 : undefined;
      let cpuS: number | undefined;
      if (GNU_TIME && existsSync(timeFile)) {
        // "Command exited with non-zero status 1" may come first; the numbers are on the last line.
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
        const m = /^([\d.]+) (\d+) ([\d.]+) ([\d.]+)$/.exec(last);
        if (m) {
          rssMB = Number(m[2]) / 1024;
          cpuS = Number(m[3]) + Number(m[4]);
        }
        rmSync(timeFile, { force: true });
      }
      done({ wallS, rssMB, cpuS, code, signal, timedOut, stdout, stderr });
    });
  });
}

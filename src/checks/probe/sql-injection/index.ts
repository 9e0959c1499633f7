import { defineProbeCheck, type Exchange, type ProbeContext } from '../../../engines/probe/types.ts';
import { brief, provePairs, type Shot } from '../_inject/boolean.ts';
import { readableText, shapeOf } from '../_inject/compare.ts';
import { baselineFor, describePoint, eachTarget, type InjectionPoint, inject, label, type Target } from '../_inject/points.ts';
import {
  BOOLEAN_PAIRS,
  type BooleanPair,
  ERROR_PROBES,
  findError,
  SQL_SYNTAX_ERRORS,
  SQLITE_CALIBRATION,
  SQLITE_MAX,
  SQLITE_SHOTS,
  sqliteWork,
  TIME_PAYLOADS,
} from '../_inject/sql.ts';
import { MIN_DELAY_MS, proveDelay, SLEEP_SECONDS, timeOf } from '../_inject/timing.ts';

const NUMERIC = /^-?\d{1,18}(?:\.\d{1,12})?$/;

async function errorBased(ctx: ProbeContext, t: Target, p: InjectionPoint): Promise<boolean> {
  const baseline = await baselineFor(ctx, t, p);
  const seen: { ex: Exchange; db: string; excerpt: string }[] = [];
  for (const probe of ERROR_PROBES) {
    const ex = await inject(ctx, t, p, `${p.original}${probe}`);
    const hit = ex?.response ? findError(SQL_SYNTAX_ERRORS, readableText(ex.response)) : undefined;
    // The error must be new: absent from the valid value's answer.
    if (!ex || !hit || findError(SQL_SYNTAX_ERRORS, readableText(baseline?.response))) return false;
    seen.push({ ex, ...hit });
  }
  const [first, second] = seen as [(typeof seen)[0], (typeof seen)[0]];
  ctx.report({
    endpoint: t.endpoint,
    messageId: 'errorBased',
    data: {
      where: describePoint(p),
      endpoint: label(t.endpoint),
      name: p.name,
      technique: 'error-based',
      payload: `${p.original}${ERROR_PROBES[0]}`,
      db: first.db,
      excerpt: first.excerpt,
    },
    exchanges: [first.ex, second.ex, ...(baseline ? [baseline] : [])],
    identities: t.as ? [t.as] : undefined,
    fingerprintKey: p.name,
  });
  return true;
}

/**
 * True/false pairs after a prefix: the valid value first, then (strings) an empty one, which a
 * `LIKE '%…%'` search turns into "every row" when the valid value happens to match nothing.
 */
function booleanPlans(p: InjectionPoint): { context: 'string' | 'numeric'; prefix: string; pairs: [BooleanPair, BooleanPair] }[] {
  const plans: { context: 'string' | 'numeric'; prefix: string; pairs: [BooleanPair, BooleanPair] }[] = [
    { context: 'string', prefix: p.original, pairs: BOOLEAN_PAIRS.string },
  ];
  if (p.original !== '') plans.push({ context: 'string', prefix: '', pairs: BOOLEAN_PAIRS.string });
  if (NUMERIC.test(p.original)) plans.push({ context: 'numeric', prefix: p.original, pairs: BOOLEAN_PAIRS.numeric });
  return plans;
}

async function booleanBased(ctx: ProbeContext, t: Target, p: InjectionPoint): Promise<boolean> {
  const baseline = await baselineFor(ctx, t, p);
  for (const plan of booleanPlans(p)) {
    const shot = (v: string): Shot => ({ send: () => inject(ctx, t, p, v), strip: [plan.prefix, v] });
    const proof = await provePairs(plan.pairs.map((x) => [shot(`${plan.prefix}${x.truthy}`), shot(`${plan.prefix}${x.falsy}`)]));
    if (!proof) continue;
    const [truthy, falsy] = proof.pairs[0] as [Exchange, Exchange];
    // With the valid value, the true condition must leave its answer as it was: the payload changed
    // the condition, not the request.
    if (plan.prefix === p.original && shapeOf(baseline?.response, [p.original]) !== proof.shapes[0]) continue;
    ctx.report({
      endpoint: t.endpoint,
      messageId: 'booleanBased',
      data: {
        where: describePoint(p),
        endpoint: label(t.endpoint),
        name: p.name,
        technique: 'boolean-based',
        context: plan.context,
        truthy: `${plan.prefix}${plan.pairs[0].truthy}`,
        falsy: `${plan.prefix}${plan.pairs[0].falsy}`,
        trueAnswer: brief(truthy),
        falseAnswer: brief(falsy),
      },
      exchanges: [...proof.pairs.flat(), ...(baseline ? [baseline] : [])],
      identities: t.as ? [t.as] : undefined,
      fingerprintKey: p.name,
    });
    return true;
  }
  return false;
}

async function timeBased(ctx: ProbeContext, t: Target, p: InjectionPoint, databases: Set<string>): Promise<boolean> {
  const numeric = NUMERIC.test(p.original);
  const base = timeOf(t.baseline);
  const method = t.endpoint.method.toUpperCase();
  for (const context of ['string', 'numeric'] as const) {
    if (context === 'numeric' && !numeric) continue;
    for (const tp of TIME_PAYLOADS) {
      if (tp.context !== context || !databases.has(tp.db.toLowerCase())) continue;
      if (tp.methods && !tp.methods.includes(method)) continue;
      const payload = `${p.original}${tp.payload(SLEEP_SECONDS)}`;
      const proof = await proveDelay(ctx, t, p, payload, `${p.original}${tp.payload(0)}`);
      if (proof) return reportTime(ctx, t, p, tp.db, payload, proof);
    }
    if (!databases.has('sqlite')) continue;
    // SQLite has no sleep: calibrate the work on this target, then aim at the sleep time. A shot that
    // misses the aim (the target's speed changed, as on a busy machine) recalibrates from its own time;
    // a proof that fails after a late shot was probably such a change too, so the aim moves further
    // past the threshold once and the work is measured afresh.
    const work = (n: number) => `${p.original}${sqliteWork(context, n)}`;
    let aim = SLEEP_SECONDS * 1000;
    let count = SQLITE_CALIBRATION;
    for (let shots = 0; shots < SQLITE_SHOTS; shots++) {
      const shot = await inject(ctx, t, p, work(count));
      const spent = timeOf(shot) - base;
      if (!shot || !(spent >= 80)) break;
      if (spent >= Math.max(MIN_DELAY_MS, aim * 0.75)) {
        const proof = await proveDelay(ctx, t, p, work(count), work(1), shot);
        if (proof) return reportTime(ctx, t, p, 'SQLite', work(count), proof);
        if (aim > SLEEP_SECONDS * 1000) break;
        aim = SLEEP_SECONDS * 1500;
        continue;
      }
      if (count >= SQLITE_MAX) break;
      count = Math.min(SQLITE_MAX, (count * aim) / spent);
    }
  }
  return false;
}

function reportTime(
  ctx: ProbeContext,
  t: Target,
  p: InjectionPoint,
  db: string,
  payload: string,
  proof: NonNullable<Awaited<ReturnType<typeof proveDelay>>>,
): true {
  ctx.report({
    endpoint: t.endpoint,
    messageId: 'timeBased',
    data: {
      where: describePoint(p),
      endpoint: label(t.endpoint),
      name: p.name,
      technique: 'time-based',
      db,
      payload,
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

const FIX =
  'Pass every value as a bound parameter of a prepared statement (placeholders such as ? or $1, or the query builder of the ORM), never by building SQL text with string concatenation or templates.';

export default defineProbeCheck({
  id: 'sql-injection',
  title: 'SQL injection',
  severity: 'critical',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-89'],
  messages: {
    errorBased: `{{where}} of {{endpoint}} is pasted into an SQL statement: the value {{payload}} makes the {{db}} database report a syntax error ("{{excerpt}}"), twice, which the valid value does not. Anyone can read or change whatever the database account can reach. ${FIX}`,
    booleanBased: `{{where}} of {{endpoint}} is evaluated as SQL ({{context}} context): the always-true {{truthy}} ({{trueAnswer}}) and the always-false {{falsy}} ({{falseAnswer}}) get different answers, twice with other constants. Anyone can read the database a condition at a time, or bypass filters. ${FIX}`,
    timeBased: `{{where}} of {{endpoint}} is executed as SQL: a {{db}} payload that waits ({{payload}}) delayed the answer by {{delay1}} ms and again by {{delay2}} ms over the {{baseline}} ms of the valid value, and its 0-second twin did not. Anyone can read the database by timing questions, even though the answers show nothing. ${FIX}`,
  },
  defaultOptions: {
    maxPointsPerEndpoint: 12,
    /** Time-based payloads for these databases (lower case). */
    timeBasedDatabases: ['sqlite', 'postgresql', 'mysql', 'sql server'],
  },
  docs: {
    description:
      'Injects SQL into every query, path and header parameter and every string field of the JSON body of each endpoint (a valid request with one value changed) and reports a value that reaches the SQL text, proven three ways: error-based (unbalanced quotes make the database report a syntax error the valid value does not), boolean-based (an always-true and an always-false condition written with the same characters get different answers, twice) and time-based (a PostgreSQL, MySQL or SQL Server sleep, or calibrated SQLite randomblob work, delays the answer by 1.5 s or more over the valid request, twice, while a 0-second twin does not).',
    attack:
      "A value concatenated into SQL lets the caller rewrite the statement: ' OR 1=1-- lists every row, UNION SELECT reads other tables (password hashes, tokens, other customers' data), stacked statements change or delete data, and blind techniques extract the database one condition or one delay at a time. It is among the most exploited flaws of web APIs, and automated tools (sqlmap) do it in minutes.",
    fix: `${FIX} Validate types (an id is an integer) before the query, run the API with a database account that can only do what the API needs, and return generic errors without database messages.`,
  },
  async run(ctx) {
    const databases = new Set(((ctx.options.timeBasedDatabases as string[] | undefined) ?? []).map((d) => d.toLowerCase()));
    await eachTarget(ctx, async (t) => {
      for (const p of t.points) {
        if (ctx.signal.aborted) return;
        if (await errorBased(ctx, t, p)) continue;
        if (await booleanBased(ctx, t, p)) continue;
        await timeBased(ctx, t, p, databases);
      }
    });
  },
});

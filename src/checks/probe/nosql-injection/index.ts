import { defineProbeCheck, type Endpoint, type Exchange, type ProbeContext } from '../../../engines/probe/types.ts';
import { brief, provePairs, type Shot } from '../_inject/boolean.ts';
import { asDocument, asQuery, operatorPairs } from '../_inject/nosql.ts';
import { describePoint, eachTarget, type InjectionPoint, inject, label, marker, type Target } from '../_inject/points.ts';

/**
 * Operators widen a query: on an endpoint that changes or deletes records, `{"$ne": x}` could touch
 * every record. Only reads, logins, searches and creates are probed.
 */
function readLike(e: Endpoint): boolean {
  const m = e.method.toUpperCase();
  if (m === 'GET') return true;
  return m === 'POST' && e.resource?.action !== 'update' && e.resource?.action !== 'delete';
}

/** The valid request with `name` replaced by operator parameters (`name[$ne]=x`) in its query string. */
async function sendQueryOperator(
  ctx: ProbeContext,
  t: Target,
  p: InjectionPoint,
  pairs: [string, string][],
): Promise<Exchange | undefined> {
  const req = await ctx.build(t.endpoint, t.as, { params: { [p.name]: p.original } });
  if (!req || ctx.signal.aborted) return undefined;
  const q = req.path.indexOf('?');
  const params = new URLSearchParams(q < 0 ? '' : req.path.slice(q + 1));
  params.delete(p.name);
  for (const [k, v] of pairs) params.append(k, v);
  return ctx.send({ ...req, path: `${q < 0 ? req.path : req.path.slice(0, q)}?${params.toString()}` }, t.as, t.endpoint);
}

function show(p: InjectionPoint, o: { op: string; value: unknown }): string {
  if (p.place === 'query')
    return asQuery(p.name, o)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
  return JSON.stringify(asDocument(o));
}

const FIX =
  'Accept only the type the field needs (reject objects where a string or number is expected, with a schema validator or an explicit typeof check), and strip keys starting with $ from input (mongo-sanitize, express-mongo-sanitize, Mongoose sanitizeFilter) before any value reaches a query.';

export default defineProbeCheck({
  id: 'nosql-injection',
  title: 'NoSQL operator injection',
  severity: 'high',
  confidence: 'high',
  owasp: ['API8:2023', 'API2:2023'],
  cwe: ['CWE-943'],
  messages: {
    operator: `{{where}} of {{endpoint}} reaches a database query as an operator: {{truthy}} ({{trueAnswer}}) and its opposite {{falsy}} ({{falseAnswer}}) get different answers, and $nin/$in confirm it. Anyone can match records without knowing their values: log in without a password, list other users' records. ${FIX}`,
  },
  defaultOptions: { maxPointsPerEndpoint: 12 },
  docs: {
    description:
      'Sends MongoDB-style query operators where an endpoint expects plain values: operator objects ({"$ne": x}) in every string field of the JSON body and the bracket syntax (name[$ne]=x) in every query parameter, on reads, logins, searches and creates. It reports a field when the always-true operator ($ne, then $nin) and its always-false twin ($eq, then $in) get different answers, both times: the value is evaluated as a query operator. Endpoints that update or delete are not probed (an operator there could touch every record).',
    attack:
      'When an API copies request values into a MongoDB (or similar) query, a JSON object is as welcome as a string: {"username": "admin", "password": {"$ne": null}} logs in as admin without the password, {"$gt": ""} matches every record, and $regex extracts secrets one character at a time. Express and PHP turn name[$ne]=x in a query string into the same object, so GET endpoints are exposed too.',
    fix: `${FIX} With Mongoose, set sanitizeFilter and strictQuery; cast ids with ObjectId before querying.`,
  },
  async run(ctx) {
    await eachTarget(
      ctx,
      async (t) => {
        for (const p of t.points) {
          if (ctx.signal.aborted) return;
          if (p.place !== 'body' && p.place !== 'query') continue;
          const pairs = operatorPairs(marker());
          const shot = (o: { op: string; value: unknown }): Shot => ({
            send: () => (p.place === 'query' ? sendQueryOperator(ctx, t, p, asQuery(p.name, o)) : inject(ctx, t, p, asDocument(o))),
            strip: [p.original, show(p, o)],
          });
          const proof = await provePairs(pairs.map((x) => [shot(x.truthy), shot(x.falsy)]));
          if (!proof) continue;
          const [truthy, falsy] = proof.pairs[0] as [Exchange, Exchange];
          ctx.report({
            endpoint: t.endpoint,
            messageId: 'operator',
            data: {
              where: describePoint(p),
              endpoint: label(t.endpoint),
              name: p.name,
              technique: 'operator',
              truthy: show(p, pairs[0].truthy),
              falsy: show(p, pairs[0].falsy),
              trueAnswer: brief(truthy),
              falseAnswer: brief(falsy),
            },
            exchanges: [...proof.pairs.flat(), t.baseline],
            identities: t.as ? [t.as] : undefined,
            fingerprintKey: p.name,
          });
        }
      },
      { filter: readLike },
    );
  },
});

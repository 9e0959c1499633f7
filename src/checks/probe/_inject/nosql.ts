/**
 * NoSQL operator injection data. A value that reaches a MongoDB-style query as sent can be an operator
 * document instead of a string: `{"$ne": x}` matches every record whose field is not x. The check sends
 * true/false twins that only an operator-evaluating query tells apart. Never `$where` or `$function`
 * (server-side JavaScript), never update operators.
 */

export interface OperatorPair {
  /** Matches any record (for a value that is not the random marker). */
  truthy: { op: string; value: unknown };
  /** Matches no record (only the random marker, which no record holds). */
  falsy: { op: string; value: unknown };
}

/**
 * Two minimal pairs: `$ne`/`$eq` (the classic login bypass, `{"password": {"$ne": null}}`), then
 * `$nin`/`$in` to confirm with other operators. Both work on strings, numbers and ids alike.
 */
export function operatorPairs(marker: string): [OperatorPair, OperatorPair] {
  return [
    { truthy: { op: '$ne', value: marker }, falsy: { op: '$eq', value: marker } },
    { truthy: { op: '$nin', value: [marker] }, falsy: { op: '$in', value: [marker] } },
  ];
}

/** The operator as a JSON body value: `{"$ne": "rmp…"}`. */
export function asDocument(o: { op: string; value: unknown }): Record<string, unknown> {
  return { [o.op]: o.value };
}

/**
 * The operator as query parameters in the bracket syntax of qs (Express, Koa), PHP and Rails:
 * `name[$ne]=x`, `name[$in][]=x`.
 */
export function asQuery(name: string, o: { op: string; value: unknown }): [string, string][] {
  if (Array.isArray(o.value)) return o.value.map((v) => [`${name}[${o.op}][]`, String(v)] as [string, string]);
  return [[`${name}[${o.op}]`, String(o.value)]];
}

/**
 * A tiny MongoDB-style query matcher over in-memory documents, as the shop's v1 used for its user
 * accounts (the vulnerable login still reads them). Supports equality and the operators $eq, $ne, $gt,
 * $gte, $lt, $lte, $in, $nin, $exists and $regex, like `collection.findOne(query)`.
 */

export type Doc = Record<string, unknown>;

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function test(value: unknown, cond: unknown): boolean {
  const isOps = cond !== null && typeof cond === 'object' && !Array.isArray(cond) && Object.keys(cond).some((k) => k.startsWith('$'));
  if (!isOps) return value === cond;
  return Object.entries(cond as Record<string, unknown>).every(([op, arg]) => {
    const c = compare(value, arg);
    switch (op) {
      case '$eq':
        return value === arg;
      case '$ne':
        return value !== arg;
      case '$gt':
        return c !== undefined && c > 0;
      case '$gte':
        return c !== undefined && c >= 0;
      case '$lt':
        return c !== undefined && c < 0;
      case '$lte':
        return c !== undefined && c <= 0;
      case '$in':
        return Array.isArray(arg) && arg.includes(value);
      case '$nin':
        return Array.isArray(arg) && !arg.includes(value);
      case '$exists':
        return (value !== undefined) === Boolean(arg);
      case '$regex':
        try {
          return typeof value === 'string' && new RegExp(String(arg)).test(value);
        } catch {
          return false;
        }
      default:
        return false;
    }
  });
}

export function findOne<T extends Doc>(docs: readonly T[], query: Doc): T | undefined {
  return docs.find((d) => Object.entries(query).every(([k, cond]) => test(d[k], cond)));
}

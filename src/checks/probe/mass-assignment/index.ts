import type { Severity } from '../../../core/index.ts';
import type { CreatedResource, Endpoint, Exchange, ProbeContext, Schema } from '../../../engines/probe/types.ts';
import { defineProbeCheck } from '../../../engines/probe/types.ts';
import { SERVER_FIELDS } from '../../design/_shared/data-words.ts';
import { stemmedWords } from '../../design/_shared/words.ts';
import {
  collectionOf,
  is2xx,
  isObj,
  jsonOf,
  marker,
  numOption,
  type Obj,
  propertiesOf,
  readBack,
  Scratch,
  sameValue,
  selfIdOf,
  sendOn,
  show,
  successSchema,
  unwrap,
  users,
} from '../_authz/kit.ts';

/** Properties a client should never set, tried on every create and update besides the schema's readOnly ones. */
const EXTRA = ['role', 'is_admin', 'isAdmin', 'balance', 'owner_id', 'ownerId', 'status', 'price', 'discount', 'verified'];

/** Words of money properties: setting one changes what someone pays or owns. */
const MONEY = new Set(['price', 'total', 'amount', 'discount', 'balance', 'credit', 'credits', 'cost', 'fee', 'subtotal']);

/** Values that grant something, preferred when an enum offers them. */
const PRIVILEGED = ['admin', 'administrator', 'superuser', 'owner', 'paid', 'approved', 'verified', 'active', 'completed', 'shipped'];

const DATE = '2001-02-03T04:05:06.000Z';

function typeOf(s: Schema | undefined): string[] {
  const t = s?.type;
  return Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : [];
}

/** A number other than `v0` that the schema allows. */
function otherNumber(s: Schema | undefined, v0: unknown): number | undefined {
  const integer = typeOf(s).includes('integer');
  const min = typeof s?.minimum === 'number' ? s.minimum : typeof s?.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : undefined;
  const max = typeof s?.maximum === 'number' ? s.maximum : typeof s?.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : undefined;
  for (const n of [1337, 4242, 99, 7, 1, 0]) {
    if ((min !== undefined && n < min) || (max !== undefined && n > max) || (integer && !Number.isInteger(n))) continue;
    if (!sameValue(n, v0)) return n;
  }
  return undefined;
}

/**
 * The value to try for a property: one that differs from what the object holds (`v0`), means
 * something (an admin role, a paid status, a price of 1337) and that the schema allows.
 */
function attackValue(name: string, s: Schema | undefined, v0: unknown, otherUser: string | number | undefined): unknown {
  const kind = SERVER_FIELDS.match(name)?.tag;
  if (kind === 'identity') return undefined;
  const words = stemmedWords(name);
  const last = words[words.length - 1] ?? '';
  if (kind === 'ownership' || last === 'owner' || (words.includes('owner') && last === 'id')) {
    // Hand the object to another user of the probe (a probe-created object only).
    if (otherUser === undefined || sameValue(otherUser, v0)) return undefined;
    return typeOf(s).includes('string') ? String(otherUser) : otherUser;
  }
  const types = typeOf(s);
  if (Array.isArray(s?.enum)) {
    const options = (s.enum as unknown[]).filter((v) => v !== null && !sameValue(v, v0));
    return options.find((v) => typeof v === 'string' && PRIVILEGED.includes(v.toLowerCase())) ?? options[0];
  }
  if (
    types.includes('boolean') ||
    typeof v0 === 'boolean' ||
    (!types.length && (words[0] === 'is' || last === 'verified' || last === 'admin'))
  ) {
    return v0 !== true;
  }
  if (types.includes('number') || types.includes('integer') || typeof v0 === 'number' || (!types.length && MONEY.has(last))) {
    return otherNumber(s, v0);
  }
  if (types.includes('object') || types.includes('array') || (v0 !== null && typeof v0 === 'object')) return undefined;
  if (s?.format === 'date-time' || (typeof v0 === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v0)))
    return sameValue(DATE, v0) ? undefined : DATE;
  if (last === 'role') return v0 === 'admin' ? 'superuser' : 'admin';
  if (last === 'status') return v0 === 'approved' ? 'paid' : 'approved';
  return marker('rampart-ma');
}

interface Plan {
  /** Property -> value to send. */
  extras: Obj;
  /** Properties tried one by one when the API refuses the whole set: real fields first. */
  order: string[];
}

function plan(e: Endpoint, reader: Endpoint, v0: unknown, otherUser: string | number | undefined): Plan {
  const req = propertiesOf(e.body?.schema);
  const res = propertiesOf(successSchema(reader));
  const current = isObj(v0) ? v0 : {};
  const names = new Set(EXTRA);
  for (const [k, s] of Object.entries(res.props)) if (s.readOnly === true) names.add(k);
  const extras: Obj = {};
  for (const k of names) {
    // Documented as writable in the request: the client may set it.
    const r = req.props[k];
    if (r && r.readOnly !== true) continue;
    const v = attackValue(k, res.props[k] ?? r, current[k], otherUser);
    if (v !== undefined) extras[k] = v;
  }
  const order = Object.keys(extras).sort(
    (a, b) => Number(b in current) - Number(a in current) || Number(b in res.props) - Number(a in res.props),
  );
  return { extras, order };
}

/** Properties the read-back holds with the value sent, where the object held something else before. */
function persisted(before: unknown, after: unknown, sent: Obj): string[] {
  const b = unwrap(before);
  const a = unwrap(after);
  if (!isObj(a)) return [];
  return Object.keys(sent).filter((k) => !(isObj(b) && sameValue(b[k], sent[k])) && k in a && sameValue(a[k], sent[k]));
}

/** A 4xx: the API refused the request as sent (an unknown property, a failed validation). */
function refusal(ex: Exchange): 'refused' | undefined {
  const s = ex.response?.status ?? 0;
  return s >= 400 && s < 500 ? 'refused' : undefined;
}

interface Outcome {
  exchanges: Exchange[];
  fields: string[];
  reader: string;
}

/** Reads the object back as its owner, else (its owner was changed) as the other user. */
async function readAsOwner(
  ctx: ProbeContext,
  reader: Endpoint,
  obj: CreatedResource,
  template: string,
  user: string,
  other: string | undefined,
): Promise<Exchange | undefined> {
  const mine = await readBack(ctx, reader, obj.path, template, user);
  if (mine && is2xx(mine.response)) return mine;
  if (!other) return undefined;
  const theirs = await readBack(ctx, reader, obj.path, template, other);
  return theirs && is2xx(theirs.response) ? theirs : undefined;
}

export default defineProbeCheck({
  id: 'mass-assignment',
  title: 'Server-controlled properties are accepted from the client',
  severity: 'high',
  confidence: 'high',
  owasp: ['API3:2023'],
  cwe: ['CWE-915'],
  messages: {
    stored:
      '{{method}} {{path}} stored properties the client must not set: {{fields}}. {{user}} sent them with an ordinary request and {{reader}} returns them afterwards, so any user can {{impact}}. Copy only the documented, client-writable properties from the request into the object (an allow-list or a dedicated input type) and reject or ignore everything else.',
  },
  defaultOptions: { maxRetries: 6, maxEndpoints: 40 },
  docs: {
    description:
      "Sends creates and updates of probe-owned objects (as a non-admin user) with extra properties the request schema does not document as writable: role, is_admin, isAdmin, balance, owner_id, ownerId, status, price, discount and verified, plus every readOnly property of the response schema, each with a value that differs from the object's own (an admin role, another status, a price of 1337, another probe user as owner). Flags the properties the object holds with those values when read back through the collection's read endpoint. When the API refuses the whole set, the properties are tried one by one (a few, the object's real fields first).",
    attack:
      'Frameworks that bind the request body straight onto a model let a client set whatever the model has: `"role": "admin"` on a profile update, `"status": "paid"` and `"total": 0.01` on a new order, `"owner_id"` to slip an object into another account. The attacker finds the names in responses or documentation and simply adds them: OWASP API3 (broken object property level authorization).',
    fix: 'Never bind request bodies onto persistence models. Copy the documented, writable properties explicitly (an allow-list, a DTO or input schema validated with additionalProperties: false), compute server-owned values (status, totals, owner, timestamps, roles) on the server, and reject unknown properties with 400.',
  },
  async run(ctx) {
    const people = users(ctx).map((i) => i.name);
    const user = people[0];
    if (!user) return;
    const other = people[1];
    const otherId = other ? selfIdOf(ctx, other) : undefined;
    const scratch = new Scratch(ctx);
    let endpoints = numOption(ctx.options, 'maxEndpoints', 40);
    const maxRetries = numOption(ctx.options, 'maxRetries', 6);

    for (const e of ctx.endpoints) {
      const action = e.resource?.action;
      if ((action !== 'create' && action !== 'update') || e.admin || !e.body || !/json/i.test(e.body.mediaType)) continue;
      const reader = collectionOf(ctx, e).read[0];
      if (!reader) continue;
      if (ctx.signal.aborted || endpoints-- <= 0) return;

      let baseline: CreatedResource | undefined;
      if (action === 'create') baseline = (await ctx.resources.ownedBy(user, reader.path))[0];
      else baseline = await scratch.get(user, e);
      if (!baseline) continue;
      const baseTemplate = action === 'create' ? reader.path : e.path;
      const before = await readBack(ctx, reader, baseline.path, baseTemplate, user);
      if (!before || !is2xx(before.response)) continue;
      const v0 = unwrap(jsonOf(before));
      const { extras, order } = plan(e, reader, v0, otherId);
      if (!Object.keys(extras).length) continue;

      /** Sends one create/update with `sent`; the proof when any of it is stored. */
      const attempt = async (sent: Obj): Promise<Outcome | 'refused' | undefined> => {
        let ex: Exchange | undefined;
        let obj: CreatedResource | undefined;
        let template = baseTemplate;
        if (action === 'create') {
          const req = await ctx.build(e, user, { bodyPatch: sent });
          if (!req) return undefined;
          ex = await ctx.send(req, user, e);
          if (!is2xx(ex.response)) return refusal(ex);
          const seq = ex.seq;
          obj = (await ctx.resources.ownedBy(user, reader.path)).find((r) => r.createdBy.seq === seq);
          template = reader.path;
        } else {
          obj = baseline;
          ex = await sendOn(ctx, e, obj.path, user, { bodyPatch: sent });
          if (!ex) return undefined;
          if (!is2xx(ex.response)) return refusal(ex);
        }
        if (!obj) return undefined;
        const after = await readAsOwner(ctx, reader, obj, template, user, other);
        if (!after) return undefined;
        const fields = persisted(v0, jsonOf(after), sent);
        return fields.length ? { exchanges: [ex, after, before], fields, reader: `${reader.method} ${reader.path}` } : undefined;
      };

      let outcome: Outcome | 'refused' | undefined = await attempt(extras);
      if (outcome === 'refused') {
        // A strict API refuses the lot; one property at a time finds the one it lets through.
        const found: Outcome[] = [];
        for (const k of order.slice(0, maxRetries)) {
          if (ctx.signal.aborted) break;
          const one = await attempt({ [k]: extras[k] });
          if (one && one !== 'refused') found.push(one);
        }
        outcome = found[0] && { ...found[0], fields: found.flatMap((f) => f.fields) };
      }
      if (!outcome || typeof outcome === 'string') continue;
      const fields = outcome.fields;
      const money = fields.some((f) => MONEY.has(stemmedWords(f).pop() ?? ''));
      const privilege = fields.some((f) => SERVER_FIELDS.match(f)?.tag === 'privilege');
      const owner = fields.some((f) => SERVER_FIELDS.match(f)?.tag === 'ownership' || /owner/i.test(f));
      ctx.report({
        endpoint: e,
        messageId: 'stored',
        severity: (privilege || money || owner ? 'high' : 'medium') as Severity,
        data: {
          method: e.method,
          path: e.path,
          user,
          reader: outcome.reader,
          fields: fields.map((f) => `${f} = ${show(extras[f])}`).join(', '),
          impact: privilege
            ? 'grant themselves privileges'
            : money
              ? 'set their own prices and amounts'
              : owner
                ? "move objects into other users' accounts"
                : 'set values only the server should decide',
        },
        exchanges: outcome.exchanges,
        identities: [user],
      });
    }
  },
});

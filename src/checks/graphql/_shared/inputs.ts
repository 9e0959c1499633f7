import { type GqlSchema, outputTypes, type Place } from '../../../engines/graphql/model.ts';
import { coordinate } from './names.ts';

/** A value a client sends: an argument of a field, or a field of an input object type. */
export interface InputValue {
  name: string;
  /** The named type: `String`, `URL`, `JSON`. */
  named: string;
  /** `Mutation.addWebhook(url:)` or `WebhookInput.url`. */
  coordinate: string;
  /** `argument "url" of Mutation.addWebhook` or `field "url" of input WebhookInput`. */
  label: string;
  node: Place;
}

/** Every argument of every output field and every input object field. */
export function inputValues(schema: GqlSchema): InputValue[] {
  const out: InputValue[] = [];
  for (const t of outputTypes(schema)) {
    for (const f of t.fields) {
      for (const a of f.args) {
        out.push({
          name: a.name,
          named: a.named,
          coordinate: coordinate(t.name, f.name, a.name),
          label: `argument "${a.name}" of ${coordinate(t.name, f.name)}`,
          node: a,
        });
      }
    }
  }
  for (const t of schema.types.values()) {
    if (t.kind !== 'INPUT_OBJECT') continue;
    for (const f of t.fields) {
      out.push({
        name: f.name,
        named: f.named,
        coordinate: coordinate(t.name, f.name),
        label: `field "${f.name}" of input ${t.name}`,
        node: f,
      });
    }
  }
  return out;
}

/** Scalars that carry arbitrary structured data: a client can send operators, not just values. */
export const FREE_FORM_SCALARS = new Set(['json', 'jsonobject', 'object', 'any', 'map', 'jsonvalue', 'bson', 'document']);

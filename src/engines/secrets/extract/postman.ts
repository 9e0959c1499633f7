/**
 * Postman collections (v2.0 and v2.1) and environments/globals, where credentials sit in `{key, value}`
 * pairs that the export writes on separate lines: auth blocks of every type (v2.1 lists
 * `[{key: "token", value: ...}]`, v2.0 objects `{token: ...}`), headers, query and path variables,
 * urlencoded and form-data bodies, collection variables, environment values. Raw bodies, GraphQL queries
 * and pre-request/test scripts (`event[].script.exec`, one string per line) are read decoded, as the code
 * they are. Schema: https://schema.postman.com (collection v2.0.0 / v2.1.0).
 */
import type { WalkOptions } from './pieces.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function isPostmanCollection(v: unknown): boolean {
  if (!isObj(v) || !isObj(v.info) || !Array.isArray(v.item)) return false;
  const schema = v.info.schema;
  return (typeof schema === 'string' && /getpostman\.com|postman\.com/.test(schema)) || typeof v.info._postman_id === 'string';
}

/** An environment or globals export: `{id, name, values: [{key, value, type, enabled}], _postman_variable_scope}`. */
export function isPostmanVariables(v: unknown): boolean {
  if (!isObj(v) || !Array.isArray(v.values)) return false;
  return typeof v._postman_variable_scope === 'string' || (typeof v.name === 'string' && typeof v.id === 'string');
}

export const postmanOptions: WalkOptions = {
  joinArrays: new Set(['exec']),
  pairKey(pair, name, pointer) {
    // API-key auth (v2.1): `{key: "key", value: <header name>}`, `{key: "value", value: <the key>}`,
    // `{key: "in", value: "header"}`: only the key itself is a credential, whatever the header is called.
    if (/\/apikey\/\d+$/.test(pointer)) return name === 'value' ? 'api_key' : null;
    // A variable the user marked secret (environments: `type: "secret"`) is judged as one.
    if (pair.type === 'secret' && !/pass|pwd|secret|token/i.test(name)) return `${name}_secret`;
    return name;
  },
};

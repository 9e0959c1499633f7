/**
 * How messages name an operation, for every design check: `GET /users/{id}`. A webhook or callback
 * operation is named by its method and its name or expression (`POST newPet`); the data checks say
 * `webhook "newPet"` instead (opOrWebhookLabel in data-schema.ts).
 */
export function opLabel(op: { method: string; path: string }): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

/**
 * Response helpers for group D: which status codes an operation documents, and where to report that
 * something is missing from its responses.
 */
import type { Operation, Response } from '../../../formats/openapi/model.ts';
import type { NodeRef } from '../../../formats/openapi/refs.ts';

/** `200`, `2XX`, `2xx` → 2; `default` and anything else → undefined. */
export function statusClass(status: string): number | undefined {
  if (status.length !== 3) return undefined;
  const c = status.charCodeAt(0) - 48;
  if (c < 1 || c > 5) return undefined;
  return c;
}

export function isRange(status: string): boolean {
  return status.length === 3 && (status.endsWith('XX') || status.endsWith('xx'));
}

/** A 2xx status (exact or `2XX`). */
export function isSuccess(status: string): boolean {
  return statusClass(status) === 2;
}

/** A 4xx/5xx status, its range, or `default`: the responses that describe errors. */
export function isErrorStatus(status: string): boolean {
  if (status === 'default') return true;
  const c = statusClass(status);
  return c === 4 || c === 5;
}

/**
 * True when one of the operation's responses covers `code`: the exact code, its class range (`4XX`)
 * or, when `orDefault`, the `default` response.
 */
export function documents(op: Operation, code: number, orDefault = true): boolean {
  const exact = String(code);
  const range = `${exact[0]}XX`;
  for (const r of op.responses) {
    if (r.status === exact || r.status.toUpperCase() === range) return true;
    if (orDefault && r.status === 'default') return true;
  }
  return false;
}

export function findResponse(op: Operation, status: string): Response | undefined {
  return op.responses.find((r) => r.status === status);
}

/** Where to report a response that is missing: the `responses` key, or the operation when it has none. */
export function responsesNode(op: Operation): NodeRef {
  return op.responsesRef ?? op.ref;
}

/**
 * True for operations the API itself serves. Webhooks and callbacks are requests the API sends: their
 * responses are the consumer's, so the error-response checks leave them alone.
 */
export function isServedByApi(op: Operation): boolean {
  return op.kind === 'path';
}

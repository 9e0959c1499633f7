// checkFailed: the error the design, GraphQL, gRPC, WebSocket, SOAP and inventory engines report for a check
// that threw (the run goes on without it; the REST probe names the phase it threw in instead).

import { expect, it } from 'vitest';
import { checkFailed, formatDiagnostic } from '../../src/core/index.ts';

it('names the check, where it failed, why, and the file', () => {
  const d = checkFailed('graphql-sensitive-field', new TypeError('boom'), 'on this file', 'schema.graphql');
  expect(d).toEqual({
    level: 'error',
    message: 'check "graphql-sensitive-field" failed on this file and was skipped: boom',
    file: 'schema.graphql',
    ruleId: 'graphql-sensitive-field',
  });
  expect(formatDiagnostic(d)).toBe(
    'schema.graphql: error: check "graphql-sensitive-field" failed on this file and was skipped: boom [graphql-sensitive-field]',
  );
});

it('a thrown value that is no Error, and no place', () => {
  expect(checkFailed('soap-xxe', 'plain string')).toEqual({
    level: 'error',
    message: 'check "soap-xxe" failed and was skipped: plain string',
    ruleId: 'soap-xxe',
  });
});

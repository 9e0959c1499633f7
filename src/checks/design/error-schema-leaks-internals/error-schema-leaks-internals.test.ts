import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('error-schema-leaks-internals', () => {
  it('flags stack traces, exceptions, SQL, and file+line in OpenAPI 3 error schemas, at the property name', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '27:23 /paths/~1items/get/responses/400/content/application~1json/schema/properties/error/properties/sql',
      '41:19 /paths/~1items/get/responses/default/content/application~1json/schema/properties/file',
      '42:19 /paths/~1items/get/responses/default/content/application~1json/schema/properties/line',
      '57:9 /components/schemas/Error/properties/stack_trace',
      '60:9 /components/schemas/Error/properties/exceptionType',
    ]);
    const stack = findings.find((f) => f.message.includes('"stack_trace"'));
    expect(stack?.message).toBe(
      'Error response property "stack_trace" returns a stack trace to the client: error bodies must not carry implementation details that attackers use to map and exploit the server.',
    );
    expect(stack?.evidence?.snippet).toBe('500 response of GET /items');
    expect(stack?.location.kind === 'file' && [stack.location.endLine, stack.location.endColumn]).toEqual([57, 20]);
    expect(findings.find((f) => f.message.includes('"sql"'))?.message).toContain('returns SQL');
  });

  it('flags a Swagger 2.0 error schema (responses carry schema directly)', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['13:64 /paths/~1items/get/responses/500/schema/properties/traceback']);
  });

  it('ignores success schemas, a lone line number, trace ids and business objects nested in errors', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});

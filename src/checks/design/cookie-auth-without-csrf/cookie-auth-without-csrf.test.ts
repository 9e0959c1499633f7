import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';

describe('cookie-auth-without-csrf', () => {
  it('flags writes a session cookie alone can authenticate, without a CSRF header', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['7:5 /paths/~1account~1email/put', '14:5 /paths/~1transfers/post']);
    expect(findings[0].message).toBe(
      'PUT /account/email changes data and accepts the cookie "SESSIONID" (scheme "session") as its only credential, but declares no CSRF defence: another site can make a logged-in browser send this request.',
    );
    expect(findings.every((f) => f.severity === 'medium')).toBe(true);
  });
  it('accepts CSRF headers, CSRF form fields, a header scheme required with the cookie, bearer-only writes', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { positions, runCheck } from '../../../engines/design/testing.ts';
import cleartextServer from '../cleartext-server/index.ts';
import credentialsOverCleartext from '../credentials-over-cleartext/index.ts';
import inventoryMetadataMissing from '../inventory-metadata-missing/index.ts';
import oauthUrlCleartext from '../oauth-url-cleartext/index.ts';
import remoteRefCleartext from '../remote-ref-cleartext/index.ts';
import serverInternalAddress from '../server-internal-address/index.ts';
import webhookInsecure from '../webhook-insecure/index.ts';
import check from './index.ts';

describe('server-url-credentials', () => {
  it('flags user:password@ and token@ server URLs, also after variable defaults, at the URL', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual(['4:10 /servers/0/url', '5:10 /servers/1/url', '9:10 /servers/2/url', '10:10 /servers/3/url']);
    const [plain, variables, token, template] = findings;
    expect(plain).toMatchObject({ severity: 'critical', location: { endLine: 4, endColumn: 60 } });
    expect(plain.message).toContain('"https://deploy:****@api.example.com/v1"');
    expect(plain.message).toContain('user "deploy"');
    expect(variables.message).toContain('user "reporting"');
    expect(token.message).toContain('"https://ghp_…@git.example.com/api"');
    expect(template.severity).toBe('medium');
    expect(template.message).toContain('put credentials in the URL');
  });

  it('never shows a password or a token, in messages, evidence or fingerprints', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    const text = JSON.stringify(findings);
    for (const secret of ['S3cr3t', 'Pa55w0rd', 'hunter2', 'ghp_16C7e42F', '6912E7710c838347Ae178B4a']) expect(text).not.toContain(secret);
    expect(findings[0].evidence?.snippet).toBe('https://deploy:****@api.example.com/v1 (password redacted, 16 chars)');
  });

  it('flags credentials in a Swagger 2.0 host', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['4:11 /host']);
    expect(findings[0].message).toContain('user "admin"');
    expect(JSON.stringify(findings)).not.toContain('admin123');
  });

  it('leaves URLs without userinfo alone (an @ in the path is not userinfo)', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
  });

  it('is the only finding about the credentials, and no check of the group prints them', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.everywhere.yaml');
    expect(positions(findings)).toEqual(['4:10 /servers/0/url']);
    const others = [
      cleartextServer,
      serverInternalAddress,
      credentialsOverCleartext,
      oauthUrlCleartext,
      remoteRefCleartext,
      webhookInsecure,
      inventoryMetadataMissing,
    ];
    const all = [...findings];
    for (const c of others) all.push(...(await runCheck(c, import.meta.url, 'unsafe.everywhere.yaml')));
    // Every URL-printing check found something here, and none shows a password.
    expect(new Set(all.map((f) => f.ruleId)).size).toBe(others.length + 1);
    const text = JSON.stringify(all);
    for (const secret of ['Hunter2', 'Sch3ma', 'W3bhook', 'T0ken']) expect(text).not.toContain(secret);
    expect(text).toContain('http://ops:****@10.0.0.5:8080/v1');
  });
});

import { describe, expect, it } from 'vitest';
import { findingAt, positions, runCheck } from '../../../engines/design/testing.ts';
import check from './index.ts';
import { isPlaceholder, isSecretName, looksLikeSecret, PROVIDER_RULES, redact } from './patterns.ts';

describe('secret-in-example', () => {
  it('flags provider-format secrets anywhere and high-entropy credential examples in OpenAPI 3', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    expect(positions(findings)).toEqual([
      '6:1 /info/description',
      '7:19 /x-alerts-webhook',
      '15:20 /paths/~1orders/post/parameters/0/example',
      '22:27 /paths/~1orders/post/requestBody/content/application~1json/example/stripe_key',
      '37:20 /components/schemas/Storage/properties/accessKeyId/default',
      '40:20 /components/schemas/Storage/properties/client_secret/example',
      '44:1 /components/schemas/Storage/properties/signingKey/example',
    ]);
    const stripe = findingAt(findings, '/paths/~1orders/post/requestBody/content/application~1json/example/stripe_key');
    expect(stripe.severity).toBe('critical');
    expect(stripe.message).toBe(
      'Stripe live secret key in an example (sk_l… (32 chars)): anyone who reads the definition can use it; revoke it and replace it with a placeholder.',
    );
    expect(stripe.evidence?.snippet).toMatch(/^sk_l… \(32 chars\), sha256 [0-9a-f]{12}$/);
    expect(stripe.location.kind === 'file' && [stripe.location.endLine, stripe.location.endColumn]).toEqual([22, 59]);
    expect(findingAt(findings, '/info/description')).toMatchObject({ severity: 'critical' });
    expect(findingAt(findings, '/info/description').message).toMatch(/^GitHub token in a description \(ghp_… \(40 chars\)\)/);
    expect(findingAt(findings, '/x-alerts-webhook').message).toMatch(/^Slack incoming webhook URL in an extension/);
    expect(findingAt(findings, '/paths/~1orders/post/parameters/0/example').message).toMatch(/^JSON Web Token in an example/);
    expect(findingAt(findings, '/components/schemas/Storage/properties/accessKeyId/default')).toMatchObject({ severity: 'high' });
    expect(findingAt(findings, '/components/schemas/Storage/properties/accessKeyId/default').message).toMatch(
      /^AWS access key id in a default value/,
    );
    expect(findingAt(findings, '/components/schemas/Storage/properties/client_secret/example').message).toMatch(
      /^The example for "client_secret" looks like a real credential \(high-entropy, u7Cc… \(32 chars\)\)/,
    );
    expect(findingAt(findings, '/components/schemas/Storage/properties/signingKey/example')).toMatchObject({ severity: 'critical' });
  });

  it('never shows a secret in full, in messages or evidence', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.yaml');
    for (const f of findings) {
      for (const text of [f.message, f.evidence?.snippet ?? '']) {
        expect(text).not.toContain('rO3NO3eo6vZ6cuQc51Ax8w0D');
        expect(text).not.toContain('gx3cWAuUzRFHgFM9DI5C2NM7Lk14GP5quGC0');
        expect(text).not.toContain('GXDBQC5KMYS25KS4');
        expect(text).not.toContain('u7CcnGK3scEj9aJ763JheDmGSVMfLmHi');
        expect(text).not.toContain('MIGHAgEA');
      }
    }
  });

  it('reads Swagger 2.0 x-example and default values, with the parameter name as owner', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.v2.json');
    expect(positions(findings)).toEqual(['8:81 /paths/~1mail/post/parameters/0/x-example', '9:74 /paths/~1mail/post/parameters/1/default']);
    expect(findingAt(findings, '/paths/~1mail/post/parameters/0/x-example').message).toMatch(
      /^The example for "X-API-Key" looks like a real credential/,
    );
    expect(findingAt(findings, '/paths/~1mail/post/parameters/1/default')).toMatchObject({ severity: 'critical' });
  });

  it('follows $refs into other files: schemas and example objects', async () => {
    const findings = await runCheck(check, import.meta.url, 'unsafe.multi.yaml');
    expect(
      findings
        .map(
          (f) => f.location.kind === 'file' && `${f.location.file}:${f.location.startLine}:${f.location.startColumn} ${f.location.pointer}`,
        )
        .sort(),
    ).toEqual([
      'fixtures/parts/examples.yaml:6:20 /clientCredentials/value/client_secret',
      'fixtures/parts/schemas.yaml:6:16 /Token/properties/access_token/example',
    ]);
    expect(findingAt(findings, '/clientCredentials/value/client_secret').message).toMatch(
      /^The example for "client_secret" looks like a real credential/,
    );
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: `${VAR}` is the placeholder syntax being documented, not a template
  it('skips documentation keys and placeholders: sk_test_, AKIAIOSFODNN7EXAMPLE, jwt.io, <token>, ${VAR}, {{var}}, pagination tokens', async () => {
    expect(await runCheck(check, import.meta.url, 'safe.yaml')).toEqual([]);
    expect(await runCheck(check, import.meta.url, 'safe.v2.yaml')).toEqual([]);
  });
});

describe('secret patterns', () => {
  it('recognises placeholders', () => {
    for (const p of [
      'AKIAIOSFODNN7EXAMPLE',
      'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
      'YOUR_API_KEY_HERE_1234',
      '<your-token>',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: `${VAR}` is the placeholder syntax being documented, not a template
      '${API_TOKEN}',
      '{{token}}',
      'SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    ])
      expect(isPlaceholder(p), p).toBe(true);
    expect(isPlaceholder('u7CcnGK3scEj9aJ763JheDmGSVMfLmHi')).toBe(false);
  });
  it('judges credential names by their head word', () => {
    for (const n of [
      'password',
      'client_secret',
      'X-API-Key',
      'apiKey',
      'access_token',
      'aws_secret_access_key',
      'Authorization',
      'privateKey',
    ])
      expect(isSecretName(n), n).toBe(true);
    for (const n of [
      'token_type',
      'next_page_token',
      'api_key_id',
      'public_key',
      'password_hash',
      'sort_key',
      'Idempotency-Key',
      'csrf_token',
    ])
      expect(isSecretName(n), n).toBe(false);
  });
  it('wants entropy, mixed classes, no spaces, not a URL or UUID', () => {
    expect(looksLikeSecret('u7CcnGK3scEj9aJ763JheDmGSVMfLmHi')).toBe(true);
    for (const v of [
      'correct horse battery staple',
      'https://x.io/abcDEF123456',
      '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      'aaaabbbbccccdddd',
      'short1A',
    ])
      expect(looksLikeSecret(v), v).toBe(false);
  });
  it('redacts to 4 characters, the length and a hash', () => {
    expect(redact('sk_live_rO3NO3eo6vZ6cuQc51Ax8w0D')).toEqual({
      preview: 'sk_l… (32 chars)',
      hash: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
  });
  it('runs in linear time on hostile input', () => {
    const hostile = [
      `eyJ${'a'.repeat(50_000)}.eyJ${'b'.repeat(50_000)}`,
      `xoxb-${'1'.repeat(50_000)}`,
      `SG.${'-'.repeat(100_000)}`,
      'AKIA'.repeat(30_000),
    ];
    const t = performance.now();
    for (const s of hostile) for (const r of PROVIDER_RULES) r.re.exec(s);
    expect(performance.now() - t).toBeLessThan(500);
  });
});

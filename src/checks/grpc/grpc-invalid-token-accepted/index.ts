import { randomBytes } from 'node:crypto';
import { defineGrpcProbeCheck } from '../../../engines/grpc/probe/types.ts';
import { callable, DENIED, label } from '../_shared/calls.ts';

export default defineGrpcProbeCheck({
  id: 'grpc-invalid-token-accepted',
  stage: 'probe',
  title: 'gRPC method accepts an invalid token',
  severity: 'high',
  confidence: 'high',
  owasp: ['API2:2023'],
  cwe: ['CWE-287'],
  defaultOptions: { maxMethods: 50 },
  messages: {
    accepted:
      'Method {{method}} rejects a call without credentials ({{denied}}) but returned OK to one with a made-up token in "{{key}}": it checks that a credential is present, not that it is valid.',
  },
  docs: {
    description:
      'For each method that rejects an anonymous call with UNAUTHENTICATED or PERMISSION_DENIED, sends the same empty request with a random, made-up credential in the metadata the configured identities use (`authorization: Bearer …` by default). A method that then returns OK is flagged.',
    attack:
      'Broken authentication (OWASP API2): a server that only checks that an `authorization` entry exists, or that decodes a token without verifying its signature, lets anyone in with any string. The anonymous rejection makes the method look protected in a quick test.',
    fix: "Verify the credential, not its presence: check the token's signature, issuer, audience and expiry (or look the API key up) in the auth interceptor, and end the call with UNAUTHENTICATED when verification fails.",
  },
  async run(ctx) {
    const key = Object.keys(ctx.identities[0]?.metadata ?? {})[0] ?? 'authorization';
    for (const m of callable(ctx.methods, Number(ctx.options.maxMethods))) {
      const anon = await ctx.anonymous(m);
      if (anon.code === undefined || !DENIED.has(anon.code)) continue;
      const fake = `rampart-invalid-${randomBytes(12).toString('hex')}`;
      const c = await ctx.call(m, {}, { metadata: { [key]: key === 'authorization' ? `Bearer ${fake}` : fake } });
      if (c.code !== 0) continue;
      ctx.report({
        path: m.path,
        messageId: 'accepted',
        data: { method: label(m), denied: anon.code === 16 ? 'UNAUTHENTICATED' : 'PERMISSION_DENIED', key },
        calls: [c, anon],
      });
    }
  },
});

import type { ScalarVisit } from '../../../engines/design/types.ts';
import { defineDesignCheck } from '../../../engines/design/types.ts';
import { child, type NodeRef } from '../../../formats/openapi/refs.ts';
import { getAt, parsePointer } from '../../../formats/pointer.ts';
import {
  credentialPart,
  findPrivateKey,
  isPlaceholder,
  isSecretName,
  looksLikeSecret,
  PREFILTER,
  PROVIDER_RULES,
  redact,
  type SecretSeverity,
} from './patterns.ts';

/** Pointer segments that sit between a property and its example value. */
const WRAPPERS = new Set(['example', 'examples', 'default', 'value', 'x-example', 'x-examples', 'schema', 'items', 'enum']);

/**
 * The name a value is the example of: its own key in an object example, else the property, header or
 * parameter that owns the `example`/`default` (`properties/password/example` → password,
 * `parameters/0/example` → that parameter's `name`).
 */
function ownerName(doc: NodeRef['doc'], segs: string[]): string | undefined {
  for (let i = segs.length - 1; i >= 0; i--) {
    const s = segs[i];
    if (WRAPPERS.has(s)) continue;
    if (/^\d+$/.test(s)) {
      if (segs[i - 1] === 'parameters') {
        const p = getAt(doc.value, segs.slice(0, i + 1)) as { name?: unknown } | undefined;
        return typeof p?.name === 'string' ? p.name : undefined;
      }
      continue;
    }
    return s;
  }
  return undefined;
}

export default defineDesignCheck({
  id: 'secret-in-example',
  title: 'Secret in an example, default or extension',
  severity: 'high',
  confidence: 'high',
  owasp: ['API8:2023', 'API2:2023'],
  cwe: ['CWE-798', 'CWE-540'],
  messages: {
    provider: '{{kind}} {{where}} ({{preview}}): anyone who reads the definition can use it; revoke it and replace it with a placeholder.',
    privateKey:
      'Private key (PEM) {{where}} ({{preview}}): anyone who reads the definition holds the key; revoke it and replace it with a placeholder.',
    named:
      'The {{where}} for "{{name}}" looks like a real credential (high-entropy, {{preview}}): if it ever worked, revoke it; use an obvious placeholder such as "<your-token>".',
  },
  docs: {
    description:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: `${VAR}` is the placeholder syntax being documented, not a template
      'Looks through every string of every file of the definition for credentials in provider formats that cannot be mistaken: AWS access key ids (AKIA/ASIA), GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_), Slack tokens (xoxb-, xoxp-...) and incoming webhook URLs, Stripe live keys (sk_live_, rk_live_; test keys are documentation), Google API keys (AIza), Twilio API key SIDs (SK + 32 hex), npm tokens, SendGrid keys, private key PEM blocks and JWTs whose payload looks issued (exp, iss or aud; not the jwt.io sample). In examples, defaults and `x-` extensions it also flags high-entropy values of credential-named properties, parameters and headers (password, client_secret, api_key, X-API-Key, access_token...), but not pagination cursors, CSRF or idempotency tokens. Documented placeholders (AKIAIOSFODNN7EXAMPLE, xxxx, YOUR_API_KEY, <token>, changeme, ${VAR}, {{var}}, sk_test_...) are skipped. Messages and evidence show only the first 4 characters, the length and a short SHA-256.',
    attack:
      'API definitions are published on developer portals, in SDK repositories and API catalogs, and fed to code generators and mock servers. A working key copied into an example is a key given to everyone who reads it: attackers search public definitions and Postman collections for provider prefixes within minutes of publication, and generated SDKs and docs replicate the secret further.',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: `${VAR}` is the placeholder syntax being documented, not a template
    fix: 'Revoke and rotate the credential first: assume it is compromised. Then replace it with an obvious placeholder (`sk_test_...`, `<your-api-key>`, `${API_TOKEN}`), keep real values in a secret manager, and run `rampart secrets` in CI so a key never reaches the definition again.',
  },
  create(ctx) {
    const report = (v: ScalarVisit, messageId: string, secret: string, severity: SecretSeverity, data: Record<string, unknown>) => {
      const { preview, hash } = redact(secret);
      const node: NodeRef = { doc: v.doc, pointer: v.pointer(), value: v.value };
      ctx.report({ node, part: 'value', messageId, severity, data: { ...data, preview, hash }, evidence: `${preview}, sha256 ${hash}` });
    };
    // Values of credential-named properties, judged at the end: one value given to different kinds of
    // credential (the same string as access_token, refresh_token and actor_token) is a documentation
    // sample, as real credentials of different kinds never coincide.
    const named = new Map<string, { names: Set<string>; hits: { v: ScalarVisit; name: string; where: string }[] }>();
    const whereOf = (v: ScalarVisit) => {
      if (!v.inExample && !inExternalExample(v))
        return v.key === 'url' ? 'in a server URL' : v.key === 'description' ? 'in a description' : `in "${v.key}"`;
      const segs = parsePointer(v.pointer());
      if (segs.some((s) => s === 'default')) return 'in a default value';
      if (segs.some((s) => s.startsWith('x-') && s !== 'x-example' && s !== 'x-examples')) return 'in an extension';
      return 'in an example';
    };
    // Load every file the definition references before the scalar walk: external example files and
    // schemas are otherwise read only when another check happens to follow them.
    // Example objects `$ref`'d from another file hold no `example` key on their own path: remember them.
    const exampleRoots = new Map<string, string[]>();
    const loadExamples = (mediaTypes: { ref: NodeRef }[]) => {
      for (const mt of mediaTypes) {
        const ex = child<Record<string, unknown>>(mt.ref, 'examples');
        if (!ex?.value || typeof ex.value !== 'object') continue;
        for (const k of Object.keys(ex.value)) {
          const target = ctx.resolve(child(ex, k));
          if (!target || target.doc.absPath === ctx.api.root.doc.absPath) continue;
          const roots = exampleRoots.get(target.doc.absPath) ?? [];
          if (!roots.includes(target.pointer)) roots.push(target.pointer);
          exampleRoots.set(target.doc.absPath, roots);
        }
      }
    };
    const inExternalExample = (v: ScalarVisit): boolean => {
      const roots = exampleRoots.get(v.doc.absPath);
      if (!roots) return false;
      const p = v.pointer();
      return roots.some((r) => p === r || p.startsWith(`${r}/`) || r === '');
    };
    return {
      operation(op) {
        loadExamples(op.requestBody?.content ?? []);
        for (const r of op.responses) loadExamples(r.content);
      },
      // Asking for schemas makes the engine walk (and load) every schema file once.
      schema() {},
      scalar(v) {
        if (typeof v.value !== 'string' || v.value.length < 16) return;
        const s = v.value;
        let found = false;
        if (PREFILTER.test(s)) {
          const pem = s.includes('-----BEGIN') ? findPrivateKey(s) : undefined;
          if (pem) {
            report(v, 'privateKey', pem.secret, pem.encrypted ? 'high' : 'critical', { where: whereOf(v) });
            found = true;
          }
          const seen = new Set<string>();
          for (const rule of PROVIDER_RULES) {
            const m = rule.re.exec(s);
            if (!m) continue;
            const secret = m[1];
            if (seen.has(secret) || isPlaceholder(secret) || (rule.validate && !rule.validate(secret))) continue;
            seen.add(secret);
            report(v, 'provider', secret, rule.severity, { kind: rule.name, where: whereOf(v) });
            found = true;
          }
        }
        if (found) return;
        const candidate = credentialPart(s);
        if (!looksLikeSecret(candidate)) return;
        if (!v.inExample && !inExternalExample(v)) return;
        const segs = parsePointer(v.pointer());
        const name = ownerName(v.doc, segs);
        if (!name || !isSecretName(name)) return;
        let entry = named.get(candidate);
        if (!entry) {
          entry = { names: new Set(), hits: [] };
          named.set(candidate, entry);
        }
        const pointer = v.pointer();
        entry.names.add(name.toLowerCase().replace(/[-_]/g, ''));
        entry.hits.push({
          v: { ...v, pointer: () => pointer },
          name,
          where: whereOf(v)
            .replace(/^in (an? )?/, '')
            .replace(/^"(.*)"$/, '$1'),
        });
      },
      done() {
        for (const [candidate, entry] of named) {
          if (entry.names.size > 1) continue;
          for (const h of entry.hits) report(h.v, 'named', candidate, 'high', { name: h.name, where: h.where });
        }
      },
    };
  },
});

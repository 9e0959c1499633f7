import { defineDesignCheck, type Obj } from '../../../engines/design/types.ts';
import type { Operation } from '../../../formats/openapi/model.ts';
import { child, type NodeRef } from '../../../formats/openapi/refs.ts';
import { parentOf } from '../_shared/net-servers.ts';
import { displayUrl, isLoopback, parseUrl } from '../_shared/net-url.ts';
import { isObj, onlyOnce } from '../_shared/nodes.ts';
import { opLabel } from '../_shared/operations.ts';

/** Header names that carry a request signature or a credential the receiver can verify. */
const AUTH_HEADER = /signature|hmac|^authorization$|token|secret|api[-_]?key/i;
/** Prose that says how deliveries are signed or authenticated. */
const SIGNED = /signature|hmac|\bsigned\b|mutual tls|\bmtls\b/i;
const MENTIONS_HOOKS = /webhook|callback/i;

/** Payload fields that carry a signature (some providers sign inside the body, e.g. additionalData.hmacSignature). */
const SIGNATURE_FIELD = /signature|hmac/i;
const MAX_SCHEMA_NODES = 200;
const MAX_SCHEMA_DEPTH = 4;

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export default defineDesignCheck({
  id: 'webhook-insecure',
  title: 'Webhook or callback without authentication or over HTTP',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API10:2023', 'API2:2023'],
  cwe: ['CWE-345', 'CWE-319'],
  messages: {
    webhookUnauthenticated:
      'Webhook "{{name}}" ({{method}}) gives receivers no way to authenticate deliveries: no security requirement and no signature header. Anyone who learns a receiver URL can forge events.',
    callbackUnauthenticated:
      'Callback {{method}} "{{expression}}" of {{parent}} gives receivers no way to authenticate it: no security requirement and no signature header. Anyone who learns the callback URL can forge calls.',
    cleartextCallback:
      'Callback URL "{{expression}}" of {{parent}} uses cleartext HTTP: the event payload and any credential sent with it can be read and altered on the network.',
    cleartextWebhook:
      'Webhook URL "{{expression}}" uses cleartext HTTP: the event payload and any credential sent with it can be read and altered on the network.',
  },
  docs: {
    description:
      'Looks at 3.1 `webhooks` and 3.x `callbacks`, the requests the API sends to its clients. Flags (medium) a webhook or callback operation that declares neither its own security requirement (root `security` describes how clients call the API, not how the API calls them, so it does not count; `{}` alternatives do not count) nor a signature-like header parameter (X-Signature, X-Hub-Signature-256, Webhook-Signature, Stripe-Signature, Authorization, ...) nor a signature field in the payload (such as `additionalData.hmacSignature`) nor a description saying how deliveries are signed. Flags (high) a callback expression or webhook URL written as a literal http:// URL.',
    attack:
      'A webhook receiver is a public endpoint that acts on what it is told: "payment succeeded", "user deleted", "build finished". When deliveries carry no signature or credential, anyone who finds or guesses the receiver URL forges events (marking unpaid orders as paid, triggering deployments), and replays old ones. Deliveries over plain HTTP leak their payloads and any shared secret, and can be altered on the way.',
    fix: 'Sign every delivery and document it: an HMAC signature header over the raw body and a timestamp (as Stripe-Signature, X-Hub-Signature-256 or the Standard Webhooks `webhook-signature` do), or mutual TLS, or an OAuth token the receiver verifies; declare it as a header parameter or a `security` requirement on the webhook/callback operation. Require https:// callback URLs and reject http:// ones at registration.',
  },
  create(ctx) {
    const firstVisit = onlyOnce();
    const parents = new Map<Operation, Operation>();
    const firstCleartext = onlyOnce();
    const info = ctx.api.root.value.info as Obj | undefined;
    const infoText = text(info?.description);
    // A definition-wide explanation of how webhooks/callbacks are signed covers them all.
    const documentedGlobally = MENTIONS_HOOKS.test(infoText) && SIGNED.test(infoText);

    /** A property named like a signature in the request body, looked for in a bounded walk. */
    const signedBody = (op: Operation): boolean => {
      let budget = MAX_SCHEMA_NODES;
      const walk = (ref: NodeRef | undefined, depth: number): boolean => {
        if (!ref || depth > MAX_SCHEMA_DEPTH || budget-- <= 0) return false;
        const schema = ctx.resolve<Obj>(ref);
        if (!schema || !isObj(schema.value)) return false;
        const props = child<Obj>(schema, 'properties');
        if (props && isObj(props.value)) {
          for (const name of Object.keys(props.value)) {
            if (SIGNATURE_FIELD.test(name)) return true;
            if (walk(child(props, name), depth + 1)) return true;
          }
        }
        for (const k of ['allOf', 'oneOf', 'anyOf'] as const) {
          const list = child<unknown[]>(schema, k);
          if (list && Array.isArray(list.value))
            for (let i = 0; i < list.value.length; i++) if (walk(child(list, i), depth + 1)) return true;
        }
        return walk(child(schema, 'items'), depth + 1);
      };
      return (op.requestBody?.content ?? []).some((mt) => walk(mt.schema, 0));
    };

    const authenticated = (op: Operation): boolean => {
      if (op.securityFrom === 'operation' && op.security?.length && op.security.every((r) => r.schemes.length > 0)) return true;
      if (op.parameters.some((p) => p.in === 'header' && AUTH_HEADER.test(p.name))) return true;
      const item = parentOf(op.ref)?.value as Obj | undefined;
      const body = op.requestBody?.ref.value;
      const prose = [op.description, op.summary, text(item?.description), text(item?.summary), text(body?.description)].join('\n');
      return SIGNED.test(prose) || documentedGlobally || signedBody(op);
    };

    return {
      operation(op) {
        for (const cb of op.callbacks) if (!parents.has(cb)) parents.set(cb, op);
        if (op.kind === 'path') return;
        if (!firstVisit(op.ref)) return;
        const parent = parents.get(op);
        const parentLabel = parent ? opLabel(parent) : 'an operation';
        const raw = op.path.trim();
        const expression = displayUrl(raw);
        // A literal URL with credentials as the callback key: report on the callback's name instead, so
        // the credentials do not travel in the finding's JSON pointer either.
        const leaky = expression !== raw;
        const escaped = op.path.replace(/~/g, '~0').replace(/\//g, '~1');
        const safe = (node: NodeRef): NodeRef => {
          let n: NodeRef | undefined = node;
          while (leaky && n?.pointer.includes(escaped)) n = parentOf(n);
          return n ?? ctx.api.root;
        };

        if (/^(?:http|ws):\/\//i.test(raw)) {
          const p = parseUrl(raw);
          const item = parentOf(op.ref);
          if (item && (p.relative || !isLoopback(p.hostname)) && firstCleartext(item)) {
            ctx.report({
              node: safe(item),
              messageId: op.kind === 'callback' ? 'cleartextCallback' : 'cleartextWebhook',
              data: { expression, parent: parentLabel },
              severity: 'high',
            });
          }
        }

        if (authenticated(op)) return;
        if (op.kind === 'webhook') {
          ctx.report({
            node: safe(op.ref),
            messageId: 'webhookUnauthenticated',
            data: { name: expression, method: op.method.toUpperCase() },
          });
        } else {
          ctx.report({
            node: safe(op.ref),
            messageId: 'callbackUnauthenticated',
            data: { method: op.method.toUpperCase(), expression, parent: parentLabel },
          });
        }
      },
    };
  },
});

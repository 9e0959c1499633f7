import { defineDesignCheck } from '../../../engines/design/types.ts';
import {
  capitalize,
  describe,
  hasType,
  isA,
  isEnumerated,
  isInbound,
  opOrWebhookLabel,
  propertyOf,
  readOnlyInPath,
  typesOf,
  under,
} from '../_shared/data-schema.ts';
import { URL_FIELDS, URL_FORMATS, type UrlUse } from '../_shared/data-words.ts';

/**
 * A pattern that pins the URL to fixed hosts: `^https://hooks\.slack\.com/...`, `^https?://(www\.)?example\.com`.
 * The scheme must be followed by a literal host character (or a group of them), not `.`, `[` or `\S`.
 */
function pinsHost(pattern: unknown): boolean {
  if (typeof pattern !== 'string') return false;
  const m = /^\^https\??:\/\/(.)/.exec(pattern) ?? /^\^\(?https\??:\\\/\\\/(.)/.exec(pattern);
  if (!m) return false;
  const c = m[1];
  return /[A-Za-z0-9(]/.test(c);
}

const NOUN: Record<UrlUse, string> = { fetch: 'URL', host: 'host name', redirect: 'redirect target' };

export default defineDesignCheck({
  id: 'url-field-ssrf',
  title: 'Request field carries a URL the server may fetch or redirect to',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API7:2023'],
  cwe: ['CWE-918', 'CWE-601'],
  messages: {
    fetch:
      '{{what}} {{isA}} ({{why}}): if the server fetches or calls it, a client can aim it at internal services or cloud metadata (SSRF).',
    host: '{{what}} {{isA}} ({{why}}): if the server connects to it, a client can aim it at internal services (SSRF).',
    redirect:
      '{{what}} {{isA}} ({{why}}): unless it is checked against an allowlist, a client can send users to a site of its choosing (open redirect).',
  },
  docs: {
    description:
      'Flags strings the API receives, in bodies as well as parameters, that carry a URL: a `format` of uri, url, uri-reference, iri, iri-reference or uri-template, or a whole-word name such as url, image_url, callback_url, webhook, href, uri (fetched: SSRF), smtp_host, proxy_host, db_host (connected to: SSRF) or redirect, redirect_uri, return_url, success_url, cancel_url (open redirect). Values fixed by `enum`/`const` or a pattern that pins the host (`^https://hooks\\.example\\.com/`) are accepted, as are readOnly fields, responses and webhook payloads.',
    attack:
      "When an API fetches a URL supplied by its client (webhooks, image or feed imports, link previews, PDF renderers), an attacker gives it http://169.254.169.254/ to steal cloud credentials, http://localhost:6379/ or internal admin panels, or file:// and gopher:// URLs, and reads the answer or times it (server-side request forgery, OWASP API7). A redirect target taken from the request lets phishing pages borrow the API's trusted domain and steal OAuth codes.",
    fix: 'Validate URLs on the server against an allowlist of schemes (https only) and hosts, resolve the host and refuse private, loopback and link-local addresses (on every redirect too), fetch through an egress proxy without access to internal networks, and never return raw responses. In the definition, pin the host with `pattern` or `enum` where the set is known. For redirects, accept only registered URLs or relative paths.',
  },
  create(ctx) {
    return {
      schema(v) {
        if (!isInbound(v) || readOnlyInPath(v)) return;
        const s = v.schema;
        const format = typeof s.format === 'string' ? s.format.toLowerCase() : undefined;
        const byFormat = !!format && URL_FORMATS.has(format);
        if (!hasType(s, 'string') && !(byFormat && typesOf(s).length === 0)) return;
        if (isEnumerated(s) || pinsHost(s.pattern)) return;
        // The field's own name: the property it defines, or the parameter it is.
        const p = v.parameter;
        const name = propertyOf(v.ref) ?? (p && p.in !== 'body' && under(v.ref, p.ref) ? p.name : v.propertyName);
        const byName = name ? URL_FIELDS.match(name) : undefined;
        if (!byFormat && !byName) return;
        const use: UrlUse = byName?.tag ?? 'fetch';
        const why = byFormat && byName ? `format "${format}", name "${name}"` : byFormat ? `format "${format}"` : `name "${name}"`;
        const what = describe(v);
        ctx.report({
          node: v.ref,
          messageId: use,
          data: { what: capitalize(what), isA: isA(what, NOUN[use]), why },
          evidence: `accepted by ${opOrWebhookLabel(v.operation)}`,
        });
      },
    };
  },
});

import { defineGraphqlDesignCheck } from '../../../engines/graphql/types.ts';
import { URL_FIELDS } from '../../design/_shared/data-words.ts';
import { inputValues } from '../_shared/inputs.ts';
import { wordsOf } from '../_shared/names.ts';

const URL_SCALARS = new Set(['url', 'uri', 'href', 'link']);
/** GraphQL APIs call webhooks "callback" as often as "callbackUrl". */
const EXTRA_WORDS = new Set(['callback', 'callbacks', 'webhook', 'webhooks', 'endpoint']);

export default defineGraphqlDesignCheck({
  id: 'graphql-url-argument',
  title: 'Argument carries a URL the server may fetch or redirect to',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API7:2023'],
  cwe: ['CWE-918', 'CWE-601'],
  messages: {
    url: 'The {{label}} is a URL ({{why}}): if the server fetches, calls or redirects to it, a client can aim it at internal services or cloud metadata (SSRF). Check it against an allowlist of hosts.',
  },
  docs: {
    description:
      'Flags arguments and input object fields that carry a URL: a URL/URI scalar type, or a name such as url, imageUrl, callback, callbackUrl, webhook, endpoint, href, redirectUri, returnUrl.',
    attack:
      'When a resolver fetches a URL chosen by the client (webhooks, avatar or feed imports, link previews), an attacker gives it http://169.254.169.254/ to steal cloud credentials or http://localhost:6379/ to reach internal services, and reads or times the answer (server-side request forgery, OWASP API7). A redirect target taken from an argument turns the API domain into a phishing relay.',
    fix: 'Validate URLs in the resolver against an allowlist of schemes (https) and hosts; resolve the host and refuse private, loopback and link-local addresses on every redirect; fetch through an egress proxy without access to internal networks. Use an enum or a registered id instead of a free URL where the set of targets is known.',
  },
  check(schema, _options, report) {
    for (const v of inputValues(schema)) {
      const byType = URL_SCALARS.has(v.named.toLowerCase());
      const isString = v.named === 'String' || byType;
      if (!isString) continue;
      const byName = URL_FIELDS.match(v.name) !== undefined || wordsOf(v.name).some((w) => EXTRA_WORDS.has(w));
      if (!byType && !byName) continue;
      const why = byType ? `type ${v.named}` : `name "${v.name}"`;
      report({ node: v.node, coordinate: v.coordinate, messageId: 'url', data: { label: v.label, why } });
    }
  },
});

import { defineDesignCheck, type Obj } from '../../../engines/design/types.ts';
import type { NodeRef } from '../../../formats/openapi/refs.ts';
import { judgeServerUrls, occurrences, type ServerInfo, variableAlternatives } from '../_shared/net-servers.ts';
import { classifyHost, displayUrl, type HostClass, parseUrl } from '../_shared/net-url.ts';

export default defineDesignCheck({
  id: 'server-internal-address',
  title: 'Server on a loopback, private or internal address',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API9:2023', 'API8:2023'],
  cwe: ['CWE-200'],
  messages: {
    internal:
      'Server "{{url}}" points at {{label}} ("{{host}}"): the published definition reveals an internal host and invites clients, SDK generators and try-it consoles to call it.',
    loopback:
      'Server "{{url}}" points at {{label}} ("{{host}}"): a development server in a published definition sends clients, SDK generators and try-it consoles to the caller\'s own machine.',
    variable:
      'Server variable "{{name}}" offers "{{value}}", which makes the server "{{url}}" point at {{label}} ("{{host}}"): internal hosts do not belong in a published definition.',
    host: 'Host "{{host}}" is {{label}}: the published definition reveals an internal host and invites clients, SDK generators and try-it consoles to call it.',
  },
  docs: {
    description:
      'Flags servers (3.x `servers` at any level, including the values a server variable may take; 2.0 `host`) on localhost, 127.0.0.0/8, ::1, 0.0.0.0, private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), link-local ranges (169.254/16, fe80::/10) or internal DNS names (.local, .internal, .corp, .lan, .intranet, .localdomain, .home.arpa, single-label names). Hosts are parsed with the WHATWG URL parser, so decimal, hex and IPv4-mapped forms are recognised. Loopback servers are reported as low (a leftover development entry), the others as medium.',
    attack:
      "Internal addresses and host names map the private network for an attacker (which ranges, which services, naming conventions) and point SSRF attempts at real targets; they also show that the definition describes an environment that was never meant to be public, often with weaker controls. Loopback servers make generated clients and documentation consoles call whatever listens on the reader's own machine.",
    fix: 'Publish only the public server URLs. Keep development and internal servers in a separate, non-published definition or overlay, or strip them at publication (for instance with a decorator that removes servers marked `x-internal: true`).',
  },
  create(ctx) {
    let hostReported = false;
    const reportedAlternatives = new Set<string>();

    const reportServer = (group: ServerInfo[]) => {
      const info = group[0];
      const { parsed, server } = info;
      if (ctx.api.version === '2.0') {
        if (hostReported || !info.host || parsed.relative) return;
        hostReported = true;
        const c = classifyHost(parsed.hostname);
        if (c.kind === 'public') return;
        ctx.report({
          node: info.host,
          part: 'value',
          messageId: 'host',
          data: { host: info.host.value, label: c.label },
          severity: sev(c),
        });
        return;
      }
      if (!parsed.relative) {
        const c = classifyHost(parsed.hostname);
        if (c.kind !== 'public')
          ctx.report({
            node: server.ref,
            part: 'value',
            messageId: c.kind === 'loopback' || c.kind === 'unspecified' ? 'loopback' : 'internal',
            data: { url: displayUrl(server.url), host: parsed.hostname, label: c.label },
            severity: sev(c),
            evidence: occurrences(group),
          });
      }
      for (const each of group) if (each.object) variables(each.object);
    };

    // The other values a server variable's enum allows: each is a server the definition advertises.
    const variables = (obj: NodeRef<Obj>) => {
      for (const alt of variableAlternatives(obj)) {
        if (reportedAlternatives.has(alt.url)) continue;
        reportedAlternatives.add(alt.url);
        const p = parseUrl(alt.url);
        if (p.relative) continue;
        const c = classifyHost(p.hostname);
        if (c.kind === 'public') continue;
        ctx.report({
          node: alt.node,
          part: 'value',
          messageId: 'variable',
          data: { name: alt.name, value: alt.value, url: displayUrl(alt.url), host: p.hostname, label: c.label },
          severity: sev(c),
        });
      }
    };

    return judgeServerUrls(ctx, reportServer);
  },
});

function sev(c: HostClass) {
  return c.kind === 'loopback' || c.kind === 'unspecified' ? ('low' as const) : ('medium' as const);
}

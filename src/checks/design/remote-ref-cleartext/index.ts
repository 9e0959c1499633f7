import { defineDesignCheck, type ScalarVisit } from '../../../engines/design/types.ts';
import { walkScalars } from '../../../engines/design/walk.ts';
import type { NodeRef } from '../../../formats/openapi/refs.ts';
import { displayUrl, isCleartext, parseUrl } from '../_shared/net-url.ts';

export default defineDesignCheck({
  id: 'remote-ref-cleartext',
  title: 'Remote $ref loaded over cleartext HTTP',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API10:2023', 'API8:2023'],
  cwe: ['CWE-494', 'CWE-319'],
  messages: {
    remote:
      '$ref "{{url}}" loads part of the definition over cleartext HTTP from {{host}}: anyone on the network path can rewrite the schemas, security requirements or servers that tools build from it.',
  },
  docs: {
    description:
      'Flags `$ref` values that point at an http:// URL (not loopback), in every file of the definition. One finding per remote document and file, at its first reference, with the number of references as evidence. Rampart never fetches remote references itself; https remote references are not flagged.',
    attack:
      'Code generators, validators, gateways and documentation portals fetch remote references when they build from the definition. Over plain HTTP a man in the middle (or whoever takes over that host name) rewrites what they receive: validation schemas loosened so malicious input passes the gateway, `security` removed, servers redirected to an attacker, or SDKs generated with attacker-chosen code paths.',
    fix: 'Vendor the referenced files into the repository (or bundle the definition) and reference them by relative path; if a remote reference is unavoidable, use https:// on a host you control and pin the content (a versioned, immutable URL).',
  },
  create(ctx) {
    const remote = new Map<string, { node: NodeRef; url: string; host: string; count: number }>();
    const visited = new Set<string>();

    const onRef = (doc: ScalarVisit['doc'], value: string, pointer: () => string) => {
      const ref = value.trim();
      if (!/^[a-z][a-z0-9+.-]{0,30}:/i.test(ref)) {
        // A relative file reference: load it, so that its own $refs are judged too (the engine only
        // visits the files that were loaded before the scalar pass).
        if (ref && !ref.startsWith('#')) {
          const at = pointer();
          ctx.resolve({ doc, pointer: at.slice(0, at.lastIndexOf('/')), value: { $ref: ref } });
        }
        return;
      }
      const p = parseUrl(ref);
      if (!isCleartext(p) || !p.url) return;
      const hash = ref.indexOf('#');
      const url = displayUrl(hash === -1 ? ref : ref.slice(0, hash));
      const key = `${doc.absPath}\0${p.url.href.replace(/#.*$/s, '')}`;
      const seen = remote.get(key);
      if (seen) seen.count++;
      else remote.set(key, { node: { doc, pointer: pointer(), value }, url, host: p.hostname, count: 1 });
    };

    return {
      scalar(v) {
        visited.add(v.doc.absPath);
        if (v.key === '$ref' && typeof v.value === 'string' && !v.inExample) onRef(v.doc, v.value, v.pointer);
      },
      done() {
        // Files loaded during the pass (or by the line above) that the engine did not visit.
        for (let round = 0; round < 64; round++) {
          const pending = ctx.api.set.files().filter((d) => !visited.has(d.absPath));
          if (!pending.length) break;
          for (const doc of pending) {
            visited.add(doc.absPath);
            walkScalars(doc, (key, value, pointer, inExample) => {
              if (key === '$ref' && typeof value === 'string' && !inExample) onRef(doc, value, pointer);
            });
          }
        }
        for (const { node, url, host, count } of remote.values()) {
          ctx.report({
            node,
            part: 'value',
            messageId: 'remote',
            data: { url, host },
            evidence: `${count} reference${count === 1 ? '' : 's'} to ${url} in ${node.doc.file}`,
          });
        }
      },
    };
  },
});

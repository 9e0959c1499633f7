import { defineProbeCheck } from '../../../engines/probe/types.ts';
import { readableText } from '../_inject/compare.ts';
import { describePoint, eachTarget, inject, label } from '../_inject/points.ts';
import { FILE_SIGNATURES, TRAVERSALS } from '../_inject/traversal.ts';

const FIX =
  'Never build a file path from input: map the name to a file with an allow-list or a database id. If a path is unavoidable, resolve it and check that the result still lies inside the intended folder, and reject "..", absolute paths, backslashes and encoded slashes before that.';

export default defineProbeCheck({
  id: 'path-traversal',
  title: 'Path traversal',
  severity: 'high',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-22'],
  messages: {
    traversal: `{{where}} of {{endpoint}} is used as a file path: the value {{payload}} ({{technique}}) returned the server's {{file}} ("{{excerpt}}"), and so did another path to it. Anyone can read any file the API process can: configuration, keys, credentials, source code. ${FIX}`,
  },
  defaultOptions: { maxPointsPerEndpoint: 12 },
  docs: {
    description:
      "Replaces every query, path and header parameter and every string field of the JSON body with values that climb out of the folder the API reads from (../ sequences, an absolute path, the valid value followed by ../, ....// against filters that strip ../ once, double-encoded slashes, Windows backslashes) towards /etc/passwd or win.ini, and reports a value whose answer contains the file (the root account line, the win.ini section comment) when the valid value's answer does not, confirmed with a second path to the same file.",
    attack:
      'Download, help, template, avatar and export endpoints often join a name from the request to a folder. With ../ in the name the caller reads any file the process can: .env files and cloud credentials, private keys, the application source with its secrets, /proc/self/environ. Where the same name is used for writing, traversal becomes remote code execution.',
    fix: `${FIX} Serve user files from object storage by id, and run the service with a read-only, minimal file system.`,
  },
  async run(ctx) {
    await eachTarget(ctx, async (t) => {
      for (const p of t.points) {
        for (const tr of TRAVERSALS) {
          if (ctx.signal.aborted) return;
          const sig = FILE_SIGNATURES[tr.file];
          // The file must be new: a page quoting a passwd line proves nothing.
          if (sig.re.test(readableText(t.baseline.response))) continue;
          const payload = tr.value(p.original);
          const first = await inject(ctx, t, p, payload);
          const m = first?.response ? sig.re.exec(readableText(first.response)) : null;
          if (!first || !m) continue;
          const second = await inject(ctx, t, p, tr.confirm(p.original));
          if (!second?.response || !sig.re.test(readableText(second.response))) continue;
          ctx.report({
            endpoint: t.endpoint,
            messageId: 'traversal',
            data: {
              where: describePoint(p),
              endpoint: label(t.endpoint),
              name: p.name,
              technique: tr.name,
              payload: JSON.stringify(payload),
              file: sig.file,
              excerpt: m[0].slice(0, 80),
            },
            exchanges: [first, second, t.baseline],
            identities: t.as ? [t.as] : undefined,
            fingerprintKey: p.name,
          });
          break;
        }
      }
    });
  },
});

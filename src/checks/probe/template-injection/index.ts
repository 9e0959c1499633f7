import { defineProbeCheck } from '../../../engines/probe/types.ts';
import { readableText } from '../_inject/compare.ts';
import { describePoint, eachTarget, inject, label, randomInt } from '../_inject/points.ts';
import { FIRST_FACTORS, productPattern, TEMPLATE_SYNTAXES } from '../_inject/template.ts';

const FIX =
  'Never let input become template source: pass it to a fixed template as data (a variable the engine escapes), never concatenate it into a template string or compile templates that users write. If users must write templates, use a logic-less engine in sandbox mode (Mustache, Liquid) that only substitutes named values.';

export default defineProbeCheck({
  id: 'template-injection',
  title: 'Server-side template injection',
  severity: 'critical',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-1336', 'CWE-94'],
  messages: {
    evaluated: `{{where}} of {{endpoint}} is evaluated as a template: 1337*1337 appended as a {{syntax}} expression ({{engines}}) came back as {{product}}, and other factors gave their product too. Template expressions reach the engine's objects, so anyone can usually read the server's environment and run code on it. ${FIX}`,
  },
  defaultOptions: { maxPointsPerEndpoint: 12 },
  docs: {
    description: `Appends an arithmetic expression in the syntax of each template family ({{1337*1337}}, \${1337*1337}, <%= 1337*1337 %>, #{1337*1337}) to every query, path and header parameter and every string field of the JSON body, and reports a value whose answer shows the product (1787569, also with thousands separators) that the valid value's answer does not, confirmed with two random factors in the same syntax.`,
    attack: `Greeting previews, e-mail and invoice templates, PDF labels and "custom message" features sometimes render user text as a template. The expression language then reaches the engine's objects: {{config}} dumps Flask settings, {{''.__class__.__mro__[1].__subclasses__()}} walks to os.system in Jinja2, \${T(java.lang.Runtime).getRuntime().exec(...)} runs commands in Spring: remote code execution from a text field.`,
    fix: `${FIX} Keep secrets out of the template context.`,
  },
  async run(ctx) {
    await eachTarget(ctx, async (t) => {
      const baseline = readableText(t.baseline.response);
      for (const p of t.points) {
        for (const syntax of TEMPLATE_SYNTAXES) {
          if (ctx.signal.aborted) return;
          const [a, b] = FIRST_FACTORS;
          const re = productPattern(a, b);
          if (re.test(baseline)) break;
          const payload = `${p.original}${syntax.wrap(`${a}*${b}`)}`;
          const first = await inject(ctx, t, p, payload);
          const m = first?.response ? re.exec(readableText(first.response)) : null;
          if (!first || !m) continue;
          const c = randomInt(1013, 9973);
          const d = randomInt(1013, 9973);
          const second = await inject(ctx, t, p, `${p.original}${syntax.wrap(`${c}*${d}`)}`);
          if (!second?.response || !productPattern(c, d).test(readableText(second.response))) continue;
          ctx.report({
            endpoint: t.endpoint,
            messageId: 'evaluated',
            data: {
              where: describePoint(p),
              endpoint: label(t.endpoint),
              name: p.name,
              technique: 'arithmetic',
              payload: JSON.stringify(payload),
              product: m[0],
              syntax: syntax.syntax,
              engines: syntax.engines,
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

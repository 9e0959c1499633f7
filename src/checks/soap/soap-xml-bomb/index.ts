import { envelope } from '../../../engines/soap/envelope.ts';
import { defineSoapProbeCheck } from '../../../engines/soap/types.ts';
import { distinctTargets, payloadOperation } from '../_shared/ops.ts';

const UNIT = 'RMPB';
const LEVELS = 3;
const FAN_OUT = 10;

/** A deliberately small "billion laughs": 3 levels of 10 references, 1,000 copies of a 4-byte marker (4 KB). */
export function boundedBomb(): { prolog: string; value: string; expanded: number } {
  const decls = [`<!ENTITY rb0 "${UNIT}">`];
  for (let i = 1; i <= LEVELS; i++) decls.push(`<!ENTITY rb${i} "${`&rb${i - 1};`.repeat(FAN_OUT)}">`);
  return { prolog: `<!DOCTYPE rampart [${decls.join('')}]>\n`, value: `&rb${LEVELS};`, expanded: FAN_OUT ** LEVELS };
}

export default defineSoapProbeCheck({
  id: 'soap-xml-bomb',
  title: 'Nested XML entities expanded in SOAP requests (billion laughs)',
  severity: 'high',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-776'],
  messages: {
    echoed:
      'Operation "{{operation}}" expands nested entities declared in the request\'s DTD: {{levels}} levels of {{fanOut}} references came back as {{copies}} copies of the marker in the answer. The same request with 10 levels ("billion laughs") makes the server build gigabytes in memory and stop answering. Refuse DTDs in requests (or cap entity expansion in the parser).',
    slow: 'Operation "{{operation}}" took {{bombMs}} ms to answer a request with a small nested-entity DTD ({{levels}} levels of {{fanOut}}), against {{baselineMs}} ms for the same request without it, twice in a row: the server expands entities, and a larger bomb takes it down. Refuse DTDs in requests (or cap entity expansion in the parser).',
  },
  defaultOptions: { slowFactor: 10, slowMinMs: 2000 },
  docs: {
    description:
      'Sends each SOAP endpoint a request whose DOCTYPE declares a bounded nested-entity bomb (3 levels of 10 references to a 4-byte marker: 1,000 copies, 4 KB once expanded) referenced from a text field, and reports it when the answer contains the expansion (100 copies or more in a row) or, confirmed twice, takes 10 times longer (and over 2 s more) than the same request without the DTD. Never a larger bomb.',
    attack:
      'With a handful of nested entity declarations a few hundred bytes long ("billion laughs"), one request makes a parser that expands entities allocate gigabytes: the process runs out of memory or CPU and the service goes down for everyone, for the price of one unauthenticated call.',
    fix: 'Disable DTD processing for requests (disallow-doctype-decl, DtdProcessing.Prohibit, defusedxml) or at least cap entity expansion (JAXP entityExpansionLimit, libxml2 defaults without XML_PARSE_HUGE), and reject requests that carry a DOCTYPE at the gateway.',
  },
  async run(ctx) {
    const bomb = boundedBomb();
    const factor = Number(ctx.options.slowFactor ?? 10);
    const minMs = Number(ctx.options.slowMinMs ?? 2000);
    for (const t of distinctTargets(ctx.targets)) {
      const op = payloadOperation(t);
      if (!op || ctx.signal.aborted) continue;
      const plain = () => ctx.call(t, { action: op.action, body: envelope(t.soapVersion, op, { value: UNIT }) });
      const bombed = () =>
        ctx.call(t, { action: op.action, body: envelope(t.soapVersion, op, { prolog: bomb.prolog, value: bomb.value }) });
      const base = await plain();
      const ex = await bombed();
      if (!ex?.response) continue;
      const data = { operation: op.name, levels: LEVELS, fanOut: FAN_OUT, copies: bomb.expanded };
      if (ex.response.body.includes(UNIT.repeat(100))) {
        ctx.report({ target: t, messageId: 'echoed', data, exchanges: [ex], key: op.name });
        continue;
      }
      const baseMs = base?.response?.timeMs;
      const slow = (ms: number, b: number) => ms > b * factor && ms > b + minMs;
      if (baseMs === undefined || !slow(ex.response.timeMs, baseMs)) continue;
      const again = await bombed();
      const base2 = await plain();
      if (!again?.response || !base2?.response || !slow(again.response.timeMs, base2.response.timeMs)) continue;
      ctx.report({
        target: t,
        messageId: 'slow',
        data: { ...data, bombMs: Math.round(again.response.timeMs), baselineMs: Math.round(base2.response.timeMs) },
        exchanges: [again, base2],
        key: op.name,
        confidence: 'medium',
      });
    }
  },
});

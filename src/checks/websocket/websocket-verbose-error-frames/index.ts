import type { ProbeResponse } from '../../../engines/probe/types.ts';
import { defineWsProbeCheck } from '../../../engines/websocket/types.ts';
import { readableText } from '../../probe/_inject/compare.ts';
import { findLeak } from '../../probe/_inject/errors.ts';

/** Frames every socket API must refuse: JSON cut short, an unknown message type, bytes that are not text. */
const MALFORMED: (string | Buffer)[] = ['{"rampart": ', '{"type":"rampart-unknown-type"}', Buffer.from([0xff, 0x00, 0xfe, 0x13])];

const WHAT = { 'debug page': 'a framework debug page', 'stack trace': 'a stack trace', 'database error': 'a database error' } as const;

export default defineWsProbeCheck({
  id: 'websocket-verbose-error-frames',
  title: 'WebSocket error frames leak internals',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-209'],
  messages: {
    leak: 'The socket answered {{trigger}} with {{what}} ({{source}}: "{{excerpt}}"): error frames map the server\'s code for an attacker. Send a generic error and log the details on the server.',
  },
  docs: {
    description:
      'On a connection the endpoint accepts, sends malformed frames (JSON cut short, an unknown message type, a binary frame of random bytes) and reports answers or close reasons that hold a stack trace (Node.js, Java, Python, .NET, PHP, Ruby, Go), a framework debug page or a database error, with the same detectors as the HTTP verbose-errors check.',
    attack:
      'A stack trace gives file paths, function names, library versions and sometimes queries and values: the attacker learns which exploits to try and where input lands, and keeps sending malformed frames to map the code at socket speed.',
    fix: 'Catch errors in the message handler, answer with a generic error frame (`{"error":"bad request"}`, or close with 1003/1007/1008) and log the details on the server with a correlation id.',
  },
  async run(ctx) {
    let s = await ctx.connectAccepted();
    for (const frame of MALFORMED) {
      if (!s?.open) s = await ctx.connectAccepted();
      if (!s) {
        ctx.note('no identity (nor an anonymous client) could open the socket: error frames were not tested');
        return;
      }
      const before = s.frames.length;
      if (!s.send(frame)) return;
      const answers = await s.receive(ctx.replyMs, before);
      await s.waitClose(50);
      const texts = [...answers.map((f) => f.data), s.closed?.reason ?? ''];
      for (const text of texts) {
        const leak = findLeak(readableText({ body: text } as ProbeResponse));
        if (!leak) continue;
        const trigger =
          typeof frame === 'string'
            ? frame.startsWith('{"rampart')
              ? 'a malformed JSON frame'
              : 'an unknown message type'
            : 'a binary frame';
        ctx.report({
          messageId: 'leak',
          severity: leak.kind === 'debug page' ? 'high' : undefined,
          data: { trigger, what: WHAT[leak.kind], source: leak.source, excerpt: leak.excerpt },
          sessions: [s],
          fingerprintKey: leak.kind,
        });
        return;
      }
    }
  },
});

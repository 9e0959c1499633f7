import { defineWsProbeCheck } from '../../../engines/websocket/types.ts';

/** Largest frame the check will send, whatever the options say. */
const MAX_BYTES = 16 * 1024 * 1024;

export default defineWsProbeCheck({
  id: 'websocket-oversized-message-accepted',
  title: 'WebSocket accepts oversized messages',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API4:2023'],
  cwe: ['CWE-770'],
  phase: 'last',
  defaultOptions: { bytes: 2 * 1024 * 1024 },
  messages: {
    accepted:
      'The socket took a single {{size}} frame without closing the connection (1009 Message Too Big){{answered}}: nothing bounds what one client makes the server buffer and parse.',
  },
  docs: {
    description:
      'On a connection the endpoint accepts (the first identity it lets in, else anonymous), sends one text frame of `bytes` (default 2 MiB, at most 16 MiB): a JSON object `{"type":"ping","rampart_pad":"…"}`. Reports when the connection is still open after the wait; a close (1009 or any other) or a dropped connection is the expected answer.',
    attack:
      'WebSocket libraries default to huge frame limits (100 MiB in ws): a handful of clients sending maximal frames makes the server allocate, decode and JSON-parse gigabytes, exhausting memory and the event loop for every other user (unrestricted resource consumption).',
    fix: 'Set the frame and message limit to what the largest valid message needs (`maxPayload` in ws, `max_size` in Python websockets, `setMaxTextMessageSize` in Jakarta, `ReadLimit` in gorilla): the server then closes with 1009. Validate message schemas with length limits too.',
  },
  async run(ctx) {
    const bytes = Math.min(MAX_BYTES, Math.max(1024, Number(ctx.options.bytes) || 2 * 1024 * 1024));
    const s = await ctx.connectAccepted();
    if (!s) {
      ctx.note('no identity (nor an anonymous client) could open the socket: oversized messages were not tested');
      return;
    }
    const head = '{"type":"ping","rampart_pad":"';
    s.send(`${head}${'a'.repeat(Math.max(0, bytes - head.length - 2))}"}`);
    if (await s.waitClose(ctx.replyMs)) return;
    const answered = s.frames.some((f) => f.dir === 'received');
    const size = bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
    ctx.report({ messageId: 'accepted', data: { size, answered: answered ? ' and answered it' : '' }, sessions: [s] });
  },
});

import { defineWsProbeCheck } from '../../../engines/websocket/types.ts';

/** Most messages one flood sends, whatever the options say. */
const MAX_COUNT = 5000;
/** Fewest messages that make a flood worth judging. */
const MIN_COUNT = 50;
const THROTTLED = /rate.?limit|too many|slow down|throttl|flood/i;

export default defineWsProbeCheck({
  id: 'websocket-message-flood-accepted',
  title: 'WebSocket accepts message floods',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API4:2023'],
  cwe: ['CWE-770', 'CWE-799'],
  phase: 'last',
  defaultOptions: { message: '{"type":"ping"}', count: 500, windowMs: 1000 },
  messages: {
    flood:
      'The socket took {{count}} messages in {{ms}} ms from one connection without closing it (1008 Policy Violation) or answering with a throttling error{{replies}}: one client can make the server do unbounded work.',
  },
  docs: {
    description:
      "On a connection the endpoint accepts, sends `count` copies of the probe message (default 500, within the run's budget) spread over `windowMs` (default 1 s), then waits. Reports when the connection stays open and no answer mentions a rate limit (rate limit, too many, slow down, throttled).",
    attack:
      'HTTP rate limits rarely apply inside an open socket: one connection can send thousands of messages a second, each one a database query, a broadcast to every subscriber or a brute-force attempt, exhausting the server and multiplying its cost (unrestricted resource consumption, brute force inside the socket).',
    fix: 'Rate-limit per connection and per user inside the socket (a token bucket on messages), close abusive connections with 1008 Policy Violation, cap concurrent connections per user, and apply the same business limits (login attempts, messages per minute) as the HTTP API.',
  },
  async run(ctx) {
    const wanted = Math.min(MAX_COUNT, Math.max(MIN_COUNT, Number(ctx.options.count) || 500));
    const count = Math.min(wanted, ctx.remaining() - 1);
    if (count < MIN_COUNT) {
      ctx.note(`the request budget leaves ${ctx.remaining()} messages: a flood of ${wanted} was not sent`);
      return;
    }
    const windowMs = Math.min(10_000, Math.max(100, Number(ctx.options.windowMs) || 1000));
    const message = typeof ctx.options.message === 'string' ? ctx.options.message : '{"type":"ping"}';
    const s = await ctx.connectAccepted();
    if (!s) {
      ctx.note('no identity (nor an anonymous client) could open the socket: message floods were not tested');
      return;
    }
    const batches = 10;
    const start = Date.now();
    let sent = 0;
    for (let b = 0; b < batches && s.open; b++) {
      for (let i = 0; i < Math.ceil(count / batches) && sent < count; i++) if (s.send(message)) sent++;
      await new Promise((r) => setTimeout(r, windowMs / batches));
    }
    const ms = Date.now() - start;
    if (await s.waitClose(ctx.replyMs)) return;
    const received = s.frames.filter((f) => f.dir === 'received');
    if (received.some((f) => THROTTLED.test(f.data)) || sent < count) return;
    ctx.report({
      messageId: 'flood',
      data: { count: sent, ms, replies: received.length ? ' and kept answering' : '' },
      sessions: [s],
    });
  },
});

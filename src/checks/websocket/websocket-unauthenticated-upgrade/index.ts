import { defineWsProbeCheck } from '../../../engines/websocket/types.ts';
import { firstReply } from '../_shared/frames.ts';

export default defineWsProbeCheck({
  id: 'websocket-unauthenticated-upgrade',
  title: 'WebSocket serves data without authentication',
  severity: 'high',
  confidence: 'medium',
  owasp: ['API2:2023'],
  cwe: ['CWE-306'],
  defaultOptions: { message: '{"type":"ping"}' },
  messages: {
    open: 'The socket at {{url}} accepted an upgrade without any credentials and answered the probe message with data ({{reply}}): anyone can connect and use it.',
  },
  docs: {
    description:
      'Connects with no cookie, header or token (with the endpoint\'s own Origin), sends the probe message (option `message`, default `{"type":"ping"}`) and reports when the upgrade is accepted (101) and a message comes back that is not a refusal (unauthorized, forbidden, login required...).',
    attack:
      "Authorization that only happens in the web page around the socket is no authorization: an attacker connects directly with websocat or a script, subscribes to other users' events, sends commands, and scrapes everything the socket serves.",
    fix: 'Authenticate the HTTP upgrade itself (cookie + Origin check, a bearer header from non-browser clients, or a short-lived ticket) and refuse it with 401/403 before the socket opens; re-check authorization per message for actions on objects.',
  },
  async run(ctx) {
    const s = await ctx.connect({ as: null });
    if (s.upgrade.status !== 101) return;
    const data = await ctx.exchange(s);
    if (!data.length) return;
    ctx.report({ messageId: 'open', data: { url: ctx.target.href, reply: firstReply(data) }, sessions: [s] });
  },
});

import { defineDesignCheck } from '../../../engines/design/types.ts';
import { opLabel } from '../_shared/operations.ts';
import { asksForCaptcha, basicSchemeNames, classifyFlow } from '../_shared/resp-flows.ts';
import { documentsRateLimit } from '../_shared/resp-ratelimit.ts';

export default defineDesignCheck({
  id: 'business-flow-without-anti-automation',
  title: 'Sensitive business flow without documented anti-automation',
  severity: 'medium',
  confidence: 'medium',
  owasp: ['API6:2023', 'API2:2023', 'API4:2023'],
  cwe: ['CWE-799', 'CWE-307'],
  messages: {
    credential:
      '{{op}} is a sensitive flow ({{flow}}, recognised from "{{words}}") but documents no 429 response and no rate-limit headers: nothing in the contract stops an attacker from trying passwords, codes or tokens at full speed.',
    flow: '{{op}} is a sensitive flow ({{flow}}, recognised from "{{words}}") but documents no 429 response and no rate-limit headers: nothing in the contract stops a bot from running it in bulk.',
  },
  docs: {
    description:
      "Recognises sensitive business flows from the operation's path, operationId and summary (login and session creation, token issuance, one-time codes, 2FA and codes sent by e-mail, SMS or phone, password reset and change, sign-up, purchase, payment and money transfer, coupon redemption, invitations, comment and review posting) and flags those that document neither a 429 response nor rate-limit headers (RateLimit, RateLimit-Policy, X-RateLimit-*, Retry-After), and ask for no CAPTCHA. A flow word counts only where it names the action (the head of the last path segment, the leading verb of the operationId or summary), so `/login_links`, `/payment_methods` or `POST /coupons` are not flows. Credential flows (login, token, OTP, password reset) are high severity; the others medium.",
    attack:
      'Automation turns a legitimate flow into an attack: credential stuffing and password spraying against login and token endpoints, brute force of 6-digit OTP and password-reset codes (a million guesses), mass fake sign-ups, scalping of limited stock, card testing through payment endpoints, coupon-code enumeration, invitation and comment spam. OWASP API6 (Unrestricted Access to Sensitive Business Flows) and API2 (brute force) start with an endpoint that accepts unlimited attempts.',
    fix: 'Rate limit the flow per account, per client and per IP (stricter than the rest of the API), lock out or slow down after repeated failures, and add device fingerprinting or a CAPTCHA where humans are expected. Document it in the definition: a 429 response with a Retry-After header, and RateLimit / RateLimit-Policy headers on the success response, so clients and reviewers see the limit.',
  },
  create(ctx) {
    const basic = basicSchemeNames(ctx.api.securitySchemes);
    return {
      operation(op) {
        const flow = classifyFlow(op, basic);
        if (!flow || documentsRateLimit(op) || asksForCaptcha(op, ctx.api.set)) return;
        ctx.report({
          node: op.ref,
          messageId: flow.severity === 'high' ? 'credential' : 'flow',
          data: { op: opLabel(op), flow: flow.label, words: [...new Set(flow.words)].join(', ') },
          severity: flow.severity,
        });
      },
    };
  },
});

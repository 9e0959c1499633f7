/**
 * Sensitive business flows (OWASP API6) recognised from an operation's path, operationId and summary.
 *
 * The vocabulary is deliberately narrow: a flow word counts only where it names what the operation *does*:
 * - the head of the last literal path segment (`/auth/login`, `/payment_intents` → payment, past
 *   modifiers such as intents/sessions/requests), a leading verb of that segment (`/forgot-password`,
 *   `/redeem_coupon`), or the head of the segment before it when the last one is generic (`/otp/verify`,
 *   `/checkout/sessions`);
 * - the leading verb of the operationId, after any HTTP method prefix (`loginUser`, `buyMuseumTickets`), or
 *   its head noun (`placeOrder`, `PostPaymentIntents`);
 * - the leading verb of the summary (`Buy museum tickets`, `Log in`).
 * So `/login_links`, `/payment_methods`, `/coupons` (creating a coupon is admin work, not redeeming one)
 * and `/files/upload_sessions` are not flows. Operations that end in a path parameter (`POST /orders/{id}`)
 * update an existing resource and are not flows either, except for credential checks.
 * Verifying a code sent by e-mail, SMS or phone (`/email/verify`, `/verify-code`) counts as an OTP check.
 * Weak words need context: a `token` endpoint is token issuance only under an auth path (`/oauth2/token`)
 * or at the root of an API callable without credentials or with HTTP Basic client credentials; a
 * `session` is a login only at the root or under an auth/user path; `register` is a sign-up only there too.
 */
import type { Operation } from '../../../formats/openapi/model.ts';
import type { DocumentSet, NodeRef } from '../../../formats/openapi/refs.ts';
import { isObj } from './nodes.ts';
import { pathSegments } from './resp-words.ts';
import { words } from './words.ts';

export type FlowKind =
  | 'login'
  | 'token'
  | 'otp'
  | 'password-reset'
  | 'password-change'
  | 'signup'
  | 'purchase'
  | 'coupon'
  | 'invite'
  | 'posting';

export interface Flow {
  kind: FlowKind;
  /** In API-developer words, e.g. "login (credential check)". */
  label: string;
  severity: 'high' | 'medium';
  /** The words that identified the flow, for the message. */
  words: string[];
}

const LABELS: Record<FlowKind, [string, 'high' | 'medium']> = {
  login: ['login, a credential check', 'high'],
  token: ['token issuance, a credential check', 'high'],
  otp: ['one-time code / 2FA verification', 'high'],
  'password-reset': ['password reset', 'high'],
  'password-change': ['password change', 'medium'],
  signup: ['sign-up (account creation)', 'medium'],
  purchase: ['purchase, payment or money transfer', 'medium'],
  coupon: ['coupon or voucher redemption', 'medium'],
  invite: ['invitation', 'medium'],
  posting: ['comment or review posting', 'medium'],
};

const set = (...w: string[]) => new Set(w);

const LOGIN = set('login', 'logon', 'signin', 'authenticate', 'authentication');
/** Verifying one of these is checking a short code sent to the user (brute-forceable like an OTP). */
const CODE_CHANNELS = set('code', 'codes', 'pin', 'sms', 'phone', 'email', 'mobile');
const VERIFY = set('verify', 'verification', 'confirm', 'confirmation', 'validate', 'check');
const OTP = set('otp', 'totp', 'hotp', '2fa', 'mfa', 'tfa', 'twofactor', 'multifactor', 'onetime', 'passcode', '2sv');
const PASSWORD = set('password', 'passwords', 'passwd', 'pwd', 'passphrase');
const FORGOT = set('forgot', 'forgotten');
const RESET = set('reset', 'recover', 'recovery', 'lost', 'restore', 'forgot', 'forgotten');
const SIGNUP = set('signup', 'register', 'registration', 'enroll', 'enrol', 'enrollment');
const SIGNUP_STRONG = set('signup');
const PURCHASE = set(
  'checkout',
  'purchase',
  'purchases',
  'buy',
  'pay',
  'payment',
  'payments',
  'order',
  'orders',
  'charge',
  'charges',
  'booking',
  'bookings',
  'reservation',
  'reservations',
  'donate',
  'donation',
  'donations',
  'transfer',
  'transfers',
  'payout',
  'payouts',
  'withdraw',
  'withdrawal',
  'withdrawals',
);
const COUPON_NOUN = set('coupon', 'coupons', 'voucher', 'vouchers', 'promo', 'promocode', 'promotion', 'giftcard', 'discount', 'discounts');
const COUPON_VERB = set('apply', 'redeem', 'validate', 'check', 'claim', 'use');
const REDEEM = set('redeem', 'redemption', 'redemptions');
const INVITE = set('invite', 'invites', 'invitation', 'invitations');
const POSTING = set('comment', 'comments', 'review', 'reviews');
const TOKEN = set('token', 'tokens');
const SESSION = set('session', 'sessions');
const ACCOUNT_NOUN = set('user', 'users', 'account', 'accounts', 'member', 'members', 'customer', 'customers');
/** Path words that put `token`, `session` or `register` in an authentication context. */
const AUTH_CONTEXT = set('auth', 'authentication', 'oauth', 'oauth2', 'openid', 'oidc', 'connect', 'sso', 'iam', 'login', 'identity');
/** Heads that qualify the word before them: `payment_intents` is about a payment. */
const MODIFIERS = set('intent', 'intents', 'request', 'requests', 'session', 'sessions', 'attempt', 'attempts', 'code', 'codes');
/** Verbs that may lead a path segment, operationId or summary and name the action. */
const VERBS = set(
  'forgot',
  'reset',
  'recover',
  'verify',
  'validate',
  'confirm',
  'check',
  'redeem',
  'apply',
  'claim',
  'buy',
  'purchase',
  'pay',
  'checkout',
  'invite',
  'register',
  'signup',
  'signin',
  'authenticate',
  'enroll',
  'book',
  'reserve',
  'donate',
  'withdraw',
);
/**
 * Verbs that lead an operationId or summary. `login` counts here (`loginUser`) but not at the start of a
 * path segment, where it is a noun (`/login_links`); `checkout` is left out, as generated operationIds
 * start with the resource (`PostCheckoutSessionsSessionExpire`).
 */
const LEAD_VERBS = set(...[...VERBS].filter((v) => v !== 'checkout'), 'login', 'logon');
/** Leading verbs that undo or inspect a flow rather than run it: `/refund_payment`, `Cancel an order`. */
const UNDO = set(
  'refund',
  'cancel',
  'void',
  'expire',
  'list',
  'search',
  'get',
  'retrieve',
  'update',
  'delete',
  'remove',
  'fail',
  'return',
  'detach',
  'capture',
);
const METHOD_WORDS = set('get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace');
const GENERIC = set(
  ...MODIFIERS,
  'verify',
  'verification',
  'validate',
  'confirm',
  'confirmation',
  'check',
  'reset',
  'apply',
  'redeem',
  'send',
  'resend',
  'new',
  'start',
  'complete',
  'submit',
  'challenge',
);
const CAPTCHA = set('captcha', 'recaptcha', 'hcaptcha', 'turnstile', 'pow');

/** Adjacent word pairs read as one word, in place: sign in → signin, two factor → twofactor. */
function joinPairs(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const a = words[i];
    const b = words[i + 1];
    let joined: string | undefined;
    if ((a === 'sign' || a === 'log') && (b === 'in' || b === 'on')) joined = a === 'sign' ? 'signin' : 'login';
    else if (a === 'sign' && b === 'up') joined = 'signup';
    else if ((a === 'two' || a === '2') && (b === 'factor' || b === 'step')) joined = 'twofactor';
    else if (a === 'multi' && b === 'factor') joined = 'multifactor';
    else if (a === 'one' && b === 'time') joined = 'onetime';
    else if (a === 'gift' && (b === 'card' || b === 'cards')) joined = 'giftcard';
    else if (a === 'promo' && (b === 'code' || b === 'codes')) joined = 'promocode';
    if (joined) {
      out.push(joined);
      i++;
    } else out.push(a);
  }
  return out;
}

/** The head of a phrase: its last word, skipping qualifiers (`payment intents` → payment). */
function head(words: string[]): string | undefined {
  for (let i = words.length - 1; i >= 0; i--) if (!MODIFIERS.has(words[i])) return words[i];
  return undefined;
}

function isBareHead(words: string[]): boolean {
  return words.every((w) => MODIFIERS.has(w) || GENERIC.has(w));
}

interface Signals {
  /** Words that name the action (heads and leading verbs). */
  keys: Set<string>;
  /** Words of the last literal path segment. */
  tail: string[];
  /** Head of the segment before the last literal one (undefined when none, '{}' when a parameter). */
  prevHead?: string;
  /** Every literal path word. */
  pathWords: Set<string>;
  endsWithParam: boolean;
  /** The path segment or summary starts with a verb that undoes or inspects a flow. */
  undo: boolean;
}

function signals(op: Operation): Signals {
  const segs = pathSegments(op.path);
  const endsWithParam = segs.length > 0 && segs[segs.length - 1].param;
  // The last literal segment: for `/password/reset/{token}` it is `reset`.
  let ti = segs.length - 1;
  while (ti >= 0 && segs[ti].param) ti--;
  const tail = ti >= 0 ? joinPairs(segs[ti].words) : [];
  const prev = ti > 0 ? segs[ti - 1] : undefined;
  const prevHead = prev ? (prev.param ? '{}' : head(joinPairs(prev.words))) : undefined;
  const keys = new Set<string>();
  let undo = tail.length > 0 && UNDO.has(tail[0]);
  const add = (w: string | undefined) => {
    if (w) keys.add(w);
  };
  if (tail.length) {
    add(head(tail));
    if (VERBS.has(tail[0])) add(tail[0]);
    if (isBareHead(tail) && prevHead && prevHead !== '{}') add(prevHead);
    // `/password/reset`: keep both words of a two-word action.
    if (prevHead && prevHead !== '{}' && (PASSWORD.has(prevHead) || OTP.has(prevHead) || COUPON_NOUN.has(prevHead))) add(prevHead);
  }
  if (op.operationId) {
    let w = words(op.operationId);
    if (w.length > 1 && METHOD_WORDS.has(w[0])) w = w.slice(1);
    w = joinPairs(w);
    if (LEAD_VERBS.has(w[0])) add(w[0]);
    add(head(w));
  }
  if (op.summary) {
    const w = joinPairs(words(op.summary).slice(0, 3));
    if (LEAD_VERBS.has(w[0])) add(w[0]);
    if (UNDO.has(w[0])) undo = true;
  }
  const pathWords = new Set<string>();
  for (const s of segs) for (const x of s.words) pathWords.add(x);
  return { keys, tail, prevHead, pathWords, endsWithParam, undo };
}

const any = (keys: Set<string>, vocab: Set<string>): string[] => [...keys].filter((k) => vocab.has(k));

/** Callable without credentials (explicitly), or only with HTTP Basic (client id + secret). */
function anonymousOrBasic(op: Operation, basicSchemes: Set<string>): boolean {
  if (!op.security) return true;
  if (op.security.length === 0) return true;
  if (op.security.some((r) => r.schemes.length === 0)) return true;
  return op.security.every((r) => r.schemes.every((s) => basicSchemes.has(s.name)));
}

/** Explicitly anonymous: security is declared in the definition and this operation waives it. */
function explicitlyAnonymous(op: Operation): boolean {
  return !!op.security && (op.security.length === 0 || op.security.some((r) => r.schemes.length === 0));
}

/**
 * The sensitive business flow an operation implements, if any. `basicSchemes` holds the names of the
 * HTTP Basic security schemes (client-credential style token endpoints use them).
 */
export function classifyFlow(op: Operation, basicSchemes: Set<string> = new Set()): Flow | undefined {
  if (op.kind !== 'path') return undefined;
  const m = op.method;
  const write = m === 'post' || m === 'put' || m === 'patch';
  if (!write && m !== 'get') return undefined;
  const s = signals(op);
  const k = s.keys;
  const mk = (kind: FlowKind, words: string[]): Flow => ({ kind, label: LABELS[kind][0], severity: LABELS[kind][1], words });
  const rootish = s.prevHead === undefined || (s.prevHead !== '{}' && AUTH_CONTEXT.has(s.prevHead));
  const authPath = [...s.pathWords].some((w) => AUTH_CONTEXT.has(w));

  const login = any(k, LOGIN);
  if (login.length) return mk('login', login);
  if (!write) return undefined;

  const otp = any(k, OTP);
  if (otp.length) return mk('otp', otp);
  const verify = any(k, VERIFY);
  const channel = [...new Set([...s.tail, ...(s.prevHead ? [s.prevHead] : [])])].filter((w) => CODE_CHANNELS.has(w));
  if (verify.length && channel.length) return mk('otp', [...verify, ...channel]);
  const pw = any(k, PASSWORD);
  const reset = any(k, RESET);
  const forgot = any(k, FORGOT);
  if (forgot.length || (pw.length && reset.length)) return mk('password-reset', [...pw, ...reset]);
  if (pw.length && s.tail.length && PASSWORD.has(head(s.tail) ?? '')) return mk('password-change', pw);

  const tailHead = head(s.tail);
  const onlySession = s.tail.length > 0 && s.tail.every((w) => SESSION.has(w) || AUTH_CONTEXT.has(w));
  if (m === 'post' && onlySession && !s.endsWithParam && rootish) return mk('login', ['session']);
  if (m === 'post' && tailHead && TOKEN.has(tailHead) && (authPath || (s.prevHead === undefined && anonymousOrBasic(op, basicSchemes))))
    return mk('token', [tailHead]);

  const signup = any(k, SIGNUP);
  if (
    any(k, SIGNUP_STRONG).length ||
    (signup.length && (rootish || explicitlyAnonymous(op) || (s.prevHead && ACCOUNT_NOUN.has(s.prevHead))))
  )
    return mk('signup', signup);
  if (m === 'post' && !s.endsWithParam && tailHead && ACCOUNT_NOUN.has(tailHead) && s.prevHead === undefined && explicitlyAnonymous(op))
    return mk('signup', [`${tailHead}, callable without credentials`]);

  if (s.endsWithParam || s.undo) return undefined;
  const redeem = any(k, REDEEM);
  const coupon = any(k, COUPON_NOUN);
  const couponVerb = any(k, COUPON_VERB);
  if (redeem.length || (coupon.length && couponVerb.length)) return mk('coupon', [...coupon, ...couponVerb, ...redeem]);
  const purchase = any(k, PURCHASE);
  if (purchase.length) return mk('purchase', purchase);
  const invite = any(k, INVITE);
  if (invite.length && m === 'post') return mk('invite', invite);
  if (m === 'post' && tailHead && POSTING.has(tailHead)) return mk('posting', [tailHead]);
  return undefined;
}

/**
 * The operation asks for a CAPTCHA or proof-of-work token (a parameter, or a top-level request body
 * property named captcha, recaptcha, hcaptcha, turnstile...): anti-automation is part of its contract.
 */
export function asksForCaptcha(op: Operation, set: DocumentSet): boolean {
  const named = (name: string) => words(name).some((w) => CAPTCHA.has(w) || w.endsWith('captcha'));
  for (const p of op.parameters) if (named(p.name)) return true;
  for (const mt of op.requestBody?.content ?? []) {
    const roots: (NodeRef | undefined)[] = [mt.schema];
    for (let i = 0; i < roots.length && i < 16; i++) {
      const s = set.resolve<Record<string, unknown>>(roots[i]);
      if (!s || !isObj(s.value)) continue;
      const props = s.value.properties;
      if (isObj(props) && Object.keys(props).some(named)) return true;
      for (const k of ['allOf', 'oneOf', 'anyOf'] as const) {
        const list = s.value[k];
        if (!Array.isArray(list)) continue;
        for (let j = 0; j < list.length; j++) roots.push({ doc: s.doc, pointer: `${s.pointer}/${k}/${j}`, value: list[j] });
      }
    }
  }
  return false;
}

/** Names of the HTTP Basic security schemes of a definition. */
export function basicSchemeNames(schemes: Map<string, { type: string; scheme?: string }>): Set<string> {
  const out = new Set<string>();
  for (const [name, s] of schemes) if (s.type === 'http' && s.scheme === 'basic') out.add(name);
  return out;
}

import type { Finding } from '../core/index.ts';
import { parseHttpText } from './shared.ts';

/**
 * Rules whose flaw is that the request succeeds: another user's object, an admin function, a forged,
 * expired or random token, a debug or retired endpoint, a NoSQL operator in place of a password. Fixed,
 * the same request is refused.
 */
const SUCCESS_IS_THE_FLAW = new Set([
  'bola',
  'bfla',
  'auth-not-enforced',
  'auth-invalid-token-accepted',
  'jwt-alg-none',
  'jwt-alg-confusion',
  'jwt-signature-not-verified',
  'jwt-expiry-not-enforced',
  'debug-endpoint-answers',
  'old-version-still-served',
  'nosql-injection',
]);

const js = (v: unknown) => JSON.stringify(v);

/**
 * Postman test script lines that fail while the finding's flaw is still there, for the flaws one answer
 * can show; none for the rest (rate limits need many requests, a weak JWT secret is not in the answer).
 */
export function flawTests(f: Finding, method: string, headers: { key: string; value: string }[]): string[] {
  const seen = f.evidence?.response ? Number(/^HTTP\/[\d.]+ (\d{3})/.exec(parseHttpText(f.evidence.response).startLine)?.[1]) : NaN;
  const test = (name: string, ...body: string[]) => [`pm.test(${js(name)}, function () {`, ...body.map((l) => `  ${l}`), '});'];
  const header = (name: string) => headers.find((h) => h.key.toLowerCase() === name)?.value;

  if (SUCCESS_IS_THE_FLAW.has(f.ruleId)) {
    // Replayed, a DELETE finds its object already gone: a 404 would pass without any fix.
    if (method.toUpperCase() === 'DELETE' || !(seen >= 200 && seen < 300)) return [];
    return test(
      `${f.ruleId}: the API refuses this request (it answered ${seen} when Rampart found the flaw)`,
      `pm.expect(pm.response.code, ${js(`${f.ruleId} is still there: the request succeeds`)}).to.not.be.within(200, 299);`,
    );
  }
  switch (f.ruleId) {
    case 'sql-injection':
      if (!(seen >= 500)) return [];
      return test(
        'sql-injection: the quote in the input no longer breaks the query',
        `pm.expect(pm.response.code, ${js('the input still breaks the SQL query (5xx)')}).to.be.below(500);`,
      );
    case 'reflected-xss': {
      const marker = /<rmp[0-9a-f]{6,}>/i.exec(f.message)?.[0];
      if (!marker) return [];
      return test(
        'reflected-xss: the input comes back escaped',
        `pm.expect(pm.response.text(), ${js('the input is still written into the page unescaped')}).to.not.include(${js(marker)});`,
      );
    }
    case 'cors-misconfiguration': {
      const origin = header('origin');
      if (!origin) return [];
      return test(
        'cors-misconfiguration: a foreign Origin is not allowed',
        `pm.expect(pm.response.headers.get('Access-Control-Allow-Origin') || '', ${js(`Origin ${origin} is still allowed`)}).to.not.equal(${js(origin)});`,
      );
    }
    case 'cache-control-missing':
      return test(
        'cache-control-missing: the answer may not be stored',
        `pm.expect(pm.response.headers.get('Cache-Control') || '', ${js('no "Cache-Control: no-store"')}).to.include('no-store');`,
      );
    case 'security-headers-missing': {
      const name = /\black (?:an? )?"([A-Za-z-]+)/.exec(f.message)?.[1];
      if (!name) return [];
      return test(
        `security-headers-missing: ${name} is sent`,
        `pm.expect(pm.response.headers.has(${js(name)}), ${js(`no ${name} header`)}).to.equal(true);`,
      );
    }
    case 'version-disclosure': {
      const name = /"([A-Za-z-]+): [^"]*\d/.exec(f.message)?.[1];
      if (!name) return [];
      return test(
        `version-disclosure: ${name} names no version`,
        `pm.expect(pm.response.headers.get(${js(name)}) || '', ${js(`${name} still names a version`)}).to.not.match(/\\d+\\.\\d+/);`,
      );
    }
    default:
      return [];
  }
}

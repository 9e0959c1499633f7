/**
 * OWASP API Security Top 10 (2023). Injection and logging have no 2023 category of their own;
 * checks map them to the closest category and carry the CWE (see DESIGN.md).
 */
export const OWASP_API_2023 = {
  'API1:2023': { name: 'Broken Object Level Authorization', short: 'BOLA' },
  'API2:2023': { name: 'Broken Authentication', short: 'Broken auth' },
  'API3:2023': { name: 'Broken Object Property Level Authorization', short: 'Property authz' },
  'API4:2023': { name: 'Unrestricted Resource Consumption', short: 'Resource consumption' },
  'API5:2023': { name: 'Broken Function Level Authorization', short: 'BFLA' },
  'API6:2023': { name: 'Unrestricted Access to Sensitive Business Flows', short: 'Business flows' },
  'API7:2023': { name: 'Server Side Request Forgery', short: 'SSRF' },
  'API8:2023': { name: 'Security Misconfiguration', short: 'Misconfiguration' },
  'API9:2023': { name: 'Improper Inventory Management', short: 'Inventory' },
  'API10:2023': { name: 'Unsafe Consumption of APIs', short: 'Unsafe consumption' },
} as const;

export type OwaspId = keyof typeof OWASP_API_2023;

export const OWASP_IDS = Object.keys(OWASP_API_2023) as OwaspId[];

export function isOwaspId(s: unknown): s is OwaspId {
  return typeof s === 'string' && s in OWASP_API_2023;
}

export function owaspUrl(id: OwaspId): string {
  const n = id.slice(3, id.indexOf(':'));
  const slug = OWASP_API_2023[id].name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `https://owasp.org/API-Security/editions/2023/en/0xa${n === '10' ? 'a' : n}-${slug}/`;
}

/** A CWE id such as `CWE-306`. */
export type CweId = `CWE-${number}`;

export function isCweId(s: unknown): s is CweId {
  return typeof s === 'string' && /^CWE-\d{1,5}$/.test(s);
}

export function cweUrl(id: CweId): string {
  return `https://cwe.mitre.org/data/definitions/${id.slice(4)}.html`;
}

import { sha256 } from '../../core/fingerprint.ts';

/**
 * What a report may show of a secret: a short prefix (more for long, structured tokens whose prefix
 * only names the kind), the length and a hash that lets teams match findings without the value.
 */
export function redact(secret: string): string {
  const shown = secret.length >= 32 ? 8 : secret.length >= 16 ? 4 : Math.min(2, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}… (${secret.length} chars, sha256:${sha256(secret).slice(0, 12)})`;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

import { visible, visibleLines } from './shared.ts';

/** The five characters HTML gives meaning to in text and quoted attributes (the Markdown reporter's HTML too). */
export const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and quoted attribute values alike. Findings quote attacker-supplied
 * strings (response bodies, paths, header values), so every string of a finding goes through here;
 * control and bidi characters become visible escapes first so nothing can reorder or hide what is shown.
 */
export function esc(s: string | number): string {
  return visible(String(s)).replace(/[&<>"']/g, (c) => ENTITY[c]);
}

/** Multi-line text for a `<pre>`: each line made visible and escaped, line breaks kept. */
export function escLines(s: string): string {
  return visibleLines(s)
    .map((l) => l.replace(/[&<>"']/g, (c) => ENTITY[c]))
    .join('\n');
}

/**
 * Check docs are ours, written in Markdown-ish prose: `code` spans become `<code>`, everything else is
 * escaped, so even a doc with a stray `<` stays text.
 */
export function prose(s: string): string {
  return s
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .split('`')
    .map((part, i) => (i % 2 ? `<code>${esc(part)}</code>` : esc(part)))
    .join('');
}

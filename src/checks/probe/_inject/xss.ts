/**
 * Reflected XSS data: a marker with the characters that matter in HTML (a quote to leave an attribute,
 * < to open an element) and an element of our own, `<rmp…>`, that no page contains and no browser knows:
 * seeing it unescaped in an HTML answer proves the caller controls the page's markup, without running
 * any script.
 */

export function xssPayload(original: string, tag: string): { value: string; element: string } {
  const element = `<${tag}>`;
  return { value: `${original}'"${element}`, element };
}

/** An answer a browser renders as HTML: an HTML media type, or none at all with a body that starts like markup. */
export function rendersAsHtml(headers: Record<string, string>, body: string): boolean {
  const type = (headers['content-type'] ?? '').toLowerCase();
  if (type) return /\bhtml\b|xhtml\+xml/.test(type);
  return (headers['x-content-type-options'] ?? '').toLowerCase() !== 'nosniff' && /^\s{0,64}</.test(body);
}

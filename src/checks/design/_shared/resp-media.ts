/**
 * Media type helpers for group D.
 */

/** `application/json; charset=utf-8` → `application/json`, lowercased. */
export function baseType(mediaType: string): string {
  const semi = mediaType.indexOf(';');
  return (semi >= 0 ? mediaType.slice(0, semi) : mediaType).trim().toLowerCase();
}

/**
 * Structured media types, whose content a schema can and should describe: JSON (and `+json`, ndjson),
 * XML (`+xml`), YAML, form data and multipart. Binary and free-text types (octet-stream, images, PDF,
 * text/plain, text/csv) are not: OpenAPI 3.1 explicitly lets them omit the schema.
 */
export function isStructured(mediaType: string): boolean {
  const t = baseType(mediaType);
  if (t.includes('*')) return false;
  return (
    t.includes('json') || t.includes('xml') || t.includes('yaml') || t === 'application/x-www-form-urlencoded' || t.startsWith('multipart/')
  );
}

/** `*\/*`, `application/*`: a media range rather than a media type. */
export function isWildcard(mediaType: string): boolean {
  return baseType(mediaType).includes('*');
}

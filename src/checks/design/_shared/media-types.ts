/**
 * Media type classification for the design checks: structured (a schema should describe it), file or
 * raw bytes (uploads), or a wildcard range.
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

/** Media types that carry files or raw bytes (as opposed to JSON, XML, text or url-encoded forms). */
export function isFileMediaType(mt: string | undefined): boolean {
  if (!mt) return false;
  const t = baseType(mt);
  if (t.startsWith('multipart/')) return true;
  if (t.startsWith('image/') || t.startsWith('audio/') || t.startsWith('video/') || t.startsWith('font/')) return true;
  if (t === 'application/octet-stream' || t === 'application/pdf' || t === 'application/zip' || t === '*/*') return true;
  return t.startsWith('application/vnd.') && !t.endsWith('+json') && !t.endsWith('+xml');
}

/** `*\/*`, `application/*`: a media range rather than a media type. */
export function isWildcard(mediaType: string): boolean {
  return baseType(mediaType).includes('*');
}

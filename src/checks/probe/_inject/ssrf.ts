/**
 * SSRF data: which parameters and fields look like they hold a URL the server will fetch. Only those get
 * the canary URL (a server Rampart runs on 127.0.0.1 for the run), so a probe never sends arbitrary
 * addresses anywhere.
 */

/** Words of a name that mean "a URL the server may fetch": callbackUrl, image_url, webhook, avatar... */
const URL_WORDS = new Set([
  'url',
  'uri',
  'link',
  'href',
  'callback',
  'webhook',
  'hook',
  'feed',
  'rss',
  'image',
  'img',
  'avatar',
  'icon',
  'logo',
  'photo',
  'picture',
  'thumbnail',
  'src',
  'proxy',
  'fetch',
  'endpoint',
  'website',
  'homepage',
  'remote',
  'import',
  'download',
]);

export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A URL-like name, or a value that already is an absolute http(s) URL. */
export function urlLike(name: string, value: string, schema?: Record<string, unknown>): boolean {
  if (/^https?:\/\//i.test(value)) return true;
  if (schema && ['uri', 'url', 'iri', 'uri-reference'].includes(String(schema.format))) return true;
  return words(name).some((w) => URL_WORDS.has(w));
}

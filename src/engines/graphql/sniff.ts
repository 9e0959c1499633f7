/** Which files are GraphQL schemas: cheap tests that load no GraphQL parser (every command lists languages). */
export const SDL_EXTENSIONS = ['graphql', 'gql', 'graphqls'];

/** An introspection result (`{"data":{"__schema":…}}` or `{"__schema":…}`) saved as JSON. */
export function looksLikeIntrospection(text: string): boolean {
  return /^\s*\{/.test(text) && text.slice(0, 4096).includes('"__schema"');
}

/** `schema.GraphQL` → `graphql`; '' without a dot. */
export function extensionOf(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? '' : file.slice(dot + 1).toLowerCase();
}

export function claimsGraphql(file: string, text: string): boolean {
  const ext = extensionOf(file);
  return SDL_EXTENSIONS.includes(ext) || (ext === 'json' && looksLikeIntrospection(text));
}

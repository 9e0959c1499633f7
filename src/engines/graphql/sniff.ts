/** Which files are GraphQL schemas: cheap tests that load no GraphQL parser (every command lists languages). */
export const SDL_EXTENSIONS = ['graphql', 'gql', 'graphqls'];

/** An introspection result (`{"data":{"__schema":…}}` or `{"__schema":…}`) saved as JSON. */
export function looksLikeIntrospection(text: string): boolean {
  return /^\s*\{/.test(text) && text.slice(0, 4096).includes('"__schema"');
}

export function claimsGraphql(file: string, text: string): boolean {
  const dot = file.lastIndexOf('.');
  const ext = dot < 0 ? '' : file.slice(dot + 1).toLowerCase();
  return SDL_EXTENSIONS.includes(ext) || (ext === 'json' && looksLikeIntrospection(text));
}

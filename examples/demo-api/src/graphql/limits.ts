import { type ASTVisitor, GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

/**
 * The hardened build's validation rules: bounded depth, aliases and directives per document. (The
 * vulnerable build has none of them: any depth, any number of aliases or directives.)
 */

export const MAX_DEPTH = 8;
export const MAX_ALIASES = 15;
export const MAX_DIRECTIVES = 10;

/** Depth of a selection set, following fragment spreads once each (cycles are another rule's error). */
function depthOf(ctx: ValidationContext, set: SelectionSetNode | undefined, seen: Set<string>): number {
  if (!set) return 0;
  let max = 0;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) max = Math.max(max, s.selectionSet ? 1 + depthOf(ctx, s.selectionSet, seen) : 1);
    else if (s.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depthOf(ctx, s.selectionSet, seen));
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      max = Math.max(max, depthOf(ctx, ctx.getFragment(s.name.value)?.selectionSet, seen));
    }
  }
  return max;
}

export const DepthLimitRule: ValidationRule = (ctx): ASTVisitor => ({
  OperationDefinition(op) {
    const depth = depthOf(ctx, op.selectionSet, new Set());
    if (depth > MAX_DEPTH) ctx.reportError(new GraphQLError(`Query depth ${depth} exceeds the maximum of ${MAX_DEPTH}.`, { nodes: [op] }));
  },
});

export const AliasLimitRule: ValidationRule = (ctx): ASTVisitor => {
  let aliases = 0;
  return {
    Field(node) {
      if (node.alias && ++aliases === MAX_ALIASES + 1)
        ctx.reportError(new GraphQLError(`More than ${MAX_ALIASES} aliases in one document.`, { nodes: [node] }));
    },
  };
};

export const DirectiveLimitRule: ValidationRule = (ctx): ASTVisitor => {
  let directives = 0;
  return {
    Directive(node) {
      if (++directives === MAX_DIRECTIVES + 1)
        ctx.reportError(new GraphQLError(`More than ${MAX_DIRECTIVES} directives in one document.`, { nodes: [node] }));
    },
  };
};

/**
 * Server-side template injection data: one arithmetic expression in the syntax of each family of
 * template engines. Evaluated, it prints a number the request does not contain; printed as text, it
 * stays an expression. The check confirms with other random factors.
 */

export interface TemplateSyntax {
  /** The syntax in words (messages never contain double braces: they read as unfilled placeholders). */
  syntax: string;
  /** The engines that read it, for messages. */
  engines: string;
  wrap(expr: string): string;
}

export const TEMPLATE_SYNTAXES: TemplateSyntax[] = [
  // Jinja2, Twig, Nunjucks, Liquid-like, Handlebars helpers, Go templates' cousins, hand-made {{ }} evaluators.
  { syntax: 'double-brace', engines: 'Jinja2, Twig, Nunjucks and similar', wrap: (e) => `{{${e}}}` },
  // JavaScript template literals, Freemarker, Velocity-like and JSP EL.
  { syntax: 'dollar-brace', engines: 'JavaScript template literals, Freemarker, JSP EL', wrap: (e) => `\${${e}}` },
  // ERB, EJS, ASP-style tags.
  { syntax: '<%= %>', engines: 'ERB, EJS', wrap: (e) => `<%= ${e} %>` },
  // Ruby string interpolation, Pug, Thymeleaf expressions.
  { syntax: 'hash-brace', engines: 'Ruby interpolation, Pug, Thymeleaf', wrap: (e) => `#{${e}}` },
];

/** The first probe: 1337*1337 = 1787569. */
export const FIRST_FACTORS: [number, number] = [1337, 1337];

/**
 * The product as it may be printed: plain, or with thousands separators (Freemarker prints 1,787,569).
 * Linear: digits and optional single separators only.
 */
export function productPattern(a: number, b: number): RegExp {
  const digits = String(a * b);
  const groups: string[] = [];
  for (let i = digits.length; i > 0; i -= 3) groups.unshift(digits.slice(Math.max(0, i - 3), i));
  return new RegExp(`(?<![\\d.,])${groups.join('[,.\\u00a0 ]?')}(?![\\d])`);
}

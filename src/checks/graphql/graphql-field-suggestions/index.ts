import { errorText, parse } from '../../../engines/graphql/session.ts';
import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import { reportOn } from '../_shared/probe.ts';

/** Misspellings of field names most APIs have, for when introspection is off. */
const GUESSES = ['userz', 'usersz', 'productz', 'ordez', 'accountz', 'itemz', 'customerz', 'nodez', 'viewe', 'searh'];

export default defineGraphqlProbeCheck({
  id: 'graphql-field-suggestions',
  title: 'GraphQL errors suggest field names ("Did you mean …?")',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API8:2023'],
  cwe: ['CWE-209', 'CWE-200'],
  messages: {
    hidden:
      'Introspection is off, but a misspelled field gets "Did you mean …?" in the error ({{excerpt}}): tools such as Clairvoyance rebuild the whole schema from these suggestions. Hide suggestions in production.',
    open: 'A misspelled field gets "Did you mean …?" in the error ({{excerpt}}). Introspection is on anyway; once it is turned off, hide suggestions too or the schema still leaks.',
  },
  docs: {
    description:
      'Sends a query with misspelled field names (built from the schema when introspection answers, common names otherwise) and reports when the errors suggest real field names. Medium when introspection is off (the suggestions are then the leak), low when it is on.',
    attack:
      'graphql-js and most servers answer an unknown field with "Did you mean …?" and the closest real names. Tools such as Clairvoyance send word lists and rebuild the complete schema from the suggestions, hidden admin fields included, even when introspection is disabled.',
    fix: 'Hide suggestions in production: graphql-js 17 `hideSuggestions: true` in validate/execute, Apollo Server `hideSchemaDetailsFromClientErrors: true`, GraphQL Yoga/Envelop `blockFieldSuggestions` plugin.',
  },
  async run(ctx) {
    const got = await ctx.gql.schema(ctx);
    const real = Object.keys(got?.schema.getQueryType()?.getFields() ?? {}).filter((n) => n.length >= 4);
    const names = real.length ? real.slice(0, 3).map((n) => `${n}z`) : GUESSES;
    const ex = await ctx.gql.post(ctx, `query { ${names.join(' ')} }`, null);
    const text = errorText(parse(ex));
    const at = text.indexOf('Did you mean');
    if (at < 0) return;
    const excerpt = text.slice(Math.max(0, text.lastIndexOf('Cannot query', at)), at + 60).split(' | ')[0];
    reportOn(ctx, {
      messageId: got ? 'open' : 'hidden',
      severity: got ? 'low' : undefined,
      data: { excerpt: JSON.stringify(excerpt) },
      exchanges: [ex],
    });
  },
});

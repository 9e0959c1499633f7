import { defineGraphqlProbeCheck } from '../../../engines/graphql/types.ts';
import { reportOn } from '../_shared/probe.ts';

export default defineGraphqlProbeCheck({
  id: 'graphql-introspection-enabled',
  title: 'GraphQL introspection is enabled',
  severity: 'medium',
  confidence: 'high',
  owasp: ['API8:2023', 'API9:2023'],
  cwe: ['CWE-200'],
  messages: {
    anonymous:
      'The endpoint answers the introspection query without credentials: anyone downloads the whole schema ({{types}} types, {{mutations}} mutations), hidden and admin operations included. Disable introspection in production.',
    authenticated:
      'The endpoint answers the introspection query to logged-in users ({{as}}): every user downloads the whole schema ({{types}} types, {{mutations}} mutations). Disable it in production or keep it to internal clients.',
  },
  docs: {
    description:
      'Sends the standard introspection query (`__schema { types { … } }`), anonymously first and then as each configured identity, and reports when the server returns the schema.',
    attack:
      'Introspection hands an attacker the complete map of the API: every query, mutation, argument and type, including admin mutations, deprecated fields still served and debug fields nobody meant to publish. It is the first step of every GraphQL attack tool (graphql-cop, InQL, Clairvoyance).',
    fix: 'Turn introspection off in production (Apollo Server `introspection: false`, graphql-js `NoSchemaIntrospectionCustomRule`, GraphQL Yoga `disableIntrospection`), publish the schema to the clients that need it through your registry, and also hide field suggestions.',
  },
  async run(ctx) {
    const got = await ctx.gql.schema(ctx);
    if (!got) return;
    const types = Object.keys(got.schema.getTypeMap()).filter((n) => !n.startsWith('__')).length;
    const mutations = Object.keys(got.schema.getMutationType()?.getFields() ?? {}).length;
    reportOn(ctx, {
      messageId: got.as ? 'authenticated' : 'anonymous',
      severity: got.as ? 'low' : undefined,
      data: { types, mutations, as: got.as },
      exchanges: [got.exchange],
    });
  },
});

import { graphqlDesignChecks } from '../../checks/graphql/registry.ts';
import {
  checkFailed,
  checkMetaOf,
  type FileLocation,
  type Finding,
  fingerprintOf,
  formatMessage,
  ruleConfig,
  sha256,
} from '../../core/index.ts';
import { InputError } from '../../formats/structured.ts';
import type { DefinitionInput, DefinitionLanguage, DefinitionResult } from '../protocols/types.ts';
import { type GqlSchema, schemaFromIntrospection, schemaFromSdl } from './model.ts';
import { claimsGraphql, extensionOf, SDL_EXTENSIONS } from './sniff.ts';
import type { GraphqlDesignCheck } from './types.ts';

function load(input: DefinitionInput): GqlSchema {
  return SDL_EXTENSIONS.includes(extensionOf(input.file))
    ? schemaFromSdl(input.text, input.file)
    : schemaFromIntrospection(input.text, input.absPath, input.file, input.limits);
}

/** Runs the design checks on one parsed schema. A check that throws is a diagnostic; the others go on. */
export function auditSchema(
  schema: GqlSchema,
  input: Pick<DefinitionInput, 'file' | 'projectFile' | 'config' | 'rules'>,
  checks: GraphqlDesignCheck[],
): DefinitionResult {
  const findings: Finding[] = [];
  const diagnostics: DefinitionResult['diagnostics'] = [];
  for (const c of checks) {
    const rc = ruleConfig(input.config, c.id);
    if (!rc.enabled || (input.rules && !input.rules.includes(c.id))) continue;
    try {
      c.check(schema, { ...c.defaultOptions, ...rc.options }, (r) => {
        const template = c.messages[r.messageId];
        if (template === undefined) throw new Error(`unknown messageId "${r.messageId}"`);
        const location: FileLocation = { kind: 'file', file: input.file, ...r.node.region };
        if (r.node.pointer) location.pointer = r.node.pointer;
        const hash = sha256(r.coordinate).slice(0, 16);
        findings.push({
          ruleId: c.id,
          stage: 'design',
          severity: rc.severity ?? r.severity ?? c.severity,
          confidence: c.confidence,
          title: c.title,
          message: formatMessage(template, r.data),
          owasp: c.owasp,
          cwe: c.cwe,
          location,
          evidence: { snippet: r.coordinate, hash },
          remediation: c.docs.fix,
          // The project-relative file, so a baseline matches from any working directory.
          fingerprint: fingerprintOf(c.id, { ...location, file: input.projectFile }, hash),
        });
      });
    } catch (e) {
      diagnostics.push(checkFailed(c.id, e, 'on this file', input.file));
    }
  }
  return { findings, diagnostics };
}

export const graphqlLanguage: DefinitionLanguage = {
  name: 'GraphQL schema',
  extensions: SDL_EXTENSIONS,
  claims: claimsGraphql,
  async checks() {
    return (await graphqlDesignChecks()).map(checkMetaOf);
  },
  async audit(input) {
    let schema: GqlSchema;
    try {
      schema = load(input);
    } catch (e) {
      const err = e instanceof InputError ? e : new InputError(String((e as Error)?.message ?? e), input.file);
      return {
        findings: [],
        diagnostics: [{ level: 'error', message: err.message, file: input.file, line: err.line, column: err.column }],
      };
    }
    return auditSchema(schema, input, await graphqlDesignChecks());
  },
};

/**
 * Structure-aware extraction for `rampart secrets`: the fragments to scan for a file whose format puts
 * a credential's name and value apart (Postman collections and environments, Jupyter notebooks,
 * Kubernetes Secrets, Compose and CI environment blocks, OpenAPI examples, any JSON or YAML with
 * `{name, value}` pairs such as HAR headers or Kubernetes `env`), or hides the value (base64 in Secrets,
 * JSON escapes in bodies, scripts and notebook cells).
 *
 * `extractFragments(file, text)` returns undefined for a file to be scanned as plain text (most files:
 * the check is a few cheap regular expressions), else the fragments to scan instead:
 *
 * 1. the file's own text with the extracted values blanked out (same length, same line breaks), so that
 *    everything else is scanned as usual and no secret is reported twice;
 * 2. one fragment per extracted value: `key = "value"` when its name matters, else the decoded text,
 *    with `pointer` set and `locate` mapping matches back to the value's place in the file.
 */
import type { Fragment } from '../types.ts';
import { envDefaultPieces } from './compose.ts';
import { parseJsonDoc, parseYamlDocs, type StructDoc } from './docs.ts';
import { isKubernetesSecret, secretPieces } from './kubernetes.ts';
import { isNotebook, notebookOptions } from './notebook.ts';
import { dropSharedExamples, isOpenApi, openApiPieces } from './openapi.ts';
import { type Piece, type WalkOptions, walk } from './pieces.ts';
import { assignmentOf, Lines, mappedFragment, masked } from './positions.ts';
import { isPostmanCollection, isPostmanVariables, postmanOptions } from './postman.ts';

export { decodeBase64Text } from './kubernetes.ts';

/** Above these sizes a file is scanned as plain text only (parsing costs more than it finds). */
const MAX_JSON = 32 * 1024 * 1024;
const MAX_YAML = 8 * 1024 * 1024;

const CREDENTIAL_WORD = /pass|pwd|secret|token|api.?key|auth|credential|private.?key/i;

/** Is a JSON file worth parsing? Formats we know, or pairs/escapes near a credential word. */
function jsonWorthIt(file: string, text: string): boolean {
  if (file.endsWith('.ipynb') || /"_postman_id"|getpostman\.com|"_postman_variable_scope"|"nbformat"/.test(text)) return true;
  if (/"kind"\s*:\s*"(?:Secret|List)"/.test(text) || /"(?:openapi|swagger)"\s*:/.test(text)) return true;
  if (/"(?:value|Value)"\s*:/.test(text) && /"(?:key|name|Key|Name)"\s*:/.test(text) && CREDENTIAL_WORD.test(text)) return true;
  return /\\["n]/.test(text) && CREDENTIAL_WORD.test(text);
}

/** Is a YAML file worth parsing? */
function yamlWorthIt(text: string): boolean {
  if (/^\s*kind:\s*["']?(?:Secret|List)\b/m.test(text) || /^(?:openapi|swagger):/m.test(text)) return true;
  if (/^\s*(?:-\s+)?(?:name|key):[^\n]*\n\s*value:/im.test(text) && CREDENTIAL_WORD.test(text)) return true;
  if (/(?:pass|pwd|secret|token|key|auth|credential)[\w.-]*["']?:[ \t]*(?:[|>][-+]?[ \t]*$|\n\s+value:)/im.test(text)) return true;
  if (/\$\{\w{1,80}:?[-=][^}\n]/.test(text) && /^\s*(?:environment|env|variables|args):/m.test(text)) return true;
  return /"[^"\n]*\\[nu"][^"\n]*"/.test(text) && CREDENTIAL_WORD.test(text);
}

function kindOf(file: string, text: string): 'json' | 'yaml' | undefined {
  const lower = file.toLowerCase();
  if (/\.(?:json|ipynb|har|postman_collection|postman_environment|postman_globals)$/.test(lower)) {
    return text.length <= MAX_JSON && jsonWorthIt(lower, text) ? 'json' : undefined;
  }
  if (/\.ya?ml$/.test(lower)) return text.length <= MAX_YAML && yamlWorthIt(text) ? 'yaml' : undefined;
  return undefined;
}

/** The walk options for a document: the format's own, plus the hooks every document gets. */
function optionsFor(file: string, doc: StructDoc): WalkOptions {
  const v = doc.value;
  const base: WalkOptions = isPostmanCollection(v) || isPostmanVariables(v) ? postmanOptions : isNotebook(file, v) ? notebookOptions : {};
  const openapi = isOpenApi(v);
  return {
    ...base,
    visit(node, pointer, key, add) {
      base.visit?.(node, pointer, key, add);
      if (pointer === '' || isKubernetesSecret(node)) secretPieces(doc, node, pointer, add);
      envDefaultPieces(doc, node, pointer, key, add);
      if (openapi) openApiPieces(doc, node, pointer, add);
    },
  };
}

export function extractFragments(file: string, text: string): Fragment[] | undefined {
  const kind = kindOf(file, text);
  if (!kind) return undefined;
  const lines = new Lines(text);
  const docs =
    kind === 'json' ? [parseJsonDoc(file, text, lines)].filter((d): d is StructDoc => d !== undefined) : parseYamlDocs(file, text);
  const pieces: Piece[] = [];
  for (const doc of docs) {
    const found = walk(doc, optionsFor(file, doc));
    pieces.push(...(isOpenApi(doc.value) ? dropSharedExamples(found) : found));
  }
  if (pieces.length === 0) return undefined;
  const spans: [number, number][] = [];
  const fragments: Fragment[] = [];
  for (const p of pieces) {
    const span = p.value.fullSpan();
    if (span) spans.push(span);
    fragments.push(mappedFragment(file, p.key !== undefined ? assignmentOf(p.key, p.value) : p.value, lines, p.pointer));
  }
  return [{ file, text: masked(text, spans) }, ...fragments];
}

/** `--rule`: which checks or rules a run is limited to, checked against the ids that exist. */
import { closest } from '../core/index.ts';
import { UsageError } from './errors.ts';

/** What `--rule` selects: design checks (`audit`) or secret rules (`secrets`), for error messages. */
export interface RuleKind {
  noun: string;
  /** The command that lists them. */
  lister: string;
}

const CHECKS: RuleKind = { noun: 'check', lister: '`rampart rules`' };

/** `--rule a,b --rule c` → ['a', 'b', 'c'], each checked against the registry. */
export function parseRules(flag: string[] | undefined, known: string[], kind: RuleKind = CHECKS): string[] | undefined {
  if (!flag) return undefined;
  const ids = [
    ...new Set(
      flag
        .flatMap((r) => r.split(','))
        .map((r) => r.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length === 0)
    throw new UsageError(`--rule: give at least one ${kind.noun === 'check' ? 'check' : 'rule'} id (${kind.lister} lists them)`);
  for (const id of ids) {
    if (!known.includes(id)) {
      const hint = closest(id, known);
      throw new UsageError(
        `--rule ${id}: unknown ${kind.noun}${hint ? ` (did you mean "${hint}"?)` : ''}; ${kind.lister} lists them${kind === CHECKS ? ' all' : ''}`,
      );
    }
  }
  return ids;
}

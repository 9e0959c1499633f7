/**
 * Operation names that look administrative or destructive: the verb must be a whole word at the start
 * (`deleteUser`, `Delete_User`, `AdminListUsers`), not a prefix of another word (`Deleted`, `Executor`).
 */
// Longest first, so `execute` wins over `exec`.
const ADMIN_VERBS = ['setroles', 'shutdown', 'execute', 'setrole', 'delete', 'admin', 'reset', 'grant', 'purge', 'exec', 'drop'];

export function adminVerb(name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const v of ADMIN_VERBS) {
    if (!lower.startsWith(v)) continue;
    const next = name.charAt(v.length);
    if (next === '' || !/[a-z]/.test(next)) return name.slice(0, v.length);
  }
  return undefined;
}

const READ_VERBS = /^(?:get|list|find|search|query|read|fetch|lookup|describe|check|ping|echo|status|version|validate|calculate|convert)/i;

/** Names that read rather than change (the probe only makes these run when it bends the rules). */
export function looksReadOnly(name: string): boolean {
  const m = READ_VERBS.exec(name);
  return !!m && !/[a-z]/.test(name.charAt(m[0].length));
}

import type { Command } from 'commander';
import { UsageError } from '../errors.ts';
import type { CliIO } from '../io.ts';

/** `rampart init` (placeholder: being built). */
export function defineInitCommand(cmd: Command, _io: CliIO, _result: { code: number }): Command {
  return cmd.summary('(not built yet)').action(() => {
    throw new UsageError('rampart init is not built yet');
  });
}

import type { Command } from 'commander';
import { UsageError } from '../errors.ts';
import type { CliIO } from '../io.ts';

/** `rampart history` (placeholder: being built). */
export function defineHistoryCommand(cmd: Command, _io: CliIO, _result: { code: number }): Command {
  return cmd.summary('(not built yet)').action(() => {
    throw new UsageError('rampart history is not built yet');
  });
}

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT } from '../../core/index.ts';
import { discoverProject } from '../../engines/scan/discover.ts';
import { initConfig } from '../../engines/scan/init.ts';
import { UsageError } from '../errors.ts';
import type { CliIO } from '../io.ts';
import { shownPath, writeOutputFile } from '../prepare.ts';

export interface InitFlags {
  force?: boolean;
}

/** Declares `rampart init`. */
export function defineInitCommand(cmd: Command, io: CliIO, result: { code: number }): Command {
  return cmd
    .summary('write a commented rampart.config.yaml from what is in the project')
    .description(
      'Look at DIR (API definitions, Postman collections and environments, HAR captures, log files, a git repository) and write DIR/rampart.config.yaml: what was found as live keys, everything else as commented examples. `rampart scan` then reads it. Refuses to overwrite an existing file without --force.',
    )
    .argument('[dir]', 'the project directory (default: .)')
    .option('--force', 'overwrite an existing rampart.config.yaml')
    .addHelpText('after', '\nExamples:\n  rampart init\n  rampart init services/orders --force\n')
    .action(async (dir: string | undefined, flags: InitFlags) => {
      result.code = initCommand(dir ?? '.', flags, io);
    });
}

export function initCommand(dirArg: string, flags: InitFlags, io: CliIO): number {
  const dir = resolve(io.cwd, dirArg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dirArg}: no such directory`);
  const file = resolve(dir, 'rampart.config.yaml');
  const shown = shownPath(file, io.cwd);
  if (existsSync(file) && !flags.force) throw new UsageError(`${shown} exists already; --force overwrites it`);
  const found = discoverProject(dir);
  writeOutputFile(file, shown, initConfig(found), 'the config');
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const what = [
    n(found.openapi.length + found.otherDefinitions.length, 'API definition'),
    n(found.collections.length + found.environments.length, 'Postman file'),
    n(found.har.length, 'HAR capture'),
    n(found.logs.length, 'log file'),
    found.gitRoot ? 'a git repository' : 'no git repository',
  ];
  io.stdout(`Wrote ${shown}: found ${what.join(', ')}.\n`);
  for (const f of [...found.openapi, ...found.otherDefinitions.map((d) => d.file)]) io.stdout(`  definition  ${shownPath(f, io.cwd)}\n`);
  for (const f of [...found.collections, ...found.environments]) io.stdout(`  postman     ${shownPath(f, io.cwd)}\n`);
  for (const f of found.har) io.stdout(`  traffic     ${shownPath(f, io.cwd)}\n`);
  for (const f of found.logs) io.stdout(`  logs        ${shownPath(f, io.cwd)}\n`);
  io.stdout(
    `Next: set target: (the running API) and probe.identities in it, then run \`rampart scan${dirArg === '.' ? '' : ` ${dirArg}`}\`.\n`,
  );
  return EXIT.ok;
}

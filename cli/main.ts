#!/usr/bin/env -S node --max-semi-space-size=32
/**
 * The `servicegraph` command: one declared command per word (cli/command.ts
 * says how to add one). `servicegraph --help` lists them; `servicegraph
 * <command> --help` shows a command's arguments and options.
 */
import 'reflect-metadata';
import { ConfigError } from '../config/config';
import { CompositionError } from '../gateway/compose';
import { commandList, runCommand } from './command';
import { COMMANDS, PROGRAM } from './commands';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const asked = name === 'help' ? rest[0] : undefined;
    const command = COMMANDS.find((c) => c.name === asked);
    if (asked !== undefined && !command) {
      process.stderr.write(`${PROGRAM}: unknown command "${asked}"\n\n${commandList(PROGRAM, COMMANDS)}`);
      return 2;
    }
    // `servicegraph help <command>` is `servicegraph <command> --help`.
    if (command) return runCommand(PROGRAM, command, ['--help']);
    (name === undefined ? process.stderr : process.stdout).write(commandList(PROGRAM, COMMANDS));
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`${PROGRAM}: unknown command "${name}"\n\n${commandList(PROGRAM, COMMANDS)}`);
    return 2;
  }
  return runCommand(PROGRAM, command, rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    // Configuration and composition errors are the user's to read, without a stack.
    const known = error instanceof ConfigError || error instanceof CompositionError;
    process.stderr.write(known ? `${PROGRAM}: ${error.message}\n` : `${PROGRAM}: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);

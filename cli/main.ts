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
import { startTracing, stopTracing } from '../observability/tracing';

/** The OpenTelemetry `service.name` of each long-running command (OTEL_SERVICE_NAME overrides it). */
function serviceNameOf(command: string, rest: readonly string[]): string | undefined {
  switch (command) {
    case 'start':
    case 'demo':
      return 'servicegraph-hub';
    case 'gateway':
      return 'servicegraph-gateway';
    case 'subgraph':
      return `servicegraph-${rest.find((arg) => !arg.startsWith('-')) ?? 'subgraph'}`;
    default:
      return undefined;
  }
}

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
  // Traces only when OTEL_EXPORTER_OTLP_ENDPOINT is set (observability/tracing.ts); flushed when the command ends. Not for --help.
  const serviceName = serviceNameOf(name, rest);
  if (serviceName === undefined || rest.includes('--help') || rest.includes('-h')) return runCommand(PROGRAM, command, rest);
  await startTracing(serviceName);
  try {
    return await runCommand(PROGRAM, command, rest);
  } finally {
    await stopTracing();
  }
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

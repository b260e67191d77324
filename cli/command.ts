/**
 * A command of the `servicegraph` command line, declared once: its name, what
 * it does, its arguments and options (node:util `parseArgs` options, each with
 * the text `--help` shows), and what it runs with the parsed values. From the
 * declaration come the command's `--help`, the list of commands, and a strict
 * parse: an unknown option, a missing or extra argument, or an option without
 * its value is refused with the command's usage and exit code 2, before the
 * command does anything.
 *
 * Adding a command: declare it with {@link defineCommand} next to what it
 * runs, for example
 *
 *   export const tokenCommand = defineCommand({
 *     name: 'token',
 *     summary: 'print a signed token for a principal',
 *     options: {
 *       scope: { type: 'string', multiple: true, value: 'SCOPE', description: 'a scope to grant (repeatable)' },
 *       ttl: { type: 'string', value: 'SECONDS', description: 'lifetime (default 3600)' },
 *     },
 *     run: async ({ scope, ttl }) => { ...; return 0; },
 *   });
 *
 * and add it to COMMANDS in cli/commands.ts. `--help` and `-h` are added to every
 * command; a value that needs checking beyond its presence (a port, a number)
 * is checked in `run` by throwing a {@link UsageError}, which is printed with
 * the usage like a parse error.
 */
import { parseArgs } from 'node:util';

/** A command-line mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}

/** One option: `parseArgs`'s description of it, plus what `--help` says. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  /** The placeholder of its value in the help (`N`, `URL`); string options only. */
  readonly value?: string;
  readonly description: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The parsed values: strings or booleans, arrays for `multiple`, absent when not given. */
export type OptionValues<O extends OptionSpecs> = {
  readonly [K in keyof O]?: O[K] extends { type: 'boolean' }
    ? (O[K] extends { multiple: true } ? boolean[] : boolean)
    : (O[K] extends { multiple: true } ? string[] : string);
};

/** A positional argument; all of a command's arguments are required, in order. */
export interface ArgumentSpec {
  readonly name: string;
  readonly description: string;
}

export interface Command<O extends OptionSpecs = OptionSpecs> {
  /** The word after `servicegraph`. */
  readonly name: string;
  /** One line, for the list of commands. */
  readonly summary: string;
  /** More, for the command's `--help` (optional). */
  readonly description?: string;
  readonly arguments?: readonly ArgumentSpec[];
  readonly options: O;
  /** Runs the command; resolves to the process's exit code. */
  run(values: OptionValues<O>, args: readonly string[]): Promise<number>;
}

/** Declares a command (typing its `run` by its options). */
export function defineCommand<O extends OptionSpecs>(command: Command<O>): Command<O> {
  return command;
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help and do nothing else' };

/** The parse of a command's arguments: asked for help, or its values and arguments. */
export type Parsed<O extends OptionSpecs> = { readonly help: true } | { readonly help: false; readonly values: OptionValues<O>; readonly args: string[] };

/**
 * Parses `argv` (what follows the command's name) strictly.
 * @throws {UsageError} for an unknown option, an option without its value, or missing or extra arguments.
 */
export function parseCommand<O extends OptionSpecs>(command: Command<O>, argv: readonly string[]): Parsed<O> {
  // --help wins over everything else on the line, even a mistake: it is what the user asked for.
  const beforeTerminator = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (beforeTerminator.some((arg) => arg === '--help' || arg === '-h')) return { help: true };
  const options = Object.fromEntries(Object.entries(command.options).map(([name, spec]) => [name, parseArgsOption(spec)]));
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const expected = command.arguments ?? [];
  if (parsed.positionals.length !== expected.length) {
    const got = parsed.positionals.length ? parsed.positionals.map((p) => JSON.stringify(p)).join(' ') : 'none';
    throw new UsageError(expected.length === 0
      ? `expected no arguments, only options; got ${got}`
      : `expected ${expected.map((a) => `<${a.name}>`).join(' ')}; got ${got}`);
  }
  return { help: false, values: parsed.values as OptionValues<O>, args: parsed.positionals };
}

function parseArgsOption(spec: OptionSpec) {
  return { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) };
}

const HELP_WIDTH = 100;
const DESCRIPTION_COLUMN = 24;

/** Words of `text` in lines of at most `width` characters (a longer word keeps a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** The synopsis line: `servicegraph subgraph <name> [options]`. */
export function commandSynopsis(program: string, command: Command): string {
  return [program, command.name, ...(command.arguments ?? []).map((a) => `<${a.name}>`), '[options]'].join(' ');
}

/** The command's `--help`: synopsis, description, arguments and every option with its text. */
export function commandHelp(program: string, command: Command): string {
  const rows = (entries: [string, string][]) => entries.map(([left, right]) => {
    const lines = wrap(right, HELP_WIDTH - DESCRIPTION_COLUMN);
    const first = left.length + 4 > DESCRIPTION_COLUMN ? [`  ${left}`, `${' '.repeat(DESCRIPTION_COLUMN)}${lines[0]}`] : [`  ${left.padEnd(DESCRIPTION_COLUMN - 2)}${lines[0]}`];
    return [...first, ...lines.slice(1).map((line) => `${' '.repeat(DESCRIPTION_COLUMN)}${line}`)].join('\n');
  }).join('\n');
  const options = { ...command.options, help: HELP };
  const optionRows: [string, string][] = Object.entries(options).map(([name, spec]) => [
    `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}${spec.multiple ? ' ...' : ''}`,
    spec.description,
  ]);
  return [
    `usage: ${commandSynopsis(program, command)}`,
    '',
    command.description ?? command.summary,
    ...(command.arguments?.length ? ['', 'arguments:', rows(command.arguments.map((a) => [`<${a.name}>`, a.description]))] : []),
    '',
    'options:',
    rows(optionRows),
    '',
  ].join('\n');
}

/** The list of commands, for `servicegraph --help`. */
export function commandList(program: string, commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 4;
  return [
    `usage: ${program} <command> [options]`,
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `\`${program} <command> --help\` shows a command's arguments and options.`,
    '',
  ].join('\n');
}

/** Where a command line writes; injected by tests. */
export interface CommandIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/**
 * Parses and runs one command: its help (exit 0), its usage after a mistake
 * (exit 2), or what it runs (its exit code). A {@link UsageError} thrown by
 * `run` (a value that does not check out) is answered like a parse error.
 */
export async function runCommand(program: string, command: Command, argv: readonly string[], io: CommandIO = process): Promise<number> {
  try {
    const parsed = parseCommand(command, argv);
    if (parsed.help) {
      io.stdout.write(commandHelp(program, command));
      return 0;
    }
    return await command.run(parsed.values, parsed.args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${program} ${command.name}: ${error.message}\n\n${commandHelp(program, command)}`);
    return 2;
  }
}

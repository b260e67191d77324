/**
 * The command line as users expect it: every command answers --help with its
 * options and does nothing else; an unknown option, a missing or an extra
 * argument is refused with the command's usage and exit code 2, before the
 * command does anything. Every declared command is parsed in this process
 * with a `run` that records being called; a few lines go to the real binary,
 * with a DATABASE_URL nothing listens on: a command that started its work
 * would fail on it (exit 1) or keep running instead of answering at once.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { commandHelp, defineCommand, parseCommand, runCommand, UsageError, type Command } from '../../cli/command';
import { COMMANDS, PROGRAM } from '../../cli/commands';

const MAIN = path.resolve(__dirname, '..', '..', 'cli', 'main.js');

function servicegraph(...args: string[]) {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:9/nothing', LOG_LEVEL: 'error' },
  });
  assert.equal(result.signal, null, `servicegraph ${args.join(' ')} did not answer at once: it started its work`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a declared command of `servicegraph` in this process, with a `run` that records being called. */
async function inProcess(command: Command, argv: string[]) {
  const out = { stdout: '', stderr: '', ran: false };
  const spy: Command = { ...command, run: async () => { out.ran = true; return 0; } };
  const code = await runCommand(PROGRAM, spy, argv, { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } });
  return { code, ...out };
}

describe('servicegraph <command> --help', () => {
  for (const command of COMMANDS) {
    it(`${command.name} --help prints its usage and every option, and does nothing else`, async () => {
      for (const help of [['--help'], ['-h'], ['--bogus', '--help'], ['extra', '-h']]) {
        const { code, stdout, stderr, ran } = await inProcess(command, help);
        assert.deepEqual({ code, stderr, ran }, { code: 0, stderr: '', ran: false }, `${command.name} ${help.join(' ')}`);
        assert.equal(stdout, commandHelp(PROGRAM, command));
        assert.match(stdout, new RegExp(`^usage: servicegraph ${command.name}`));
        for (const option of Object.keys(command.options)) assert.match(stdout, new RegExp(`\\n  --${option}\\b`), `${command.name} --help shows --${option}`);
      }
    });
  }

  it('the binary: rebuild --help answers at once and rebuilds nothing; --help lists every command; no command is a usage error', () => {
    const help = servicegraph('rebuild', '--help');
    assert.deepEqual({ code: help.code, stderr: help.stderr }, { code: 0, stderr: '' });
    assert.equal(help.stdout, commandHelp(PROGRAM, COMMANDS.find((c) => c.name === 'rebuild')!));
    const list = servicegraph('--help');
    assert.equal(list.code, 0);
    for (const command of COMMANDS) assert.match(list.stdout, new RegExp(`^  ${command.name} +${command.summary.replace(/[()*.]/g, '\\$&')}$`, 'm'));
    const none = servicegraph();
    assert.equal(none.code, 2);
    assert.equal(none.stderr, list.stdout);
  });
});

describe('servicegraph refuses what it does not know', () => {
  for (const command of COMMANDS) {
    it(`${command.name} --bogus and ${command.name} with an argument too many are refused with the usage, exit 2, before running`, async () => {
      const args = (command.arguments ?? []).map(() => 'billing');
      const bogus = await inProcess(command, [...args, '--bogus']);
      assert.deepEqual({ code: bogus.code, stdout: bogus.stdout, ran: bogus.ran }, { code: 2, stdout: '', ran: false });
      assert.match(bogus.stderr, new RegExp(`^servicegraph ${command.name}: Unknown option '--bogus'`));
      assert.ok(bogus.stderr.endsWith(`\n\n${commandHelp(PROGRAM, command)}`), 'the usage follows the mistake');
      const extra = await inProcess(command, [...args, 'extra']);
      assert.deepEqual({ code: extra.code, ran: extra.ran }, { code: 2, ran: false });
      assert.match(extra.stderr, new RegExp(`^servicegraph ${command.name}: expected .*; got .*"extra"`));
    });
  }

  it('the binary: start --bogus does not start; an unknown command, a missing argument, a value missing or wrong are refused', () => {
    const bogus = servicegraph('start', '--bogus');
    assert.equal(bogus.code, 2);
    assert.match(bogus.stderr, /^servicegraph start: Unknown option '--bogus'[^]*\n\nusage: servicegraph start \[options\]\n/);
    const unknown = servicegraph('strat');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^servicegraph: unknown command "strat"\n\nusage: servicegraph <command>/);
    const missing = servicegraph('subgraph');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^servicegraph subgraph: expected <name>; got none\n/);
    const noValue = servicegraph('gateway', '--port');
    assert.equal(noValue.code, 2);
    assert.match(noValue.stderr, /^servicegraph gateway: Option '--port <value>' argument missing/);
    const badValue = servicegraph('demo', '--rate', 'fast');
    assert.equal(badValue.code, 2);
    assert.match(badValue.stderr, /^servicegraph demo: --rate expects a positive number of events per second, but got "fast"/);
  });
});

describe('a declared command', () => {
  const ran: unknown[] = [];
  const command = defineCommand({
    name: 'report',
    summary: 'write a report',
    arguments: [{ name: 'view', description: 'which report' }],
    options: {
      format: { type: 'string', value: 'FORMAT', description: 'csv or json' },
      month: { type: 'string', multiple: true, value: 'YYYY-MM', description: 'a month to include; repeatable' },
      quiet: { type: 'boolean', short: 'q', description: 'no progress lines' },
    },
    run: async (values, args) => {
      ran.push({ values: { ...values }, args });
      if (values.format !== undefined && values.format !== 'csv' && values.format !== 'json') throw new UsageError(`--format expects csv or json, got "${values.format}"`);
      return 0;
    },
  });
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
  };

  it('gets its values typed and parsed strictly', () => {
    const plain = (parsed: ReturnType<typeof parseCommand>) => (parsed.help ? parsed : { ...parsed, values: { ...parsed.values } });
    assert.deepEqual(plain(parseCommand(command, ['aging', '--format', 'csv', '--month', '2026-01', '--month=2026-02', '-q'])),
      { help: false, values: { format: 'csv', month: ['2026-01', '2026-02'], quiet: true }, args: ['aging'] });
    assert.deepEqual(plain(parseCommand(command, ['--', '--help'])), { help: false, values: {}, args: ['--help'] }, 'after --, --help is an argument');
    assert.throws(() => parseCommand(command, ['aging', '--formt', 'csv']), UsageError);
    assert.throws(() => parseCommand(command, ['aging', 'dso']), /expected <view>; got "aging" "dso"/);
  });

  it('runs only when the line is right; a value its run refuses gets the usage too', async () => {
    ran.length = 0;
    const help = io();
    assert.equal(await runCommand('servicegraph', command, ['--help', 'aging'], help.io), 0);
    assert.match(help.out.stdout, /^usage: servicegraph report <view> \[options\]\n/);
    assert.match(help.out.stdout, /\n  --month YYYY-MM \.\.\. +a month to include; repeatable\n/);
    assert.match(help.out.stdout, /\n  -q, --quiet +no progress lines\n/);
    const bad = io();
    assert.equal(await runCommand('servicegraph', command, ['aging', '--format', 'xml'], bad.io), 2);
    assert.equal(bad.out.stderr, `servicegraph report: --format expects csv or json, got "xml"\n\n${commandHelp('servicegraph', command)}`);
    assert.equal(ran.length, 1, 'only the line with a bad value reached run');
  });
});

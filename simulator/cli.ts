/**
 * `servicegraph simulate`: generate the simulated firm, deliver it in a mode,
 * post it to a running hub, and optionally print the oracle's expected figures.
 * Declared as a command (cli/command.ts) for cli/main.ts; tests and the demo
 * call {@link runSimulateCommand}.
 */
import { defineCommand, runCommand, UsageError, type Command, type CommandIO, type OptionSpecs, type OptionValues } from '../cli/command';
import type { BusinessEvent } from '../events/types';
import { DELIVERY_MODES, deliver, isDeliveryMode, type DeliveryMode } from './delivery';
import { firmEvents, firmSize, scaleForEvents, type FirmOptions } from './firm';
import { Oracle } from './oracle';
import { PostError, postEvents } from './post';

/** `servicegraph simulate`'s options (help texts included); `servicegraph demo` forwards some of them. */
export const SIMULATE_OPTIONS = {
  seed: { type: 'string', value: 'S', description: 'names the firm: same seed, same events (default 1)' },
  events: { type: 'string', value: 'N', description: 'approximate number of events to generate (default ~2600)' },
  scale: { type: 'string', value: 'X', description: 'size of the firm instead of --events (1 ≈ 2600 events)' },
  months: { type: 'string', value: 'M', description: 'months of work (default grows with the size, at least 2)' },
  mode: { type: 'string', value: 'M', description: `${DELIVERY_MODES.join(' | ')} (default in-order)` },
  window: { type: 'string', value: 'N', description: 'shuffled: events held at once (default all); interleaved: largest lag of a source; duplicates: how far a copy may trail (default 2000)' },
  url: { type: 'string', value: 'URL', description: 'ingest endpoint (default http://127.0.0.1:4010/events)' },
  token: { type: 'string', value: 'JWT', description: 'a bearer token with events:write when the hub runs with AUTH=jwt (default: $SERVICEGRAPH_TOKEN)' },
  batch: { type: 'string', value: 'N', description: 'events per request, at most 1000 (default 500)' },
  concurrency: { type: 'string', value: 'N', description: 'requests in flight (default 1; ordered delivery needs 1)' },
  rate: { type: 'string', value: 'N', description: 'events per second to keep to (default: as fast as the hub answers)' },
  illegal: { type: 'boolean', description: 'append a few events that break a lifecycle rule' },
  'print-oracle': { type: 'boolean', description: 'write the expected figures (JSON) to stdout' },
  'no-post': { type: 'boolean', description: 'do not post (e.g. only --print-oracle)' },
  quiet: { type: 'boolean', description: 'no progress lines' },
} as const satisfies OptionSpecs;

export type SimulateValues = OptionValues<typeof SIMULATE_OPTIONS>;

interface SimulateArgs {
  readonly firm: FirmOptions;
  readonly mode: DeliveryMode;
  readonly window?: number;
  readonly url: string;
  readonly token: string | undefined;
  readonly batch: number;
  readonly concurrency: number;
  readonly rate?: number;
  readonly printOracle: boolean;
  readonly post: boolean;
  readonly quiet: boolean;
}

function number(name: string, text: string | undefined, check: (n: number) => boolean, expected: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${name} expects ${expected}, but got "${text}"`);
  return n;
}

const positiveInteger = (n: number) => Number.isInteger(n) && n >= 1;

/**
 * Checks the values of simulate's options and fills in the defaults.
 * @throws {UsageError} naming the option, what it expects and what it got.
 */
export function simulateArgs(v: SimulateValues): SimulateArgs {
  const mode = v.mode ?? 'in-order';
  if (!isDeliveryMode(mode)) throw new UsageError(`--mode expects one of ${DELIVERY_MODES.join('|')}, but got "${mode}"`);
  if (v.events !== undefined && v.scale !== undefined) throw new UsageError('--events and --scale both size the firm: give one of them');
  const events = number('events', v.events, positiveInteger, 'a positive integer');
  const scale = number('scale', v.scale, (n) => n > 0, 'a positive number') ?? (events !== undefined ? scaleForEvents(events) : 1);
  const url = v.url ?? 'http://127.0.0.1:4010/events';
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--url expects an absolute http URL, but got "${url}"`);
  }
  const seedText = v.seed ?? '1';
  const seed = /^\d+$/.test(seedText) ? Number(seedText) : seedText;
  return {
    firm: {
      seed,
      scale,
      months: number('months', v.months, (n) => Number.isInteger(n) && n >= 2 && n <= 120, 'an integer from 2 to 120'),
      illegal: v.illegal ?? false,
    },
    mode,
    window: number('window', v.window, positiveInteger, 'a positive integer'),
    url,
    token: v.token ?? (process.env.SERVICEGRAPH_TOKEN || undefined),
    batch: number('batch', v.batch, (n) => positiveInteger(n) && n <= 1000, 'an integer from 1 to 1000') ?? 500,
    concurrency: number('concurrency', v.concurrency, positiveInteger, 'a positive integer') ?? 1,
    rate: number('rate', v.rate, (n) => n > 0, 'a positive number of events per second'),
    printOracle: v['print-oracle'] ?? false,
    post: !(v['no-post'] ?? false),
    quiet: v.quiet ?? false,
  };
}

/** The `simulate` command, writing to `io`. */
export function simulateCommand(io: CommandIO = process): Command<typeof SIMULATE_OPTIONS> {
  return defineCommand({
    name: 'simulate',
    summary: 'post a simulated firm to a running hub',
    description: `Generates a seeded, realistic professional-services firm (CRM, PSA, billing, ERP
events) and posts it to the hub's ingest endpoint. Exit code: 0 done, 1 the hub
refused or rejected events, 2 bad arguments.`,
    options: SIMULATE_OPTIONS,
    run: (values) => simulate(simulateArgs(values), io),
  });
}

/**
 * Runs `servicegraph simulate` with the arguments after the command name.
 * Resolves to the exit code: 0 done, 1 the hub refused or rejected events, 2 bad arguments.
 */
export function runSimulateCommand(argv: readonly string[], io: CommandIO = process): Promise<number> {
  return runCommand('servicegraph', simulateCommand(io), argv, io);
}

async function simulate(a: SimulateArgs, io: CommandIO): Promise<number> {
  const size = firmSize(a.firm);
  const log = (line: string) => {
    if (!a.quiet) io.stderr.write(`${line}\n`);
  };
  log(`simulate: firm seed ${String(a.firm.seed)}, ${size.consultants} consultants over ${size.months} months, delivered ${a.mode}`);

  // The oracle reads the firm in business order, as the delivery pulls it.
  const oracle = a.printOracle ? new Oracle({ unique: true }) : undefined;
  const tapped = function* (): Generator<BusinessEvent> {
    for (const event of firmEvents(a.firm)) {
      oracle?.apply(event);
      yield event;
    }
  };
  const delivery = () => deliver(tapped(), { mode: a.mode, seed: a.firm.seed, window: a.window });

  let code = 0;
  if (a.post) {
    // a quick first pass counts the delivery, so progress can show how far along it is
    let total: number | undefined;
    if (!a.quiet) {
      total = 0;
      for (const _ of deliver(firmEvents(a.firm), { mode: a.mode, seed: a.firm.seed, window: a.window })) total++;
    }
    try {
      const summary = await postEvents(delivery(), {
        url: a.url, token: a.token, batchSize: a.batch, concurrency: a.concurrency, rate: a.rate, total,
        progress: a.quiet ? false : (line) => io.stderr.write(`${line}\n`),
      });
      log(`simulate: posted ${summary.sent} events in ${summary.requests} requests, ${summary.seconds.toFixed(1)} s ` +
        `(${Math.round(summary.sent / Math.max(summary.seconds, 0.001))} events/s): ` +
        `${summary.accepted} accepted, ${summary.duplicates} duplicates, ${summary.rejected} rejected`);
      if (summary.rejected > 0) {
        io.stderr.write(`simulate: the hub rejected ${summary.rejected} events; the first ones:\n`);
        for (const r of summary.rejections) io.stderr.write(`  ${r.source} ${r.id}: ${JSON.stringify(r.errors ?? [])}\n`);
        code = 1;
      }
    } catch (error) {
      if (error instanceof PostError || isConnectionError(error)) {
        io.stderr.write(`simulate: ${describe(error, a.url)}\n`);
        return 1;
      }
      throw error;
    }
  } else if (oracle) {
    for (const _ of delivery()) {
      // the delivery pulls the firm through the oracle
    }
  }
  if (oracle) io.stdout.write(`${JSON.stringify(oracle.figures(), null, 2)}\n`);
  return code;
}

function isConnectionError(error: unknown): boolean {
  return error instanceof TypeError && /fetch failed/i.test(error.message);
}

function describe(error: unknown, url: string): string {
  if (error instanceof PostError && (error.status === 401 || error.status === 403)) {
    return `${error.message}\n  (a hub with AUTH=jwt needs a token with events:write: --token or SERVICEGRAPH_TOKEN; servicegraph token --scope events:write mints one)`;
  }
  if (error instanceof PostError) return error.message;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `could not reach ${url}: ${cause?.code ?? cause?.message ?? String(error)} (is the hub running? servicegraph start)`;
}

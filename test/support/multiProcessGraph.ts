/**
 * The multi-process mode as a user runs it: `servicegraph subgraph <name>`
 * four times and `servicegraph gateway --subgraph name=url ...`, each a child
 * process of the test on a free port, all on the test's database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const MAIN = path.join(__dirname, '..', '..', 'cli', 'main.js');
export const SUBGRAPHS = ['customer', 'project', 'billing', 'revenue'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export interface ServiceProcess {
  /** The GraphQL URL it printed. */
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM, and waits for the exit. Idempotent. */
  stop(): Promise<void>;
}

export interface MultiProcessGraph {
  readonly gatewayUrl: string;
  readonly subgraphs: Record<SubgraphName, ServiceProcess>;
  readonly gateway: ServiceProcess;
  /** Stops the gateway and every subgraph. */
  stop(): Promise<void>;
}

/** Starts `node dist/cli/main.js <args>` and resolves with the URL it prints on its `graphql` line. */
export function startServiceProcess(args: readonly string[], env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  })());
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^\s*graphql\s+(http:\/\/\S+)/m.exec(output);
      if (match && output.includes('Ctrl-C')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ url: match[1], child, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('exit', (code, signal) => reject(new Error(`servicegraph ${args.join(' ')} exited (${code ?? signal}) before it was ready:\n${output}`)));
  });
}

/**
 * `servicegraph gateway` in front of the given subgraph processes, on the hub's
 * database (its subscriptions read the change feed). Several may run at once.
 */
export function startGatewayProcess(subgraphs: Record<SubgraphName, ServiceProcess>, databaseUrl: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
  return startServiceProcess(
    ['gateway', '--port', '0', ...SUBGRAPHS.flatMap((name) => ['--subgraph', `${name}=${subgraphs[name].url}`])],
    { ...env, DATABASE_URL: databaseUrl },
  );
}

/** The four subgraphs and the gateway, each in its own process, on `databaseUrl`, with `env` (e.g. AUTH settings) for all five. */
export async function startMultiProcessGraph(databaseUrl: string, env: Record<string, string> = {}): Promise<MultiProcessGraph> {
  const started: ServiceProcess[] = [];
  try {
    const subgraphs = {} as Record<SubgraphName, ServiceProcess>;
    // allSettled: when one fails to start, the others are stopped too, not left running.
    const starts = await Promise.allSettled(SUBGRAPHS.map(async (name) => {
      const service = await startServiceProcess(['subgraph', name, '--port', '0'], { ...env, DATABASE_URL: databaseUrl });
      started.push(service);
      subgraphs[name] = service;
    }));
    for (const start of starts) if (start.status === 'rejected') throw start.reason;
    const gateway = await startGatewayProcess(subgraphs, databaseUrl, env);
    started.push(gateway);
    return {
      gatewayUrl: gateway.url,
      subgraphs,
      gateway,
      stop: async () => {
        await gateway.stop();
        await Promise.all(SUBGRAPHS.map((name) => subgraphs[name].stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
}

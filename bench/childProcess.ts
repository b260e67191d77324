/**
 * Servers a benchmark measures run as child processes, so the load generator
 * (the benchmark's own process) never shares an event loop with them. Each is
 * started with the inspector on a free loopback port, so a benchmark can take
 * a CPU profile of exactly its measured window (bench/cpuProfile.ts), and is
 * stopped with SIGTERM, the way its own command expects.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { withNodeFlags } from '../cli/nodeFlags';
import { stopOnInterrupt } from './interrupt';

export interface BenchChild {
  readonly pid: number;
  /** The inspector's WebSocket URL (`ws://127.0.0.1:PORT/UUID`). */
  readonly inspectorUrl: string;
  /** Everything the child printed on stdout so far. */
  stdout(): string;
  stop(): Promise<void>;
}

export interface ChildOptions {
  /** Script under dist/, e.g. `cli/main.js`. */
  readonly script: string;
  /** Another build's dist/ to run the script of (a baseline to compare with); default this build's. */
  readonly dist?: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string | undefined>;
  /** Text on stdout that says the child is ready. */
  readonly readyText: string;
  /** Name for messages. */
  readonly name: string;
  readonly readyTimeoutMs?: number;
}

const DIST = path.join(__dirname, '..');

/**
 * A `servicegraph` command (`cli/main.js`) as a child, with the Node flags it
 * has everywhere else (npm start, the bin, Docker; cli/nodeFlags.ts), given
 * as NODE_OPTIONS.
 */
export function startServicegraph(options: Omit<ChildOptions, 'script'>): Promise<BenchChild> {
  return startChild({ ...options, script: 'cli/main.js', env: { NODE_OPTIONS: withNodeFlags(process.env.NODE_OPTIONS), ...options.env } });
}

export function startChild(options: ChildOptions): Promise<BenchChild> {
  const child: ChildProcess = spawn(process.execPath, ['--inspect=127.0.0.1:0', path.join(options.dist ?? DIST, options.script), ...options.args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let inspectorUrl = '';
  return new Promise<BenchChild>((resolve, reject) => {
    const timer = setTimeout(() => {
      forget();
      child.kill('SIGKILL');
      reject(new Error(`${options.name} was not ready within ${(options.readyTimeoutMs ?? 60_000) / 1000} s: ${out}${err}`));
    }, options.readyTimeoutMs ?? 60_000);
    const check = () => {
      if (inspectorUrl && out.includes(options.readyText)) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.once('exit', (code, signal) => {
          if (!stopping) process.stderr.write(`bench: ${options.name} (pid ${child.pid}) exited by itself with ${code ?? signal}\n`);
        });
        resolve(handle);
      }
    };
    let stopping = false;
    // From its start: an interrupt while it gets ready stops it too.
    const forget = stopOnInterrupt(() => handle.stop());
    const handle: BenchChild = {
      pid: child.pid!,
      get inspectorUrl() { return inspectorUrl; },
      stdout: () => out,
      async stop() {
        forget();
        if (child.exitCode !== null || child.signalCode !== null) return;
        stopping = true;
        await new Promise<void>((done) => {
          const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => { clearTimeout(kill); done(); });
          child.kill('SIGTERM');
        });
      },
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      check();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      err += text;
      const found = /Debugger listening on (ws:\/\/\S+)/.exec(err);
      if (found && !inspectorUrl) inspectorUrl = found[1]!;
      // The inspector's own notices are noise; anything else the child says is shown.
      const rest = text.split('\n').filter((line) => line && !/Debugger listening|For help, see: https:\/\/nodejs.org\/en\/docs\/inspector|Debugger attached|Waiting for the debugger/.test(line));
      if (rest.length > 0) process.stderr.write(rest.map((line) => `[${options.name}] ${line}\n`).join(''));
      check();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      forget();
      reject(new Error(`${options.name} exited with ${code ?? signal} before it was ready: ${out}${err}`));
    });
  });
}

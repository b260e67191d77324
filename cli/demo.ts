/**
 * `servicegraph demo`: the running hub fed by the simulated firm at a steady
 * pace, so its figures move while you watch. The firm is seeded: running the
 * demo again re-sends the same events, which the hub acknowledges as duplicates.
 */
import { runSimulateCommand } from '../simulator/cli';
import type { RunningHub } from './hub';
import type { Logger } from './logger';

const DEFAULT_RATE = '50';

export async function runDemo(hub: RunningHub, argv: readonly string[], log: Logger): Promise<void> {
  const args = [...argv];
  if (!args.includes('--rate')) args.push('--rate', DEFAULT_RATE);
  if (!args.includes('--batch')) args.push('--batch', '25');
  log.info(`demo: feeding the simulated firm to ${hub.ingestUrl}/events (${args.join(' ')})`);
  const code = await runSimulateCommand(['--url', `${hub.ingestUrl}/events`, ...args]);
  log.info(code === 0 ? 'demo: the simulated firm has been delivered; the hub keeps running' : `demo: the simulator stopped with code ${code}`);
}

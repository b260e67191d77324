/**
 * `servicegraph demo`: the running hub fed by the simulated firm at a steady
 * pace, so its figures move while you watch. The firm is seeded: running the
 * demo again re-sends the same events, which the hub acknowledges as duplicates.
 */
import { mintToken } from '../access/mintToken';
import type { AuthSettings } from '../access/settings';
import { simulateArgs, simulateCommand, SIMULATE_OPTIONS, type SimulateValues } from '../simulator/cli';
import type { RunningHub } from './hub';
import type { Logger } from './logger';

/** The simulator's options the demo takes (the URL is the hub's own); defaults: 50 events/s in requests of 25. */
export const DEMO_SIMULATE_OPTIONS = {
  seed: SIMULATE_OPTIONS.seed,
  events: SIMULATE_OPTIONS.events,
  scale: SIMULATE_OPTIONS.scale,
  months: SIMULATE_OPTIONS.months,
  mode: SIMULATE_OPTIONS.mode,
  window: SIMULATE_OPTIONS.window,
  rate: { ...SIMULATE_OPTIONS.rate, description: 'events per second to keep to (default 50)' },
  batch: { ...SIMULATE_OPTIONS.batch, description: 'events per request, at most 1000 (default 25)' },
  illegal: SIMULATE_OPTIONS.illegal,
  token: SIMULATE_OPTIONS.token,
} as const;

const DEMO_DEFAULTS = { rate: '50', batch: '25' };

/**
 * Checks the demo's simulator options before anything starts.
 * @throws {UsageError} as `servicegraph simulate` would.
 */
export function checkDemoOptions(values: SimulateValues): void {
  simulateArgs({ ...DEMO_DEFAULTS, ...values });
}

export async function runDemo(hub: RunningHub, values: SimulateValues, log: Logger, auth: AuthSettings): Promise<void> {
  const token = values.token ?? (process.env.SERVICEGRAPH_TOKEN || undefined) ?? await demoToken(auth, log);
  const options = { ...DEMO_DEFAULTS, ...values, url: `${hub.ingestUrl}/events`, ...(token ? { token } : {}) };
  log.info(`demo: feeding the simulated firm to ${options.url} (${options.rate} events/s)`);
  const code = await simulateCommand().run(options, []);
  log.info(code === 0 ? 'demo: the simulated firm has been delivered; the hub keeps running' : `demo: the simulator stopped with code ${code}`);
}

/**
 * With AUTH=jwt the demo's own requests need a token too. Signed with
 * AUTH_JWT_SECRET when that is the key, as `servicegraph token` would; a
 * public key or a key set the hub cannot sign with, so then the token must
 * be given.
 */
async function demoToken(auth: AuthSettings, log: Logger): Promise<string | undefined> {
  if (auth.mode !== 'jwt') return undefined;
  if (auth.key.kind !== 'secret') {
    log.warn('demo: AUTH=jwt with a key the hub cannot sign with: give the demo a token with events:write (--token or SERVICEGRAPH_TOKEN)');
    return undefined;
  }
  // As long as a demo may run: its requests carry the token to the end.
  return mintToken(auth.key.secret, { subject: 'demo', scopes: ['events:write'], ttlSeconds: 30 * 86_400, issuer: auth.issuer, audience: auth.audience });
}
